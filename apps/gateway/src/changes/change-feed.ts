import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ChangeLogRepository, type ApplicantChange } from '@oncegate/registry';
import { PinoLogger } from 'nestjs-pino';
import { GatewayConfig } from '../config/gateway.config';
import { ChangeStream } from './change-stream';
import { PollLoop } from './poll-loop';

/** Changes read per query. */
const PAGE = 500;

/**
 * This process's view of the change log, for its own GraphQL subscribers:
 * it follows the log from an in-memory cursor (the end of the log at boot)
 * every `CHANGE_POLL_MS`, and hands each change to every subscriber that
 * wants it. Every replica follows the log itself, so replicas share no
 * pub/sub; the log's ids count up in commit order, so no change is skipped.
 * While nobody subscribes, the cursor just moves to the end.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly streams = new Set<ChangeStream>();
  private readonly loop: PollLoop;
  private cursor: string | undefined;

  constructor(
    config: GatewayConfig,
    private readonly logger: PinoLogger,
    private readonly log: ChangeLogRepository,
  ) {
    this.logger.setContext(ChangeFeed.name);
    this.loop = new PollLoop(
      () => this.read(),
      config.changes.pollMs,
      (error) =>
        this.logger.warn({ err: error }, 'reading the change log failed; trying again soon'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.cursor = await this.log.lastId();
    this.loop.start();
  }

  /** Reads no more changes and ends every subscription (each subscriber gets `complete`). */
  async stop(): Promise<void> {
    await this.loop.stop();
    for (const stream of [...this.streams]) stream.end();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** The changes from now on, of these applicants (all when null or empty). */
  subscribe(applicantIds: readonly string[] | null): AsyncIterableIterator<ApplicantChange> {
    const only = applicantIds?.length ? new Set(applicantIds) : null;
    const stream = new ChangeStream(
      (change) => !only || only.has(change.applicantId),
      (closed) => this.streams.delete(closed),
    );
    this.streams.add(stream);
    return stream;
  }

  /** How many subscriptions this process serves now. */
  get subscribers(): number {
    return this.streams.size;
  }

  /** Read now rather than at the next poll. */
  nudge(): void {
    this.loop.nudge();
  }

  private async read(): Promise<void> {
    if (this.cursor === undefined) return;
    if (this.streams.size === 0) {
      this.cursor = await this.log.lastId();
      return;
    }
    for (;;) {
      const changes = await this.log.after(this.cursor, PAGE);
      for (const change of changes) for (const stream of this.streams) stream.push(change);
      if (changes.length > 0) this.cursor = changes[changes.length - 1].id;
      if (changes.length < PAGE) return;
    }
  }
}
