import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway.config';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { OutboxBacklog } from './outbox-backlog';

/**
 * Prometheus metrics: the `Metrics` service for every module (GraphQL
 * plugin, access middleware, audit log, department adapters) and, with
 * METRICS=on, `GET /metrics`.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: MetricsModule,
      providers: [Metrics, OutboxBacklog],
      controllers: config.metricsEnabled ? [MetricsController] : [],
      exports: [Metrics],
    };
  }
}
