import {
  SourceErrorCode,
  createLandPlanningAdapter,
  readLandPlanningConfig,
  type LandPlanningHttpAdapter,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import { generateLandPlanningData } from './land-planning.data';
import type { LandPlanningParcelRecord } from './land-planning.records';
import { createLandPlanningSimulator, landPlanningHolderKey } from './land-planning.simulator';

/**
 * The real adapter against the simulator over HTTP on 127.0.0.1: batching
 * and caching proven by the simulator's request counts, messy records found,
 * and every fault mapped to its SourceError code.
 */
const population = generateDemoApplicants({ seed: 5, persons: 3000, enterprises: 900 });
const data = generateLandPlanningData(population, { seed: 5 });
const API_KEY = 'lp-adapter-test';
const GET = 'GET /api/v2/parcels';
const POST = 'POST /api/v2/parcels/query';

/** Holder keys with the unit numbers a lookup by id must find for each. */
const expected = new Map<string, string[]>();
data.parcels.forEach((parcel, i) => {
  if (parcel.ZJH === null || landPlanningHolderKey(parcel.ZJH) !== data.truth[i].applicantKey)
    return;
  const key = data.truth[i].applicantKey;
  expected.set(key, [...(expected.get(key) ?? []), parcel.BDCDYH]);
});
const holders = [...expected.keys()];

function storedWith(test: (zjh: string) => boolean): LandPlanningParcelRecord {
  const found = data.parcels.find((p) => p.ZJH !== null && test(p.ZJH));
  if (!found) throw new Error('the test data has no such record');
  return found;
}

/** 18-digit ids nobody holds. */
const unknown = (n: number) =>
  Array.from({ length: n }, (_, i) => `33052219850615${String(i).padStart(4, '0')}`);

describe('land-planning adapter ↔ simulator', () => {
  let running: RunningSimulator;
  const adapters: LandPlanningHttpAdapter[] = [];

  function adapter(env: Record<string, string> = {}, url = running.url): LandPlanningHttpAdapter {
    const config = readLandPlanningConfig({
      LAND_PLANNING_URL: url,
      LAND_PLANNING_API_KEY: API_KEY,
      LAND_PLANNING_TIMEOUT_MS: '10000',
      LAND_PLANNING_RETRIES: '0',
      LAND_PLANNING_CACHE_TTL_MS: '0',
      ...env,
    });
    if (!config) throw new Error('no config');
    const created = createLandPlanningAdapter(config);
    adapters.push(created);
    return created;
  }
  const stats = () => running.simulator.faults.stats();

  beforeAll(async () => {
    running = await startSimulator(createLandPlanningSimulator(data, { apiKey: API_KEY }));
  });
  beforeEach(() => running.simulator.faults.reset());
  afterEach(async () => {
    running.simulator.faults.reset();
    await Promise.all(adapters.splice(0).map((a) => a.close()));
  });
  afterAll(() => running.close());

  it('asks for a batch of holders in one request, keyed exactly by the input keys', async () => {
    const keys = [...holders.slice(0, 30), ...unknown(5)];
    const found = await adapter().parcelsByHolder(keys);
    expect(stats()).toEqual({ [POST]: 1 });
    expect([...found.keys()]).toEqual(holders.slice(0, 30));
    for (const key of holders.slice(0, 30)) {
      const parcels = found.get(key) ?? [];
      expect(parcels.map((p) => p.realEstateUnitNo)).toEqual(expected.get(key));
      for (const parcel of parcels) expect(parcel.holderId).toBe(key);
    }
  });

  it('asks for one holder with one GET, and maps its 404 to absent', async () => {
    const lp = adapter();
    const found = await lp.parcelsByHolder([holders[0]]);
    expect(found.get(holders[0])?.map((p) => p.realEstateUnitNo)).toEqual(expected.get(holders[0]));
    const none = await lp.parcelsByHolder([unknown(1)[0]]);
    expect(none.size).toBe(0);
    expect(stats()).toEqual({ [GET]: 2 });
  });

  it('chunks a large batch at the contract’s 200 ids', async () => {
    const keys = [...holders.slice(0, 250), ...unknown(200)];
    const found = await adapter().parcelsByHolder(keys);
    expect(stats()).toEqual({ [POST]: 3 });
    expect(found.size).toBe(Math.min(250, holders.length));
  });

  it('serves repeated keys from the cache at no upstream cost, and asks only for the new ones', async () => {
    const lp = adapter({ LAND_PLANNING_CACHE_TTL_MS: '60000' });
    const keys = [...holders.slice(0, 10), ...unknown(3)];
    const first = await lp.parcelsByHolder(keys);
    expect(stats()).toEqual({ [POST]: 1 });
    const again = await lp.parcelsByHolder(keys);
    expect(stats()).toEqual({ [POST]: 1 });
    expect(again).toEqual(first);
    await lp.parcelsByHolder([...keys, holders[10]]);
    expect(stats()).toEqual({ [POST]: 1, [GET]: 1 });
  });

  it('does not ask about keys that are not normalized identifiers', async () => {
    const uscc = holders.find((h) => /[A-Z]/.test(h)) ?? '';
    const found = await adapter().parcelsByHolder(['', 'not-an-id', uscc.toLowerCase()]);
    expect(found.size).toBe(0);
    expect(stats()).toEqual({});
  });

  it.each([
    ['a 15-digit legacy ID', (z: string) => /^\d{15}$/.test(z)],
    ['a lower-case x', (z: string) => /x$/.test(z)],
    ['full-width digits', (z: string) => /[０-９]/.test(z)],
    ['a lower-case USCC', (z: string) => /^9[0-9a-z]{17}$/.test(z) && /[a-z]/.test(z)],
  ])('finds a record stored with %s by the normalized key', async (_what, test) => {
    const stored = storedWith(test);
    const key = landPlanningHolderKey(stored.ZJH ?? '') as string;
    const found = await adapter().parcelsByHolder([key, unknown(1)[0]]);
    const parcel = found.get(key)?.find((p) => p.realEstateUnitNo === stored.BDCDYH);
    expect(parcel?.holderId).toBe(key);
    expect(parcel?.holderName).toBe(stored.QLRMC);
  });

  it('maps documents and the red line through to our types', async () => {
    const rich = data.parcels.find(
      (p) => p.YDYSXZ && p.YDGHXK && p.CRHT && p.GCGHXK.length > 0 && p.ZJH,
    );
    const key = landPlanningHolderKey(rich?.ZJH ?? '') as string;
    const parcel = (await adapter().parcelsByHolder([key]))
      .get(key)
      ?.find((p) => p.realEstateUnitNo === rich?.BDCDYH);
    expect(parcel).toMatchObject({
      parcelCode: rich?.ZDDM,
      areaSquareMeters: rich?.ZDMJ,
      rightNature: 'TRANSFER',
      redLine: { type: 'Polygon', coordinates: rich?.redLine.geometry.coordinates },
      sitePreApproval: { certNo: rich?.YDYSXZ?.ZSBH },
      landUsePlanningPermit: { certNo: rich?.YDGHXK?.ZSBH, landSupplyMode: 'TRANSFER' },
      transferContract: { contractNo: rich?.CRHT?.HTBH, priceYuan: rich?.CRHT?.CRJK },
    });
    expect(parcel?.constructionPlanningPermits.map((p) => p.certNo)).toEqual(
      rich?.GCGHXK.map((p) => p.ZSBH),
    );
  });

  it('reports a department that is down as SOURCE_UNAVAILABLE', async () => {
    running.simulator.faults.update({ down: true });
    await expect(adapter().parcelsByHolder(holders.slice(0, 3))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      source: 'land-planning',
    });
  });

  it('gives up on a hanging department with SOURCE_TIMEOUT within its timeout', async () => {
    running.simulator.faults.update({ hangRate: 1 });
    const started = Date.now();
    await expect(
      adapter({ LAND_PLANNING_TIMEOUT_MS: '300', LAND_PLANNING_RETRIES: '2' }).parcelsByHolder(
        holders.slice(0, 3),
      ),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT, source: 'land-planning' });
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('reports a body cut in half as SOURCE_INVALID_RESPONSE, without retrying', async () => {
    running.simulator.faults.update({ malformedRate: 1 });
    await expect(
      adapter({ LAND_PLANNING_RETRIES: '2' }).parcelsByHolder(holders.slice(0, 3)),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE });
    expect(stats()).toEqual({ [POST]: 1 });
  });

  it('retries 503s and then reports SOURCE_UNAVAILABLE', async () => {
    running.simulator.faults.update({ errorRate: 1 });
    await expect(
      adapter({ LAND_PLANNING_RETRIES: '2' }).parcelsByHolder(holders.slice(0, 3)),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_UNAVAILABLE });
    expect(stats()).toEqual({ [POST]: 3 });
  });

  it('opens the breaker after the threshold and then fails fast without calling', async () => {
    running.simulator.faults.update({ errorRate: 1 });
    const lp = adapter({
      LAND_PLANNING_BREAKER_THRESHOLD: '2',
      LAND_PLANNING_BREAKER_HALF_OPEN_MS: '60000',
    });
    for (let i = 0; i < 2; i++) {
      await expect(lp.parcelsByHolder(holders.slice(0, 3))).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
      });
    }
    running.simulator.faults.update({ errorRate: 0 });
    await expect(lp.parcelsByHolder(holders.slice(0, 3))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('circuit breaker'),
    });
    expect(stats()).toEqual({ [POST]: 2 });
  });

  it('reports a refused API key as SOURCE_UNAVAILABLE', async () => {
    await expect(
      adapter({ LAND_PLANNING_API_KEY: 'wrong' }).parcelsByHolder([holders[0]]),
    ).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('401'),
    });
  });

  it('does not take a 404 from a wrong base URL for "nothing known"', async () => {
    await expect(
      adapter({}, `${running.url}/wrong`).parcelsByHolder([holders[0]]),
    ).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
    });
  });
});
