import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AuditRecord, ExchangeFacts } from '@oncegate/audit';
import { AuditRepository } from '@oncegate/registry';
import { GatewayConfig } from '../config/gateway.config';
import { Metrics } from '../metrics/metrics';

interface Waiting {
  facts: ExchangeFacts;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

/**
 * The audit trail's writer, with group commit: exchanges that arrive while a
 * batch is being written wait and go together in the next one, so a busy
 * gateway pays one transaction per batch, not per request. Each caller gets
 * its record once the batch is committed — or the error, which the caller
 * turns into AUDIT_UNAVAILABLE (fail closed). On shutdown the open batch is
 * written before the process ends.
 */
@Injectable()
export class AuditLog implements OnApplicationShutdown {
  private readonly logger = new Logger(AuditLog.name);
  private queue: Waiting[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly repository: AuditRepository,
    private readonly config: GatewayConfig,
    private readonly metrics: Metrics,
  ) {}

  get enabled(): boolean {
    return this.config.auditEnabled;
  }

  /** Appends one exchange; resolves when it is committed. */
  record(facts: ExchangeFacts): Promise<AuditRecord> {
    return new Promise<AuditRecord>((resolve, reject) => {
      this.queue.push({ facts, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Writes batches until nothing waits. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.config.auditBatchMax);
        const started = performance.now();
        try {
          const records = await this.repository.append(batch.map((w) => w.facts));
          this.metrics.auditAppended(batch.length, (performance.now() - started) / 1000, true);
          batch.forEach((w, i) => w.resolve(records[i]));
        } catch (error) {
          this.metrics.auditAppended(batch.length, (performance.now() - started) / 1000, false);
          this.logger.error(
            `Audit records could not be written (${batch.length} exchanges refused): ${error instanceof Error ? error.message : String(error)}`,
          );
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits for every exchange queued so far to be written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
