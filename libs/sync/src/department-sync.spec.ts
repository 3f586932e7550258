import type {
  ChangeCursor,
  DepartmentApplicantRecord,
  DepartmentRecordPage,
} from '@oncegate/adapters';
import type { IncomingRecord, IngestReport, RegistryResolver } from '@oncegate/registry';
import { DepartmentSync, type ChangeFeed } from './department-sync';

function record(localId: string, second: number): DepartmentApplicantRecord {
  return {
    system: 'tax',
    localId,
    kind: 'ENTERPRISE',
    name: `企业${localId}`,
    uscc: null,
    residentId: null,
    legalRepresentative: null,
    birthDate: null,
    phone: null,
    address: null,
    changedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
    raw: { localId },
  };
}

/** A feed over fixed records, paged strictly after the cursor, like the contracts say. */
function feed(records: DepartmentApplicantRecord[], fail = false): ChangeFeed & { calls: number } {
  return {
    system: records[0]?.system ?? 'tax',
    calls: 0,
    changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
      this.calls++;
      if (fail) return Promise.reject(new Error('department down'));
      const rest = records.filter(
        (r) =>
          after === null ||
          r.changedAt > after.changedAt ||
          (r.changedAt.getTime() === after.changedAt.getTime() && r.localId > after.localId),
      );
      const page = rest.slice(0, limit);
      const last = page[page.length - 1];
      return Promise.resolve({
        records: page,
        next: last ? { changedAt: last.changedAt, localId: last.localId } : after,
        hasMore: rest.length > limit,
      });
    },
  };
}

class FakeResolver {
  cursors = new Map<string, ChangeCursor>();
  ingested: IncomingRecord[][] = [];
  failIngest = false;
  running = false;
  async runExclusive<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.running) return null;
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }
  syncCursor(system: string) {
    return Promise.resolve(this.cursors.get(system) ?? null);
  }
  saveSyncCursor(system: string, cursor: ChangeCursor) {
    this.cursors.set(system, cursor);
    return Promise.resolve();
  }
  ingest(records: IncomingRecord[]): Promise<IngestReport> {
    if (this.failIngest) return Promise.reject(new Error('database gone'));
    this.ingested.push(records);
    return Promise.resolve({ records: records.length } as IngestReport);
  }
}

describe('DepartmentSync', () => {
  const records = Array.from({ length: 7 }, (_, k) => record(`R${k}`, k));

  it('reads every page after the saved cursor, ingests once, then saves the cursor', async () => {
    const resolver = new FakeResolver();
    const sync = new DepartmentSync(resolver as unknown as RegistryResolver, [feed(records)], {
      pageSize: 3,
    });
    const report = await sync.run();
    expect(report.read).toEqual({ tax: 7 });
    expect(resolver.ingested).toHaveLength(1);
    expect(resolver.ingested[0].map((r) => r.localId)).toEqual(records.map((r) => r.localId));
    expect(resolver.cursors.get('tax')).toEqual({ changedAt: records[6].changedAt, localId: 'R6' });
    // Nothing new: nothing ingested, the cursor stays.
    expect((await sync.run()).ingest).toBeNull();
    expect(resolver.ingested).toHaveLength(1);
  });

  it('keeps the cursor when the ingest fails, so the next run repeats it', async () => {
    const resolver = new FakeResolver();
    resolver.failIngest = true;
    const sync = new DepartmentSync(resolver as unknown as RegistryResolver, [feed(records)]);
    await expect(sync.run()).rejects.toThrow('database gone');
    expect(resolver.cursors.size).toBe(0);
    resolver.failIngest = false;
    await sync.run();
    expect(resolver.ingested[0]).toHaveLength(7);
  });

  it('moves no cursor when a department fails', async () => {
    const resolver = new FakeResolver();
    const other = records.map((r) => ({ ...r, system: 'land-planning' as const }));
    const sync = new DepartmentSync(resolver as unknown as RegistryResolver, [
      feed(other),
      feed(records, true),
    ]);
    await expect(sync.run()).rejects.toThrow('department down');
    expect(resolver.cursors.size).toBe(0);
  });

  it('does nothing while another sync runs against the same database', async () => {
    const resolver = new FakeResolver();
    const sync = new DepartmentSync(resolver as unknown as RegistryResolver, [feed(records)]);
    const [a, b] = await Promise.all([sync.run(), sync.run()]);
    expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
    expect(resolver.ingested).toHaveLength(1);
  });

  it('stops after maxRecordsPerRun and goes on next time', async () => {
    const resolver = new FakeResolver();
    const sync = new DepartmentSync(resolver as unknown as RegistryResolver, [feed(records)], {
      pageSize: 2,
      maxRecordsPerRun: 4,
    });
    expect((await sync.run()).read).toEqual({ tax: 4 });
    expect((await sync.run()).read).toEqual({ tax: 3 });
    expect(resolver.ingested.flat().map((r) => r.localId)).toEqual(records.map((r) => r.localId));
  });
});
