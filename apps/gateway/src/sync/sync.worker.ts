import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  LandPlanningPort,
  ProjectApprovalPort,
  SocialInsurancePort,
  TaxPort,
} from '@oncegate/adapters';
import { RegistryResolver } from '@oncegate/registry';
import { DepartmentSync } from '@oncegate/sync';
import { PinoLogger } from 'nestjs-pino';
import { GatewayConfig } from '../config/gateway.config';

/**
 * Keeps the registry in step with the departments: every `SYNC_INTERVAL_S`
 * seconds, one `DepartmentSync` run (never two at once, here or across
 * replicas). A failed run is logged and simply repeated by the next.
 */
@Injectable()
export class SyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly sync: DepartmentSync;

  constructor(
    private readonly config: GatewayConfig,
    private readonly logger: PinoLogger,
    resolver: RegistryResolver,
    projectApproval: ProjectApprovalPort,
    landPlanning: LandPlanningPort,
    tax: TaxPort,
    socialInsurance: SocialInsurancePort,
  ) {
    this.logger.setContext(SyncWorker.name);
    this.sync = new DepartmentSync(resolver, [
      { system: 'project-approval', changes: (a, l) => projectApproval.changes(a, l) },
      { system: 'land-planning', changes: (a, l) => landPlanning.changes(a, l) },
      { system: 'tax', changes: (a, l) => tax.changes(a, l) },
      { system: 'social-insurance', changes: (a, l) => socialInsurance.changes(a, l) },
    ]);
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.syncIntervalS;
    if (seconds === 0) return;
    const tick = () => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (this.timer !== undefined) this.timer = setTimeout(tick, seconds * 1000);
      });
    };
    // The first run soon after boot, off the boot path.
    this.timer = setTimeout(tick, 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sync; never throws. */
  async runOnce(): Promise<void> {
    const started = Date.now();
    try {
      const report = await this.sync.run('gateway:sync');
      if (report.skipped) {
        this.logger.debug('another sync is running against this database; skipped');
        return;
      }
      this.logger.info(
        { read: report.read, ingest: report.ingest, ms: Date.now() - started },
        'department sync done',
      );
    } catch (error) {
      this.logger.warn(
        { err: error, ms: Date.now() - started },
        'department sync failed; the next run repeats it',
      );
    }
  }
}
