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
import { AuditLog } from '../audit/audit-log';
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
    private readonly audit: AuditLog,
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

  /** Starts no more syncs and lets a running one finish. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
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
      await this.recordExchanges(
        Object.entries(report.read)
          .filter(([, n]) => n > 0)
          .map(([system]) => system),
        started,
        null,
      );
    } catch (error) {
      this.logger.warn(
        { err: error, ms: Date.now() - started },
        'department sync failed; the next run repeats it',
      );
      await this.recordExchanges(
        ['project-approval', 'land-planning', 'tax', 'social-insurance'],
        started,
        error,
      );
    }
  }

  /**
   * A sync that read records from departments is an exchange with each of
   * them (kind SYNC); a failed one, with all four. A record that cannot be
   * written is logged: the sync itself is done (or will be repeated).
   */
  private async recordExchanges(
    systems: readonly string[],
    started: number,
    error: unknown,
  ): Promise<void> {
    if (!this.audit.enabled) return;
    const code =
      error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'SYNC_FAILED';
    try {
      for (const system of systems)
        await this.audit.record({
          at: new Date(started).toISOString(),
          requestId: null,
          consumer: null,
          userId: null,
          purpose: null,
          caseId: null,
          kind: 'SYNC',
          operationName: `sync:${system}`,
          documentHash: null,
          applicants: [],
          dataItems: [],
          departments: [system],
          outcome: error ? 'ERROR' : 'OK',
          errorCodes: error ? [code] : [],
          durationMs: Date.now() - started,
        });
    } catch (failure) {
      this.logger.error({ err: failure }, 'the sync could not be recorded on the audit trail');
    }
  }
}
