import { Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ChangeLogRepository } from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { DeliveryWorker } from '../applications/delivery.worker';
import { GatewayConfig } from '../config/gateway.config';
import { ChangeFeed } from './change-feed';
import { ChangeNotifier } from './change-notifier';
import { ChangesResolver } from './changes.resolver';
import { readWebhookTargets } from './webhook.config';
import { WebhookSender } from './webhook.sender';

/**
 * Change notifications: golden-record changes to every department holding a
 * record of the applicant — as signed webhooks through the outbox (fan-out
 * here, delivery by the applications' worker) and as the `applicantChanged`
 * subscription for systems that keep a connection.
 */
@Module({
  imports: [ApplicationsModule],
  providers: [
    {
      provide: ChangeLogRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new ChangeLogRepository(dataSource),
    },
    {
      provide: WebhookSender,
      inject: [GatewayConfig],
      // Read at boot: a bad `<DEPT>_WEBHOOK_URL` or secret stops the gateway naming it.
      useFactory: (config: GatewayConfig) =>
        new WebhookSender(readWebhookTargets(config.raw), config.changes.webhookTimeoutMs),
    },
    ChangeNotifier,
    ChangeFeed,
    ChangesResolver,
  ],
  exports: [ChangeNotifier, ChangeFeed],
})
export class ChangesModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly worker: DeliveryWorker,
    private readonly sender: WebhookSender,
  ) {}

  onModuleInit(): void {
    this.worker.handle('CHANGE_NOTICE', (delivery) => this.sender.send(delivery));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sender.close();
  }
}
