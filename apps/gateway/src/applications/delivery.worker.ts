import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { isSourceError } from '@oncegate/adapters';
import { sha256Hex } from '@oncegate/audit';
import {
  ApplicationRepository,
  type DeliveryKind,
  type DeliveryOutcome,
  type NewApplicationEvent,
  type StoredDelivery,
} from '@oncegate/registry';
import { ExponentialBackoff } from 'cockatiel';
import { PinoLogger } from 'nestjs-pino';
import { AuditLog } from '../audit/audit-log';
import { GatewayConfig } from '../config/gateway.config';

/** What a receiver answered: its own reference for what it received. */
export interface DeliveryReceipt {
  receiptNo: string;
  receivedAt: Date;
}

/** Sends one delivery of a kind; throws a `SourceError` (or anything) when it did not arrive. */
export type DeliveryHandler = (delivery: StoredDelivery) => Promise<DeliveryReceipt>;

/** The wait before attempt `attempt + 1`: exponential, with decorrelated jitter (cockatiel). */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  let backoff = new ExponentialBackoff({ initialDelay: initialMs, maxDelay: maxMs }).next();
  for (let i = 1; i < attempt; i++) backoff = backoff.next(undefined);
  return Math.round(backoff.duration);
}

/** `CODE: message` of a failure, safe for the history (adapters' messages carry no payload). */
function describe(error: unknown): { code: string; message: string; final: boolean } {
  if (isSourceError(error)) {
    return {
      code: error.code,
      message: error.message,
      // A department's refusal (4xx, a client fault) is final: retrying changes nothing.
      final: (error.code as string) === 'SOURCE_REJECTED',
    };
  }
  return {
    code: 'INTERNAL_ERROR',
    message: 'the delivery failed inside the gateway',
    final: false,
  };
}

/**
 * Delivers the outbox: every `DELIVERY_POLL_MS` (and at once when nudged) it
 * takes due deliveries, leases each (one worker per delivery across every
 * process on the database), sends it through the handler of its kind with
 * its idempotency key, and records the outcome — delivered with the
 * receiver's receipt; failed and due again after an exponential, jittered
 * wait; refused by the receiver (final); or dead-lettered once the attempts
 * are spent. A worker that dies mid-delivery leaves a lease that expires: the
 * next worker sends again with the same key, and the receiver deduplicates.
 * On shutdown it stops taking work, finishes what it sends, and gives back
 * its leases.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<DeliveryKind, DeliveryHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: GatewayConfig,
    private readonly logger: PinoLogger,
    private readonly repository: ApplicationRepository,
    private readonly audit: AuditLog,
  ) {
    this.logger.setContext(DeliveryWorker.name);
  }

  /** Registers how deliveries of a kind are sent. */
  handle(kind: DeliveryKind, handler: DeliveryHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    if (!this.config.delivery.worker) return;
    this.stopped = false;
    this.schedule(this.config.delivery.pollMs);
  }

  /**
   * Takes no more deliveries, lets those being sent finish, and gives back
   * this process's leases so that another replica takes them at once. Once.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.polling;
      await Promise.allSettled([...this.inFlight]);
      const released = await this.repository.releaseLeases(this.owner).catch(() => 0);
      if (released > 0) this.logger.info({ released }, 'delivery leases given back');
    })();
    return this.stopping;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Look for due deliveries now (after a submission), rather than at the next poll. */
  nudge(): void {
    if (this.stopped) return;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'delivery poll failed; trying again at the next poll'),
        )
        .finally(() => {
          this.polling = undefined;
          if (this.stopped) return;
          const soon = this.again;
          this.again = false;
          this.schedule(soon ? 0 : this.config.delivery.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: leases and starts every due delivery it can, up to the concurrency. Exposed for tests. */
  async poll(): Promise<void> {
    const { concurrency, leaseS } = this.config.delivery;
    for (;;) {
      const free = concurrency - this.inFlight.size;
      if (free <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      const now = new Date();
      const due = await this.repository.dueDeliveries(now, free * 2);
      let started = 0;
      for (const id of due) {
        if (this.stopped || this.inFlight.size >= concurrency) break;
        const leased = await this.repository.lease(
          id,
          this.owner,
          now,
          new Date(now.getTime() + leaseS * 1000),
        );
        if (!leased) continue;
        started++;
        const task = this.deliver(leased).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
      if (started === 0 || this.stopped) return;
    }
  }

  private async deliver(delivery: StoredDelivery): Promise<void> {
    const started = Date.now();
    const handler = this.handlers.get(delivery.kind);
    const base: Pick<NewApplicationEvent, 'procedure' | 'department' | 'actor'> = {
      procedure: delivery.procedure,
      department: delivery.target,
      actor: 'gateway:delivery',
    };
    let outcome: DeliveryOutcome;
    let event: NewApplicationEvent;
    try {
      if (!handler) throw new Error(`no handler for ${delivery.kind}`);
      const receipt = await handler(delivery);
      outcome = { state: 'DELIVERED', ...receipt };
      event = {
        ...base,
        type: 'DELIVERED',
        payload: { receiptNo: receipt.receiptNo, attempt: delivery.attempts },
      };
    } catch (error) {
      const failure = describe(error);
      if (!isSourceError(error))
        this.logger.error(
          { err: error, delivery: delivery.id },
          'delivery failed inside the gateway',
        );
      const { maxAttempts, backoffInitialMs, backoffMaxMs } = this.config.delivery;
      const text = `${failure.code}: ${failure.message}`;
      if (failure.final) {
        outcome = { state: 'REJECTED', error: text };
        event = {
          ...base,
          type: 'DELIVERY_REJECTED',
          note: failure.message,
          payload: { code: failure.code, attempt: delivery.attempts },
        };
      } else if (delivery.attempts >= maxAttempts) {
        outcome = { state: 'DEAD', error: text };
        event = {
          ...base,
          type: 'DELIVERY_DEAD',
          note: failure.message,
          payload: { code: failure.code, attempts: delivery.attempts },
        };
      } else {
        const nextAttemptAt = new Date(
          Date.now() + retryDelayMs(delivery.attempts, backoffInitialMs, backoffMaxMs),
        );
        outcome = { state: 'PENDING', error: text, nextAttemptAt };
        event = {
          ...base,
          type: 'DELIVERY_FAILED',
          note: failure.message,
          payload: {
            code: failure.code,
            attempt: delivery.attempts,
            nextAttemptAt: nextAttemptAt.toISOString(),
          },
        };
      }
    }
    const settled = await this.repository.settle(delivery, this.owner, outcome, event);
    await this.recordExchange(delivery, outcome, started);
    if (!settled)
      this.logger.warn(
        { delivery: delivery.id },
        'delivery lease expired before the outcome was recorded; another worker will send it again',
      );
    else
      this.logger.info(
        {
          delivery: delivery.id,
          kind: delivery.kind,
          target: delivery.target,
          state: outcome.state,
          attempt: delivery.attempts,
        },
        'delivery attempt',
      );
  }

  /**
   * Every attempt to deliver is an exchange on the audit trail (kind
   * DELIVERY): to which department, for which application (its number as
   * the case) or applicant, how it ended. The delivery is done whatever
   * happens here; a record that cannot be written is logged.
   */
  private async recordExchange(
    delivery: StoredDelivery,
    outcome: DeliveryOutcome,
    started: number,
  ): Promise<void> {
    if (!this.audit.enabled) return;
    const payload = (delivery.payload ?? {}) as { applicationNo?: unknown; applicantId?: unknown };
    const failed = outcome.state === 'DELIVERED' ? null : outcome.error.split(':')[0];
    try {
      // Whose data went: a change notice names its applicant; a submission is its application's.
      const applicantId =
        typeof payload.applicantId === 'string'
          ? payload.applicantId
          : delivery.applicationId
            ? ((await this.repository.findById(delivery.applicationId))?.applicantId ?? null)
            : null;
      await this.audit.record({
        at: new Date(started).toISOString(),
        requestId: delivery.id,
        consumer: null,
        userId: null,
        purpose: null,
        caseId: typeof payload.applicationNo === 'string' ? payload.applicationNo : null,
        kind: 'DELIVERY',
        operationName: delivery.procedure
          ? `${delivery.kind}:${delivery.procedure}`
          : delivery.kind,
        documentHash: sha256Hex(delivery.idempotencyKey),
        applicants: applicantId ? [applicantId] : [],
        dataItems: [],
        departments: [delivery.target],
        outcome:
          outcome.state === 'DELIVERED' ? 'OK' : outcome.state === 'REJECTED' ? 'DENIED' : 'ERROR',
        errorCodes: failed ? [failed] : [],
        durationMs: Date.now() - started,
      });
    } catch (error) {
      this.logger.error(
        { delivery: delivery.id, err: error },
        'the delivery attempt could not be recorded on the audit trail',
      );
    }
  }
}
