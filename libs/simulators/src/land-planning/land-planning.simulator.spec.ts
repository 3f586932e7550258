import { generateDemoApplicants, toFullWidth } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import { landPlanningParcelChange } from './land-planning.changes';
import { generateLandPlanningData } from './land-planning.data';
import type { LandPlanningParcelChange, LandPlanningParcelRecord } from './land-planning.records';
import { createLandPlanningSimulator, landPlanningHolderKey } from './land-planning.simulator';

/**
 * Contract test, simulator side: every operation and every documented error,
 * with the contract's response validation on — an answer that broke the
 * contract would come back as a 500 with code 5000, which no test here accepts.
 */
const population = generateDemoApplicants({ seed: 5, persons: 3000, enterprises: 900 });
const data = generateLandPlanningData(population, { seed: 5 });
const API_KEY = 'lp-test-5f2c';

function firstParcel(test: (p: LandPlanningParcelRecord) => boolean): LandPlanningParcelRecord {
  const found = data.parcels.find(test);
  if (!found) throw new Error('the test data has no such parcel');
  return found;
}

const rich = firstParcel((p) => p.YDYSXZ !== null && p.CRHT !== null && p.GCGHXK.length > 0);
const legacy = firstParcel((p) => p.ZJH !== null && /^\d{15}$/.test(p.ZJH));
const lowerX = firstParcel((p) => p.ZJH !== null && /x$/.test(p.ZJH));
const fullWidth = firstParcel((p) => p.ZJH !== null && /[０-９]/.test(p.ZJH));
const lowerUscc = firstParcel(
  (p) => p.ZJH !== null && /^9[0-9a-z]{17}$/.test(p.ZJH) && /[a-z]/.test(p.ZJH),
);
const noId = firstParcel((p) => p.ZJH === null);
const UNKNOWN = '330522198506151235';

interface ParcelsBody {
  code: string;
  message: string;
  data: { holderId: string; parcels: LandPlanningParcelRecord[] };
}
interface BatchBody {
  code: string;
  data: { results: { holderId: string; status: string; parcels: LandPlanningParcelRecord[] }[] };
}
interface ChangesBody {
  code: string;
  message: string;
  data: { changes: LandPlanningParcelChange[]; hasMore: boolean };
}
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
/** The feed's order: (GXSJ, BDCDYH). */
const feedOrder = [...data.parcels].sort((a, b) =>
  a.GXSJ < b.GXSJ ? -1 : a.GXSJ > b.GXSJ ? 1 : a.BDCDYH < b.BDCDYH ? -1 : 1,
);

describe('land-planning simulator (contract validation on)', () => {
  let running: RunningSimulator;
  let base: string;
  const get = (holderId: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) =>
    fetch(`${base}/api/v2/parcels?holderId=${encodeURIComponent(holderId)}`, { headers });
  const query = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v2/parcels/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const changes = (query: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) =>
    fetch(`${base}/api/v2/parcels/changes${query}`, { headers });
  const cursor = (p: { GXSJ: string; BDCDYH: string }) =>
    `afterTime=${encodeURIComponent(p.GXSJ)}&afterUnitNo=${p.BDCDYH}`;

  beforeAll(async () => {
    running = await startSimulator(createLandPlanningSimulator(data, { apiKey: API_KEY }));
    base = running.url;
  });
  afterAll(() => running.close());

  it('change feed: without a cursor, the first 100 units in (GXSJ, BDCDYH) order, as ParcelChange items', async () => {
    const res = await changes('');
    expect(res.status).toBe(200);
    const body = await json<ChangesBody>(res);
    expect(body).toMatchObject({ code: '0000', message: '成功', data: { hasMore: true } });
    expect(body.data.changes).toEqual(feedOrder.slice(0, 100).map(landPlanningParcelChange));
  });

  it('change feed: pages of 500, then of 137, cover every unit exactly once, in order', async () => {
    const units: string[] = [];
    let query = '?pageSize=500';
    for (;;) {
      const res = await changes(query);
      expect(res.status).toBe(200);
      const { data: page } = await json<ChangesBody>(res);
      units.push(...page.changes.map((c) => c.BDCDYH));
      if (!page.hasMore) break;
      query = `?${cursor(page.changes[page.changes.length - 1])}&pageSize=137`;
    }
    expect(units).toEqual(feedOrder.map((p) => p.BDCDYH));
  });

  it('change feed: a cursor without a unit stands after its whole second; after the last unit, an empty page', async () => {
    const at = feedOrder[40];
    const res = await changes(`?afterTime=${encodeURIComponent(at.GXSJ)}&pageSize=1`);
    const [first] = (await json<ChangesBody>(res)).data.changes;
    expect(first.BDCDYH).toBe(feedOrder.find((p) => p.GXSJ > at.GXSJ)?.BDCDYH);
    const end = await changes(`?${cursor(feedOrder[feedOrder.length - 1])}`);
    expect(await end.json()).toEqual({
      code: '0000',
      message: '成功',
      data: { changes: [], hasMore: false },
    });
  });

  it.each([
    ['a page size of 0', '?pageSize=0'],
    ['a page size over 500', '?pageSize=501'],
    ['a page size that is no number', '?pageSize=many'],
    ['a unit without a time', `?afterUnitNo=${'3'.repeat(28)}`],
    ['a time that does not exist', `?afterTime=${encodeURIComponent('2026-02-30 10:00:00')}`],
    ['a time in another format', '?afterTime=2026-06-16T10:44:32'],
    ['an unknown parameter', '?since=2026-01-01'],
  ])('change feed: refuses %s with 400 / 4001', async (_what, query) => {
    const res = await changes(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: '4001', data: null });
  });

  it('change feed: answers 401 / 4010 without the key, and faults apply to it as to every route', async () => {
    expect((await changes('', {})).status).toBe(401);
    running.simulator.faults.reset();
    running.simulator.faults.update({ errorRate: 1 });
    try {
      expect((await changes('')).status).toBe(503);
      expect(running.simulator.faults.stats()).toEqual({ 'GET /api/v2/parcels/changes': 1 });
    } finally {
      running.simulator.faults.reset();
    }
  });

  it('GET answers a holder’s parcels with every document, normalised holder id echoed', async () => {
    const key = landPlanningHolderKey(rich.ZJH ?? '') as string;
    const res = await get(key);
    expect(res.status).toBe(200);
    const body = await json<ParcelsBody>(res);
    expect(body).toMatchObject({ code: '0000', message: '成功', data: { holderId: key } });
    expect(body.data.parcels).toContainEqual(rich);
  });

  it.each([
    ['a 15-digit legacy ID', legacy],
    ['a lower-case x', lowerX],
    ['full-width digits', fullWidth],
    ['a lower-case USCC', lowerUscc],
  ])('finds a record stored with %s by the normalised 18-character id', async (_what, stored) => {
    const key = landPlanningHolderKey(stored.ZJH ?? '') as string;
    expect(key).toMatch(/^[0-9A-Z]{18}$/);
    const res = await get(key);
    expect(res.status).toBe(200);
    expect((await json<ParcelsBody>(res)).data.parcels.map((p) => p.BDCDYH)).toContain(
      stored.BDCDYH,
    );
  });

  it('normalises what it is asked (spaces, lower case, full width, 15 digits)', async () => {
    const key = landPlanningHolderKey(lowerX.ZJH ?? '') as string;
    const legacyKey = landPlanningHolderKey(legacy.ZJH ?? '') as string;
    for (const [asked, expected] of [
      [key.toLowerCase(), key],
      [`${key.slice(0, 6)} ${key.slice(6, 14)} ${key.slice(14)}`, key],
      [toFullWidth(key), key],
      [legacy.ZJH ?? '', legacyKey],
    ]) {
      const res = await get(asked);
      expect(res.status).toBe(200);
      expect((await json<ParcelsBody>(res)).data.holderId).toBe(expected);
    }
  });

  it('never finds a record that carries no 证件号', async () => {
    const res = await query({ holderIds: data.truth.map((t) => t.applicantKey).slice(0, 200) });
    const served = new Set<string>();
    for (const result of (await json<BatchBody>(res)).data.results) {
      for (const p of result.parcels) served.add(p.BDCDYH);
    }
    expect(served.size).toBeGreaterThan(0);
    expect(served.has(noId.BDCDYH)).toBe(false);
  });

  it('GET answers 404 with code 4004 for a holder with nothing on record', async () => {
    const res = await get(UNKNOWN);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      code: '4004',
      message: '未查询到该权利人名下的不动产单元',
      data: null,
    });
  });

  it.each([['33052219850615123'], ['91330522MA2M62KH5I'], ['not an id at all!!']])(
    'GET answers 400 with code 4001 for the malformed id %s',
    async (holderId) => {
      const res = await get(holderId);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: '4001', data: null });
    },
  );

  it('GET answers 400 with code 4001 without holderId', async () => {
    const res = await fetch(`${base}/api/v2/parcels`, { headers: { 'x-api-key': API_KEY } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: '4001', errors: [{ path: '/query/holderId' }] });
  });

  it('batch answers one result per id, in order, with FOUND / NOT_FOUND / INVALID_ID', async () => {
    const found = landPlanningHolderKey(rich.ZJH ?? '') as string;
    const ids = [found, UNKNOWN, '3305221985', found.toLowerCase()];
    const res = await query({ holderIds: ids });
    expect(res.status).toBe(200);
    const body = await json<BatchBody>(res);
    expect(body.code).toBe('0000');
    expect(body.data.results.map((r) => [r.holderId, r.status])).toEqual([
      [ids[0], 'FOUND'],
      [ids[1], 'NOT_FOUND'],
      [ids[2], 'INVALID_ID'],
      [ids[3], 'FOUND'],
    ]);
    expect(body.data.results[1].parcels).toEqual([]);
    expect(body.data.results[0].parcels).toContainEqual(rich);
  });

  it('batch answers 200 holders at once', async () => {
    const ids = [...new Set(data.truth.map((t) => t.applicantKey))].slice(0, 200);
    expect(ids).toHaveLength(200);
    const res = await query({ holderIds: ids });
    expect(res.status).toBe(200);
    const { results } = (await json<BatchBody>(res)).data;
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.status === 'FOUND')).toBe(true);
  });

  it('batch refuses more than 200 ids with code 4002', async () => {
    const res = await query({ holderIds: Array.from({ length: 201 }, () => UNKNOWN) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: '4002', data: null });
  });

  it.each([
    ['an empty list', { holderIds: [] }],
    ['no list', {}],
    ['a number for an id', { holderIds: [330522] }],
    ['an extra member', { holderIds: [UNKNOWN], page: 1 }],
    ['a body that is not JSON', '{"holderIds": ['],
  ])('batch refuses %s with code 4001', async (_what, body) => {
    const res = await query(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: '4001', data: null });
  });

  it('refuses a body that is not JSON by media type with 415 / 4150', async () => {
    const res = await query('holderIds=1', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: '4150' });
  });

  it.each([
    ['no key', {}],
    ['a wrong key', { 'x-api-key': 'guess' }],
  ])('answers 401 with code 4010 to %s', async (_what, headers) => {
    const res = await get(UNKNOWN, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: '4010', data: null });
  });

  it('answers 404 / 4040 for a route the contract does not have, and 405 / 4050 for a method it does not allow', async () => {
    const missing = await fetch(`${base}/api/v2/parcels/${rich.BDCDYH}`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: '4040' });
    const wrong = await fetch(`${base}/api/v2/parcels/query`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toMatchObject({ code: '4050' });
  });

  it('counts every request at /__admin/stats', async () => {
    running.simulator.faults.reset();
    await get(UNKNOWN);
    await query({ holderIds: [UNKNOWN] });
    expect(running.simulator.faults.stats()).toEqual({
      'GET /api/v2/parcels': 1,
      'POST /api/v2/parcels/query': 1,
    });
  });
});

describe('land-planning simulator response validation', () => {
  it('turns an answer that breaks the contract into a 500 (so passing tests prove conformance)', async () => {
    const broken = { ...rich, ZDMJ: -1, surprise: true } as unknown as LandPlanningParcelRecord;
    const running = await startSimulator(createLandPlanningSimulator({ parcels: [broken] }));
    try {
      const res = await fetch(
        `${running.url}/api/v2/parcels?holderId=${landPlanningHolderKey(rich.ZJH ?? '')}`,
      );
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: '5000' });
    } finally {
      await running.close();
    }
  });

  it('turns a change feed item that breaks the contract into a 500', async () => {
    const broken = { ...rich, GXSJ: '2026-06-16' };
    const running = await startSimulator(createLandPlanningSimulator({ parcels: [broken] }));
    try {
      const res = await fetch(`${running.url}/api/v2/parcels/changes`);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: '5000' });
    } finally {
      await running.close();
    }
  });

  it('admits callers without a key when none is configured (IP-whitelisted instance)', async () => {
    const running = await startSimulator(createLandPlanningSimulator(data));
    try {
      const res = await fetch(`${running.url}/api/v2/parcels?holderId=${UNKNOWN}`);
      expect(res.status).toBe(404);
    } finally {
      await running.close();
    }
  });
});
