import type { ChangeCursor, DepartmentRecordPage } from '@oncegate/adapters';
import type { IncomingRecord, IngestReport, RegistryResolver } from '@oncegate/registry';

/** A department's change feed: what each adapter port offers as `changes`. */
export interface ChangeFeed {
  readonly system: string;
  changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;
}

export interface DepartmentSyncOptions {
  /** Records per page asked of a department (the contracts allow up to 500). */
  pageSize?: number;
  /** Stop reading a feed after this many records in one run; the rest comes next run. */
  maxRecordsPerRun?: number;
}

export interface SyncReport {
  /** True when another sync was running against the same database, so this one did nothing. */
  skipped: boolean;
  /** Records read per department in this run. */
  read: Record<string, number>;
  ingest: IngestReport | null;
}

/**
 * Pulls every department's changes since its saved cursor, resolves them all
 * together against the registry, and only then moves the cursors on — so a
 * failed run (a department down, the database gone) is simply repeated by the
 * next, and nothing is skipped. The first run is the initial bulk load.
 */
export class DepartmentSync {
  constructor(
    private readonly resolver: RegistryResolver,
    private readonly feeds: readonly ChangeFeed[],
    private readonly options: DepartmentSyncOptions = {},
  ) {}

  async run(actor = 'sync'): Promise<SyncReport> {
    const report = await this.resolver.runExclusive(() => this.once(actor));
    return report ?? { skipped: true, read: {}, ingest: null };
  }

  private async once(actor: string): Promise<SyncReport> {
    const pageSize = this.options.pageSize ?? 500;
    const max = this.options.maxRecordsPerRun ?? Number.POSITIVE_INFINITY;
    const incoming: IncomingRecord[] = [];
    const cursors = new Map<string, ChangeCursor>();
    const read: Record<string, number> = {};
    for (const feed of this.feeds) {
      let cursor = await this.resolver.syncCursor(feed.system);
      let count = 0;
      for (;;) {
        const page = await feed.changes(cursor, pageSize);
        // A department record is already what the registry takes.
        incoming.push(...page.records);
        count += page.records.length;
        if (page.next) cursor = page.next;
        if (!page.hasMore || page.records.length === 0 || count >= max) break;
      }
      read[feed.system] = count;
      if (cursor) cursors.set(feed.system, cursor);
    }
    const ingest = incoming.length > 0 ? await this.resolver.ingest(incoming, actor) : null;
    for (const [system, cursor] of cursors) await this.resolver.saveSyncCursor(system, cursor);
    return { skipped: false, read, ingest };
  }
}
