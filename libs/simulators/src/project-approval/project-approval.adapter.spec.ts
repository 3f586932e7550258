import {
  SourceErrorCode,
  createProjectApprovalAdapter,
  readProjectApprovalConfig,
  type ProjectApprovalConfig,
  type ProjectApprovalHttpAdapter,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import { generateProjectApprovalData, type ProjectApprovalData } from './project-approval.data';
import { createProjectApprovalSimulator } from './project-approval.simulator';

/**
 * The real adapter against the simulator over HTTP on 127.0.0.1: batching,
 * paging, caching, messy records, and every fault the gateway must survive.
 * Lives here, not in libs/adapters, because adapters may not depend on the
 * simulators (the dependency rules allow only this direction).
 */
const TOKEN = 'pa-adapter-test-token';
const LISTING = 'GET /api/v1/xmxx';

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
