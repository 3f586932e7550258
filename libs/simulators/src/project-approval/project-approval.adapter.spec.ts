import {
  SourceErrorCode,
  createProjectApprovalAdapter,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  readProjectApprovalConfig,
  type ProjectApprovalConfig,
  type ProjectApprovalHttpAdapter,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import { updateProjectApprovalRecord } from './project-approval.changes';
import { generateProjectApprovalData, type ProjectApprovalData } from './project-approval.data';
import { projectApprovalRecordRow } from './project-approval.export';
import { createProjectApprovalSimulator } from './project-approval.simulator';

/**
 * The real adapter against the simulator over HTTP on 127.0.0.1: batching,
 * paging, caching, messy records, and every fault the gateway must survive.
 * Lives here, not in libs/adapters, because adapters may not depend on the
 * simulators (the dependency rules allow only this direction).
 */
const TOKEN = 'pa-adapter-test-token';
const LISTING = 'GET /api/v1/xmxx';
const FEED = 'GET /api/v1/xmzl';

describe('project-approval adapter against the simulator', () => {
  let data: ProjectApprovalData;
  let running: RunningSimulator;
  const adapters: ProjectApprovalHttpAdapter[] = [];

  const adapter = (overrides: Partial<ProjectApprovalConfig> = {}): ProjectApprovalHttpAdapter => {
    const config = readProjectApprovalConfig({
      PROJECT_APPROVAL_URL: running.url,
      PROJECT_APPROVAL_ACCESS_TOKEN: TOKEN,
      // Generous, so a busy machine does not fail the batching tests; the hang test sets 300 ms.
      PROJECT_APPROVAL_TIMEOUT_MS: '5000',
      PROJECT_APPROVAL_RETRIES: '1',
      PROJECT_APPROVAL_BREAKER_THRESHOLD: '50',
    });
    if (!config) throw new Error('no config');
    const created = createProjectApprovalAdapter({ ...config, ...overrides });
    adapters.push(created);
    return created;
  };
  const listings = () => running.simulator.faults.stats()[LISTING] ?? 0;
  const feedRequests = () => running.simulator.faults.stats()[FEED] ?? 0;
  /** Applicants' USCCs with their project codes findable by code (rows without a code are not). */
  const expectedCodes = (key: string) =>
    data.projects
      .filter((p, i) => data.truth[i].applicantKey === key && p.tyshxydm !== null)
      .map((p) => p.xmdm);
  const keysWithProjects = () => [
    ...new Set(data.truth.map((t) => t.applicantKey).filter((k) => expectedCodes(k).length > 0)),
  ];

  beforeAll(async () => {
    const population = generateDemoApplicants({ seed: 5, persons: 100, enterprises: 1200 });
    data = generateProjectApprovalData(population, { seed: 5 });
    running = await startSimulator(createProjectApprovalSimulator(data, { accessToken: TOKEN }));
    // The validator compiles its schemas on the first request; keep that out of the timings.
    await fetch(`${running.url}/api/v1/xmxx/${data.projects[0].xmdm}`, {
      headers: { 'x-access-token': TOKEN },
    });
    await fetch(`${running.url}/api/v1/xmxx?size=1`, { headers: { 'x-access-token': TOKEN } });
    await fetch(`${running.url}/api/v1/xmzl?size=1`, { headers: { 'x-access-token': TOKEN } });
  });
  beforeEach(() => running.simulator.faults.reset());
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await running.close();
  });

  it('answers a batch of keys with one upstream request, keyed exactly by the input keys', async () => {
    const keys = keysWithProjects().slice(0, 40);
    const found = await adapter().projectsByUscc(keys);
    expect(listings()).toBe(1);
    expect([...found.keys()].sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const projects = found.get(key) ?? [];
      expect(projects.map((p) => p.projectCode).sort()).toEqual(expectedCodes(key).sort());
      for (const project of projects) expect(project.applicantUscc).toBe(key);
    }
  });

  it('serves repeated keys from the cache: a second call costs nothing, a partly new one only the new keys', async () => {
    const pa = adapter();
    const keys = keysWithProjects();
    await pa.projectsByUscc(keys.slice(0, 10));
    expect(listings()).toBe(1);
    const again = await pa.projectsByUscc(keys.slice(0, 10));
    expect(listings()).toBe(1);
    expect(again.size).toBe(10);
    await pa.projectsByUscc(keys.slice(5, 15));
    expect(listings()).toBe(2);
  });

  it('leaves unknown keys absent, and does not send keys that cannot be a USCC', async () => {
    const known = keysWithProjects()[0];
    const found = await adapter().projectsByUscc([
      known,
      '91330522MA2B7K3C0J', // well-formed, not on the platform
      '330522198506151235', // a resident ID: 18 characters, never a project holder here
      'not-a-code',
      known,
    ]);
    expect([...found.keys()]).toEqual([known]);
    expect(listings()).toBe(1);
    await adapter().projectsByUscc(['not-a-code', '']);
    expect(listings()).toBe(1);
  });

  it('finds projects the platform stored with a lower-case or full-width code', async () => {
    const messy = data.projects.filter(
      (p, i) => p.tyshxydm !== null && p.tyshxydm !== data.truth[i].applicantKey,
    );
    const lower = messy.find((p) => /[a-z]/.test(p.tyshxydm ?? ''));
    const wide = messy.find((p) => /[\uff10-\uff5a]/.test(p.tyshxydm ?? ''));
    if (!lower || !wide) throw new Error('the data has no messy code; make the population larger');
    const keyOf = (xmdm: string) => data.truth.find((t) => t.localId === xmdm)!.applicantKey;
    const found = await adapter().projectsByUscc([keyOf(lower.xmdm), keyOf(wide.xmdm)]);
    expect(found.get(keyOf(lower.xmdm))?.map((p) => p.projectCode)).toContain(lower.xmdm);
    expect(found.get(keyOf(wide.xmdm))?.map((p) => p.projectCode)).toContain(wide.xmdm);
  });

  it('follows every page when 100 codes hold more than 100 projects', async () => {
    const keys = keysWithProjects()
      .sort((a, b) => expectedCodes(b).length - expectedCodes(a).length)
      .slice(0, 100);
    const total = keys.reduce((n, k) => n + expectedCodes(k).length, 0);
    expect(total).toBeGreaterThan(100);
    const found = await adapter().projectsByUscc(keys);
    expect(listings()).toBe(Math.ceil(total / 100));
    const codes = [...found.values()].flat().map((p) => p.projectCode);
    expect(codes).toHaveLength(total);
    expect(new Set(codes).size).toBe(total);
  });

  it('splits more than 100 codes into requests of at most 100', async () => {
    const keys = [...new Set(data.truth.map((t) => t.applicantKey))].slice(0, 250);
    expect(keys).toHaveLength(250);
    const found = await adapter().projectsByUscc(keys);
    expect(listings()).toBeGreaterThanOrEqual(3);
    for (const key of keys) {
      expect((found.get(key) ?? []).length).toBe(expectedCodes(key).length);
    }
  });

  it('reads one project by its code, and null for an unknown one', async () => {
    const pa = adapter();
    const row = data.projects[0];
    expect((await pa.projectByCode(row.xmdm))?.name).toBe(row.xmmc);
    expect(await pa.projectByCode('2001-330522-04-03-000000')).toBeNull();
  });

  describe('change feed', () => {
    /** The whole feed from `after`, `limit` at a time, checking each page's cursor and flag. */
    const readFeed = async (
      pa: ProjectApprovalHttpAdapter,
      limit: number,
      after: ChangeCursor | null = null,
    ): Promise<DepartmentApplicantRecord[]> => {
      const seen: DepartmentApplicantRecord[] = [];
      let cursor = after;
      for (let guard = 0; guard < 10_000; guard++) {
        const page = await pa.changes(cursor, limit);
        expect(page.records.length).toBeLessThanOrEqual(Math.min(limit, 500));
        seen.push(...page.records);
        const last = page.records[page.records.length - 1];
        expect(page.next).toEqual(
          last ? { changedAt: last.changedAt, localId: last.localId } : cursor,
        );
        if (!page.hasMore) return seen;
        // A full page: `limit`, or 500 (the platform's page limit) for more.
        expect(page.records).toHaveLength(Math.min(limit, 500));
        cursor = page.next;
      }
      throw new Error('the feed did not end');
    };
    /** `yyyy-MM-dd HH:mm:ss` China time → the instant. */
    const instant = (gxsj: string) => new Date(`${gxsj.replace(' ', 'T')}+08:00`);

    it.each([1000, 97])(
      'reads exactly the department’s records, page by page (limit %i), as the export maps them',
      async (limit) => {
        const records = await readFeed(adapter(), limit);
        expect(records.map((r) => r.localId).sort()).toEqual(
          data.truth.map((t) => t.localId).sort(),
        );
        const byCode = new Map(data.projects.map((p) => [p.xmdm, p]));
        for (const record of records) {
          const row = byCode.get(record.localId)!;
          const exported = projectApprovalRecordRow(row);
          expect(exported.record_id).toBe(`${record.system}:${record.localId}`);
          expect({
            kind: record.kind,
            name: record.name,
            uscc: record.uscc ?? '',
            resident_id: record.residentId ?? '',
            legal_rep: record.legalRepresentative ?? '',
            birth_date: record.birthDate ?? '',
            phone: record.phone ?? '',
            address: record.address ?? '',
          }).toEqual({
            kind: exported.kind,
            name: exported.name,
            uscc: exported.uscc,
            resident_id: exported.resident_id,
            legal_rep: exported.legal_rep,
            birth_date: exported.birth_date,
            phone: exported.phone,
            address: exported.address,
          });
          expect(record.changedAt).toEqual(instant(row.gxsj));
          expect(record.raw).toEqual(row);
        }
        // Oldest first, ties by 项目代码.
        const keys = records.map((r) => `${r.changedAt.toISOString()}|${r.localId}`);
        expect([...keys].sort()).toEqual(keys);
      },
    );

    it('keeps the messy codes as held and reads rows without one', async () => {
      const records = await readFeed(adapter(), 500);
      const byCode = new Map(records.map((r) => [r.localId, r]));
      const lower = data.projects.find((p) => /[a-z]/.test(p.tyshxydm ?? ''))!;
      const missing = data.projects.find((p) => p.tyshxydm === null)!;
      expect(byCode.get(lower.xmdm)?.uscc).toBe(lower.tyshxydm);
      expect(byCode.get(missing.xmdm)?.uscc).toBeNull();
    });

    it('asks the platform every time: the feed is never cached', async () => {
      const pa = adapter();
      await pa.changes(null, 5);
      await pa.changes(null, 5);
      expect(feedRequests()).toBe(2);
    });

    it('answers an empty page after the last record, keeping the cursor', async () => {
      const records = await readFeed(adapter(), 500);
      const last = records[records.length - 1];
      const cursor = { changedAt: last.changedAt, localId: last.localId };
      expect(await adapter().changes(cursor, 10)).toEqual({
        records: [],
        next: cursor,
        hasMore: false,
      });
    });

    it('takes a cursor between two seconds as after every record of the earlier second', async () => {
      const records = await readFeed(adapter(), 500);
      const middle = records[Math.floor(records.length / 2)];
      const cursor = { changedAt: new Date(middle.changedAt.getTime() + 500), localId: 'x' };
      const rest = await readFeed(adapter(), 500, cursor);
      const expected = records.filter((r) => r.changedAt.getTime() > middle.changedAt.getTime());
      expect(rest.map((r) => r.localId)).toEqual(expected.map((r) => r.localId));
    });

    it('refuses a limit below 1 and a cursor that is not this feed’s, without calling', async () => {
      const pa = adapter();
      await expect(pa.changes(null, 0)).rejects.toThrow(RangeError);
      await expect(pa.changes(null, 2.5)).rejects.toThrow(RangeError);
      await expect(pa.changes({ changedAt: new Date(0), localId: 'BDC-1' }, 10)).rejects.toThrow(
        RangeError,
      );
      expect(feedRequests()).toBe(0);
    });

    it('sees a change the platform makes: the record comes again after the old cursor, changed', async () => {
      const own = generateProjectApprovalData(
        generateDemoApplicants({ seed: 6, persons: 10, enterprises: 200 }),
        { seed: 6 },
      );
      const sim = await startSimulator(createProjectApprovalSimulator(own, { accessToken: TOKEN }));
      try {
        const pa = adapter({ baseUrl: sim.url });
        const before = await readFeed(pa, 50);
        expect(before).toHaveLength(own.projects.length);
        const last = before[before.length - 1];
        const cursor = { changedAt: last.changedAt, localId: last.localId };
        const target = before[3];
        const changedAt = new Date(last.changedAt.getTime() + 86_400_000);
        expect(
          updateProjectApprovalRecord(own, target.localId, {
            name: '长兴县新名称实业有限公司',
            phone: '0572-6000000',
            legalRepresentative: '周立新',
            changedAt,
          }),
        ).toBe(true);
        const page = await pa.changes(cursor, 50);
        expect(page.hasMore).toBe(false);
        expect(page.records).toHaveLength(1);
        expect(page.records[0]).toMatchObject({
          localId: target.localId,
          name: '长兴县新名称实业有限公司',
          phone: '0572-6000000',
          legalRepresentative: '周立新',
          uscc: target.uscc,
          changedAt,
        });
        // And the whole feed still holds every record once, the changed one last.
        const after = await readFeed(pa, 50);
        expect(after.map((r) => r.localId).sort()).toEqual(before.map((r) => r.localId).sort());
        expect(after[after.length - 1].localId).toBe(target.localId);
      } finally {
        await sim.close();
      }
    });

    it('fails like the other reads: 503 retried then SOURCE_UNAVAILABLE, a cut body SOURCE_INVALID_RESPONSE', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      await expect(adapter({ retries: 2 }).changes(null, 10)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
      });
      expect(feedRequests()).toBe(3);
      running.simulator.faults.reset();
      running.simulator.faults.update({ malformedRate: 1 });
      await expect(adapter({ retries: 2 }).changes(null, 10)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      });
      expect(feedRequests()).toBe(1);
    });
  });

  describe('faults', () => {
    const keys = () => keysWithProjects().slice(0, 3);

    it('down → SOURCE_UNAVAILABLE', async () => {
      running.simulator.faults.update({ down: true });
      await expect(adapter({ cacheTtlMs: 0 }).projectsByUscc(keys())).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
        source: 'project-approval',
      });
    });

    it('a hanging platform → SOURCE_TIMEOUT within the configured timeout', async () => {
      running.simulator.faults.update({ hangRate: 1 });
      const started = Date.now();
      await expect(
        adapter({ cacheTtlMs: 0, timeoutMs: 300 }).projectsByUscc(keys()),
      ).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_TIMEOUT,
        source: 'project-approval',
      });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(1200);
      running.simulator.faults.releaseHanging();
    });

    it('a cut-off body → SOURCE_INVALID_RESPONSE, not retried', async () => {
      running.simulator.faults.update({ malformedRate: 1 });
      await expect(adapter({ cacheTtlMs: 0 }).projectsByUscc(keys())).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      });
      expect(listings()).toBe(1);
    });

    it('HTTP 503 every time → SOURCE_UNAVAILABLE after the retries', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      await expect(
        adapter({ cacheTtlMs: 0, retries: 2, timeoutMs: 2000 }).projectsByUscc(keys()),
      ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_UNAVAILABLE });
      expect(listings()).toBe(3);
    });

    it('opens the circuit breaker after the threshold and then fails fast without calling', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      const pa = adapter({
        cacheTtlMs: 0,
        retries: 0,
        breakerThreshold: 2,
        breakerHalfOpenAfterMs: 60_000,
      });
      for (let i = 0; i < 2; i++) {
        await expect(pa.projectsByUscc(keys())).rejects.toMatchObject({
          code: SourceErrorCode.SOURCE_UNAVAILABLE,
        });
      }
      expect(listings()).toBe(2);
      running.simulator.faults.reset();
      await expect(pa.projectsByUscc(keys())).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
        message: expect.stringContaining('circuit breaker') as unknown,
      });
      expect(listings()).toBe(0);
    });

    it('a refused access token → SOURCE_UNAVAILABLE', async () => {
      await expect(
        adapter({ cacheTtlMs: 0, retries: 0, accessToken: 'wrong' }).projectsByUscc(keys()),
      ).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
        message: expect.stringContaining('access token') as unknown,
      });
    });

    it('caches nothing from a failed call: the next call reaches the platform again', async () => {
      const pa = adapter({ retries: 0 });
      running.simulator.faults.update({ errorRate: 1 });
      await expect(pa.projectsByUscc(keys())).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
      });
      running.simulator.faults.update({ errorRate: 0 });
      const found = await pa.projectsByUscc(keys());
      expect(found.size).toBe(3);
      expect(listings()).toBe(2);
    });
  });
});
