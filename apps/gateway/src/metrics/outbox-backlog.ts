import { Injectable, Logger } from '@nestjs/common';
import { ApplicationRepository } from '@oncegate/registry';

export interface OutboxBacklogFigures {
  /** Deliveries not delivered yet (being sent included). */
  readonly pending: number;
  /** Pending deliveries due now that no worker is sending. */
  readonly due: number;
  /** Deliveries given up after their last attempt. */
  readonly dead: number;
  /** Seconds the oldest pending delivery has waited; 0 when none waits. */
  readonly oldestPendingAgeSeconds: number;
}

/** How long one reading of the outbox serves scrapes. */
export const OUTBOX_BACKLOG_TTL_MS = 2000;

/**
 * The outbox's backlog, read from the database when a scrape asks for it —
 * at most once per OUTBOX_BACKLOG_TTL_MS however many scrape, concurrent
 * scrapes sharing one query. A failed reading is logged and not kept.
 */
@Injectable()
export class OutboxBacklog {
  private readonly logger = new Logger(OutboxBacklog.name);
  private cached: { at: number; figures: Promise<OutboxBacklogFigures> } | null = null;
  /** The clock (epoch ms); tests set their own. */
  clock: () => number = Date.now;

  constructor(private readonly repository: ApplicationRepository) {}

  read(): Promise<OutboxBacklogFigures> {
    const at = this.clock();
    if (this.cached && at - this.cached.at < OUTBOX_BACKLOG_TTL_MS) return this.cached.figures;
    const figures = this.query(at);
    const entry = { at, figures };
    this.cached = entry;
    figures.catch((error: unknown) => {
      if (this.cached === entry) this.cached = null;
      this.logger.warn(
        `The outbox backlog could not be read for metrics: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return figures;
  }

  private async query(at: number): Promise<OutboxBacklogFigures> {
    const backlog = await this.repository.backlog(new Date(at));
    return {
      pending: backlog.pending,
      due: backlog.due,
      dead: backlog.dead,
      oldestPendingAgeSeconds: backlog.oldest
        ? Math.max(0, (at - backlog.oldest.getTime()) / 1000)
        : 0,
    };
  }
}
