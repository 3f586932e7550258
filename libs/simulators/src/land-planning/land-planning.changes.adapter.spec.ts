import {
  SourceErrorCode,
  createLandPlanningAdapter,
  readLandPlanningConfig,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type LandPlanningHttpAdapter,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import {
  landPlanningParcelChange,
  parseLandPlanningTime,
  updateLandPlanningRecord,
} from './land-planning.changes';
import { generateLandPlanningData } from './land-planning.data';
import { landPlanningRecordRow } from './land-planning.export';
import type { LandPlanningParcelRecord } from './land-planning.records';
import { createLandPlanningSimulator } from './land-planning.simulator';

/**
 * The real adapter's change feed against the simulator over HTTP: the whole
 * feed read page by page is exactly the department's records, each mapped to
 * the same values the department export gives (so adapter and export agree),
 * and a change made at the department shows up after the sync's cursor.
 */
const population = generateDemoApplicants({ seed: 9, persons: 3000, enterprises: 900 });
const data = generateLandPlanningData(population, { seed: 9 });
const API_KEY = 'lp-feed-test';
const FEED = 'GET /api/v2/parcels/changes';
const byUnit = new Map(data.parcels.map((p) => [p.BDCDYH, p]));

/** The adapter's record in the export's terms: what `landPlanningRecordRow` gives for the same record. */
function asRow(record: DepartmentApplicantRecord) {
  return {
    record_id: `${record.system}:${record.localId}`,
    system: record.system,
    kind: record.kind,
    name: record.name,
    uscc: record.uscc ?? '',
    resident_id: record.residentId ?? '',
    legal_rep: record.legalRepresentative ?? '',
    birth_date: record.birthDate ?? '',
    phone: record.phone ?? '',
    address: record.address ?? '',
  };
}

function expectAgreesWithDepartment(record: DepartmentApplicantRecord): LandPlanningParcelRecord {
  const parcel = byUnit.get(record.localId);
  if (!parcel) throw new Error(`unknown unit ${record.localId}`);
  expect(asRow(record)).toEqual(landPlanningRecordRow(parcel));
  expect(record.changedAt.getTime()).toBe(parseLandPlanningTime(parcel.GXSJ));
  expect(record.raw).toEqual(landPlanningParcelChange(parcel));
  return parcel;
}

describe('land-planning adapter change feed ↔ simulator', () => {
  let running: RunningSimulator;
  const adapters: LandPlanningHttpAdapter[] = [];

  function adapter(env: Record<string, string> = {}): LandPlanningHttpAdapter {
    const config = readLandPlanningConfig({
      LAND_PLANNING_URL: running.url,
      LAND_PLANNING_API_KEY: API_KEY,
      LAND_PLANNING_TIMEOUT_MS: '10000',
      LAND_PLANNING_RETRIES: '0',
      ...env,
    });
    if (!config) throw new Error('no config');
    const created = createLandPlanningAdapter(config);
    adapters.push(created);
    return created;
  }
  const stats = () => running.simulator.faults.stats();

  /** Every page from `after` to the end. */
  async function readAll(
    lp: LandPlanningHttpAdapter,
    limit: number,
    after: ChangeCursor | null = null,
  ): Promise<{ records: DepartmentApplicantRecord[]; next: ChangeCursor | null; pages: number }> {
    const records: DepartmentApplicantRecord[] = [];
    let cursor = after;
    for (let pages = 1; ; pages++) {
      const page = await lp.changes(cursor, limit);
      records.push(...page.records);
      cursor = page.next;
      if (!page.hasMore) return { records, next: cursor, pages };
    }
  }

  beforeAll(async () => {
    running = await startSimulator(createLandPlanningSimulator(data, { apiKey: API_KEY }));
  });
  beforeEach(() => running.simulator.faults.reset());
  afterEach(async () => {
    running.simulator.faults.reset();
    await Promise.all(adapters.splice(0).map((a) => a.close()));
  });
  afterAll(() => running.close());

  it('reads exactly the department’s records, page by page, each as the department export maps it', async () => {
    const { records, pages } = await readAll(adapter(), 97);
    expect(pages).toBe(Math.ceil(data.parcels.length / 97));
    expect(stats()).toEqual({ [FEED]: pages });
    expect(records.map((r) => r.localId).sort()).toEqual(data.truth.map((t) => t.localId).sort());
    records.forEach((record, i) => {
      expectAgreesWithDepartment(record);
      if (i > 0) {
        const before = records[i - 1];
        const t = record.changedAt.getTime() - before.changedAt.getTime();
        expect(t > 0 || (t === 0 && record.localId > before.localId)).toBe(true);
      }
    });
    // Every kind of holder the department has is in the feed.
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['PERSON', 'ENTERPRISE']));
    expect(records.some((r) => r.uscc === null && r.residentId === null)).toBe(true);
  });

  it('pages the same whatever the limit; the last page says no more, and asking on returns nothing new', async () => {
    const lp = adapter();
    const small = await readAll(lp, 13);
    const large = await readAll(lp, 500);
    expect(large.records.map((r) => r.localId)).toEqual(small.records.map((r) => r.localId));
    expect(large.next).toEqual(small.next);
    const again = await lp.changes(large.next, 100);
    expect(again).toEqual({ records: [], next: large.next, hasMore: false });
  });

  it('asks at most 500 a page, however many are wanted, and never answers from a cache', async () => {
    const lp = adapter({ LAND_PLANNING_CACHE_TTL_MS: '60000' });
    const first = await lp.changes(null, 10_000);
    expect(first.records).toHaveLength(Math.min(500, data.parcels.length));
    expect(first.hasMore).toBe(data.parcels.length > 500);
    await lp.changes(null, 10_000);
    expect(stats()).toEqual({ [FEED]: 2 });
    await expect(lp.changes(null, 0)).rejects.toThrow(RangeError);
    expect(stats()).toEqual({ [FEED]: 2 });
  });

  it('reads a cursor between two seconds as after that whole second, and an empty localId as before its second', async () => {
    const lp = adapter();
    const { records } = await readAll(lp, 500);
    const i = records.findIndex((r, k) => k > 10 && r.changedAt > records[k - 1].changedAt);
    const mid = { changedAt: new Date(records[i - 1].changedAt.getTime() + 500), localId: '' };
    const page = await lp.changes(mid, 3);
    expect(page.records.map((r) => r.localId)).toEqual(
      records.slice(i, i + 3).map((r) => r.localId),
    );
    const before = { changedAt: records[i].changedAt, localId: '' };
    expect((await lp.changes(before, 1)).records[0].localId).toBe(records[i].localId);
  });

  it('serves a record changed at the department after the sync’s cursor, with its new values', async () => {
    const lp = adapter();
    const { next } = await readAll(lp, 500);
    const enterprise = data.parcels.find((p) => p.ZJZL === '统一社会信用代码');
    const person = data.parcels.find((p) => p.ZJZL === '身份证');
    if (!enterprise || !person || !next) throw new Error('no such record');
    const changedAt = new Date('2026-11-24T01:02:03Z');
    updateLandPlanningRecord(data, enterprise.BDCDYH, {
      name: '安吉县新名称有限公司',
      legalRepresentative: '周新',
      changedAt,
    });
    updateLandPlanningRecord(data, person.BDCDYH, {
      phone: '13900000000',
      address: '安吉县递铺街道新区1号',
      changedAt,
    });
    const page = await lp.changes(next, 100);
    expect(page.hasMore).toBe(false);
    expect(page.records.map((r) => r.localId)).toEqual([enterprise.BDCDYH, person.BDCDYH].sort());
    for (const record of page.records) {
      expectAgreesWithDepartment(record);
      expect(record.changedAt).toEqual(changedAt);
    }
    expect(page.records.find((r) => r.localId === enterprise.BDCDYH)).toMatchObject({
      name: '安吉县新名称有限公司',
      legalRepresentative: '周新',
    });
    expect(page.records.find((r) => r.localId === person.BDCDYH)).toMatchObject({
      phone: '13900000000',
      address: '安吉县递铺街道新区1号',
    });
    // Read from the start, each record is still there once, at its new place.
    const all = await readAll(lp, 500);
    expect(all.records).toHaveLength(data.parcels.length);
    expect(all.records.slice(-2).map((r) => r.localId)).toEqual(page.records.map((r) => r.localId));
  });

  it('reports a department that answers 503 as SOURCE_UNAVAILABLE, after retrying', async () => {
    running.simulator.faults.update({ errorRate: 1 });
    await expect(adapter({ LAND_PLANNING_RETRIES: '2' }).changes(null, 10)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      source: 'land-planning',
    });
    expect(stats()).toEqual({ [FEED]: 3 });
  });

  it('reports a body cut in half as SOURCE_INVALID_RESPONSE, without retrying', async () => {
    running.simulator.faults.update({ malformedRate: 1 });
    await expect(adapter({ LAND_PLANNING_RETRIES: '2' }).changes(null, 10)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
    });
    expect(stats()).toEqual({ [FEED]: 1 });
  });

  it('reports a refused key as SOURCE_UNAVAILABLE and a hanging department as SOURCE_TIMEOUT', async () => {
    await expect(
      adapter({ LAND_PLANNING_API_KEY: 'wrong' }).changes(null, 10),
    ).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('401'),
    });
    running.simulator.faults.update({ hangRate: 1 });
    await expect(
      adapter({ LAND_PLANNING_TIMEOUT_MS: '200' }).changes(null, 10),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT });
  });
});
