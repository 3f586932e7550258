import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ChangeLogRepository } from '@oncegate/registry';
import { PinoLogger } from 'nestjs-pino';
import { DeliveryWorker } from '../applications/delivery.worker';
import { GatewayConfig } from '../config/gateway.config';
import { PollLoop } from './poll-loop';
import { WebhookSender } from './webhook.sender';

/** Changes claimed per transaction. */
const BATCH = 100;
/** How long a claim holds its changes; a process that dies mid-fan-out frees them after this. */
const CLAIM_MS = 60_000;

/**
 * Fans golden-record changes out to the departments: every `CHANGE_POLL_MS`
 * (and at once when nudged) it claims changes nobody has fanned out (a
 * conditional UPDATE: one claimer per change across every process on the
 * database), and in one transaction marks them and enqueues a CHANGE_NOTICE
 * delivery per department with a webhook that holds a record of the
 * applicant. The delivery worker sends them; the outbox's idempotency key
 * `change:<changeId>:<department>` keeps each notice single.
 */
@Injectable()
export class ChangeNotifier implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly loop: PollLoop;

  constructor(
    private readonly config: GatewayConfig,
    private readonly logger: PinoLogger,
    private readonly log: ChangeLogRepository,
    private readonly sender: WebhookSender,
    private readonly worker: DeliveryWorker,
  ) {
    this.logger.setContext(ChangeNotifier.name);
    this.loop = new PollLoop(
      async () => {
        await this.fanOut();
      },
      config.changes.pollMs,
      (error) => this.logger.warn({ err: error }, 'change fan-out failed; trying again soon'),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.changes.fanOut) this.loop.start();
  }

  /** Fans out no more changes and gives back what this process had claimed. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.log.release(this.owner).catch(() => 0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Fan out now (after a write that changed golden records) rather than at the next poll. */
  nudge(): void {
    this.loop.nudge();
  }

  /** Fans out every change nobody has; returns the notices enqueued. Exposed for tests. */
  async fanOut(): Promise<number> {
    let enqueued = 0;
    for (;;) {
      const now = new Date();
      const claimed = await this.log.claim(
        this.owner,
        now,
        new Date(now.getTime() + CLAIM_MS),
        BATCH,
      );
      if (claimed.length === 0) break;
      const notices = await this.log.fanOut(claimed, this.owner, this.sender.departments, now);
      if (notices === null) {
        this.logger.warn(
          { changes: claimed.length },
          'a claim expired before the fan-out; another process has it',
        );
        break;
      }
      enqueued += notices;
      this.logger.info({ changes: claimed.length, notices }, 'changes fanned out');
    }
    if (enqueued > 0) this.worker.nudge();
    return enqueued;
  }
}
