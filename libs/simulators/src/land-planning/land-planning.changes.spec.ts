import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateDemoApplicants } from '@oncegate/demo';
import {
  LAND_PLANNING_MIGRATED_AT,
  LandPlanningChangeFeed,
  formatLandPlanningTime,
  landPlanningParcelChange,
  parseLandPlanningTime,
  updateLandPlanningRecord,
  type LandPlanningFeedCursor,
} from './land-planning.changes';
import { generateLandPlanningData } from './land-planning.data';
import { LandPlanningDataError, loadLandPlanningDataFromFile } from './land-planning.file';
import type { LandPlanningData, LandPlanningParcelRecord } from './land-planning.records';

const population = generateDemoApplicants({ seed: 7, persons: 3000, enterprises: 900 });
/** A fresh copy per test that changes records, so tests do not see each other's changes. */
const fresh = (): LandPlanningData =>
  structuredClone(generateLandPlanningData(population, { seed: 7 }));
const data = fresh();
const NOW = '2026-11-01 00:00:00';

const order = (a: LandPlanningParcelRecord, b: LandPlanningParcelRecord) =>
  a.GXSJ < b.GXSJ ? -1 : a.GXSJ > b.GXSJ ? 1 : a.BDCDYH < b.BDCDYH ? -1 : 1;
const cursorOf = (record: LandPlanningParcelRecord): LandPlanningFeedCursor => ({
  time: record.GXSJ,
  unitNo: record.BDCDYH,
});

/** Walks the whole feed from `start`, one page of each given size in turn (the last size repeats). */
function walk(
  feed: LandPlanningChangeFeed,
  sizes: readonly number[],
  start: LandPlanningFeedCursor | null = null,
): { units: string[]; pages: number } {
  const units: string[] = [];
  let cursor = start;
  for (let pages = 1; ; pages++) {
    const page = feed.page(cursor, sizes[Math.min(pages - 1, sizes.length - 1)]);
    units.push(...page.records.map((r) => r.BDCDYH));
    if (page.records.length > 0) cursor = cursorOf(page.records[page.records.length - 1]);
    if (!page.hasMore) return { units, pages };
    expect(page.records.length).toBeGreaterThan(0);
  }
}

describe('land-planning 更新时间 (GXSJ)', () => {
  it('stamps every generated record with a real time, not before its 登簿时间 nor after now', () => {
    let later = 0;
    for (const p of data.parcels) {
      expect(parseLandPlanningTime(p.GXSJ)).not.toBeNull();
      expect(p.GXSJ >= (p.DBSJ ?? LAND_PLANNING_MIGRATED_AT)).toBe(true);
      expect(p.GXSJ < NOW).toBe(true);
      if (p.GXSJ !== (p.DBSJ ?? LAND_PLANNING_MIGRATED_AT)) later++;
    }
    // About a third were changed after they were entered.
    expect(later / data.parcels.length).toBeGreaterThan(0.2);
    expect(later / data.parcels.length).toBeLessThan(0.5);
  });

  it('adds the column last, so every other column keeps its place in an export', () => {
    for (const p of data.parcels.slice(0, 50)) expect(Object.keys(p).at(-1)).toBe('GXSJ');
  });

  it('reads and writes China time to the second', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (at) => {
          const text = formatLandPlanningTime(at);
          expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
          expect(parseLandPlanningTime(text)).toBe(Math.floor(at.getTime() / 1000) * 1000);
        },
      ),
    );
    expect(formatLandPlanningTime(new Date('2026-06-16T02:44:32.999Z'))).toBe(
      '2026-06-16 10:44:32',
    );
    for (const bad of ['2026-02-30 10:00:00', '2026-01-01 24:00:00', '2026-01-01 10:60:00', '']) {
      expect(parseLandPlanningTime(bad)).toBeNull();
    }
    expect(() => formatLandPlanningTime(new Date(NaN))).toThrow(RangeError);
  });
});

describe('land-planning change feed', () => {
  const feed = new LandPlanningChangeFeed(data.parcels);
  const sorted = [...data.parcels].sort(order).map((p) => p.BDCDYH);

  it('pages cover every record exactly once, in (GXSJ, BDCDYH) order, whatever the page sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 8 }),
        (sizes) => {
          expect(walk(feed, sizes).units).toEqual(sorted);
        },
      ),
      { numRuns: 40 },
    );
    expect(walk(feed, [500]).pages).toBe(Math.ceil(sorted.length / 500));
    expect(walk(feed, [sorted.length])).toEqual({ units: sorted, pages: 1 });
  });

  it('starts strictly after the cursor: after the unit within its second, or after the whole second', () => {
    const records = [...data.parcels].sort(order);
    const i = 17;
    const page = feed.page(cursorOf(records[i]), 3).records;
    expect(page.map((r) => r.BDCDYH)).toEqual(sorted.slice(i + 1, i + 4));
    const afterSecond = feed.page({ time: records[i].GXSJ }, 1).records[0];
    expect(afterSecond.GXSJ > records[i].GXSJ).toBe(true);
    expect(feed.page(cursorOf(records[records.length - 1]), 10)).toEqual({
      records: [],
      hasMore: false,
    });
  });

  it('serves the feed item of a record: its unit, 权利人 columns and 更新时间 only', () => {
    const record = data.parcels[0];
    expect(landPlanningParcelChange(record)).toEqual({
      BDCDYH: record.BDCDYH,
      ZDDM: record.ZDDM,
      QLLX: record.QLLX,
      QLXZ: record.QLXZ,
      QLRMC: record.QLRMC,
      ZJZL: record.ZJZL,
      ZJH: record.ZJH,
      FDDBR: record.FDDBR,
      LXDH: record.LXDH,
      TXDZ: record.TXDZ,
      ZL: record.ZL,
      DBSJ: record.DBSJ,
      GXSJ: record.GXSJ,
    });
  });
});

describe('updateLandPlanningRecord', () => {
  it('changes the record in place and moves it after every earlier cursor, with its new values', () => {
    const own = fresh();
    const feed = new LandPlanningChangeFeed(own.parcels);
    const read = feed.page(null, Math.floor(own.parcels.length / 2)).records;
    const cursor = cursorOf(read[read.length - 1]);
    const target = read.find((p) => p.ZJZL === '统一社会信用代码');
    if (!target) throw new Error('no such record');
    const before = walk(feed, [100], cursor).units;
    expect(before).not.toContain(target.BDCDYH);

    const changedAt = new Date('2026-11-20T03:00:00.750Z');
    const changed = updateLandPlanningRecord(own, target.BDCDYH, {
      name: '新名称有限公司',
      phone: '0572-5555555',
      address: '新地址1号',
      legalRepresentative: '王新',
      changedAt,
    });
    expect(changed).toBe(true);
    expect(target).toMatchObject({
      QLRMC: '新名称有限公司',
      LXDH: '0572-5555555',
      TXDZ: '新地址1号',
      FDDBR: '王新',
      GXSJ: '2026-11-20 11:00:00',
    });
    const after = walk(feed, [100], cursor).units;
    expect(after).toEqual([...before, target.BDCDYH]);
    const last = feed.page({ time: '2026-11-20 10:59:59' }, 5).records;
    expect(last).toEqual([target]);
    // Everything is still there exactly once.
    expect(walk(feed, [37]).units.sort()).toEqual(own.parcels.map((p) => p.BDCDYH).sort());
  });

  it('keeps every record exactly once in order through many changes, ties broken by unit number', () => {
    const own = fresh();
    const feed = new LandPlanningChangeFeed(own.parcels);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            index: fc.nat({ max: own.parcels.length - 1 }),
            // Few distinct seconds, so changes tie.
            second: fc.integer({ min: 0, max: 5 }),
          }),
          // Up to 80: a few are moved one by one, a burst is merged.
          { maxLength: 80 },
        ),
        fc.integer({ min: 1, max: 200 }),
        (changes, size) => {
          for (const { index, second } of changes) {
            const at = new Date(Date.UTC(2026, 10, 20, 1, 0, second));
            expect(
              updateLandPlanningRecord(own, own.parcels[index].BDCDYH, { changedAt: at }),
            ).toBe(true);
          }
          expect(walk(feed, [size]).units).toEqual(
            [...own.parcels].sort(order).map((p) => p.BDCDYH),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('is seen by a feed built after the change, and by every feed over the same records', () => {
    const own = fresh();
    const early = new LandPlanningChangeFeed(own.parcels);
    const unit = own.parcels[3].BDCDYH;
    updateLandPlanningRecord(own, unit, {
      phone: '13800000000',
      changedAt: new Date('2027-01-01T00:00:00Z'),
    });
    // Another wrapper of the same array is the same data.
    const late = new LandPlanningChangeFeed({ parcels: own.parcels }.parcels);
    for (const feed of [early, late]) {
      const tail = feed.page({ time: '2026-12-31 23:59:59' }, 10).records;
      expect(tail.map((r) => [r.BDCDYH, r.LXDH])).toEqual([[unit, '13800000000']]);
      expect(walk(feed, [250]).units).toHaveLength(own.parcels.length);
    }
  });

  it('leaves a person without a 法定代表人, refuses an empty name or a time it cannot record, and is false for an unknown unit', () => {
    const own = fresh();
    const person = own.parcels.find((p) => p.ZJZL === '身份证');
    if (!person) throw new Error('no such record');
    const at = new Date('2026-12-01T00:00:00Z');
    expect(
      updateLandPlanningRecord(own, person.BDCDYH, { legalRepresentative: '某某', changedAt: at }),
    ).toBe(true);
    expect(person.FDDBR).toBeNull();
    const before = { ...person };
    expect(() =>
      updateLandPlanningRecord(own, person.BDCDYH, { name: ' ', changedAt: at }),
    ).toThrow(RangeError);
    expect(() =>
      updateLandPlanningRecord(own, person.BDCDYH, { name: '甲', changedAt: new Date(NaN) }),
    ).toThrow(RangeError);
    expect(person).toEqual(before);
    expect(
      updateLandPlanningRecord(own, '330523006005GB99999F00010000', { name: '甲', changedAt: at }),
    ).toBe(false);
  });
});

describe('land-planning export files and the 更新时间', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'land-planning-changes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a record exported without GXSJ its 登簿时间, or the migration night without one', async () => {
    const withDbsj = data.parcels.find((p) => p.DBSJ !== null);
    if (!withDbsj) throw new Error('no such record');
    // A land-only record of the same 宗地 never entered in the register.
    const withoutDbsj = { ...withDbsj, BDCDYH: `${withDbsj.ZDDM}W99999999`, DBSJ: null };
    const strip = ({ GXSJ: _gxsj, ...rest }: LandPlanningParcelRecord) => rest;
    const path = join(dir, 'old.json');
    writeFileSync(path, JSON.stringify([strip(withDbsj), strip(withoutDbsj)]));
    const loaded = await loadLandPlanningDataFromFile(path);
    expect(loaded.parcels.map((p) => p.GXSJ)).toEqual([withDbsj.DBSJ, LAND_PLANNING_MIGRATED_AT]);
  });

  it.each([['2026-13-01 10:00:00'], ['2026-06-16T10:44:32'], [20260616]])(
    'refuses a GXSJ of %p',
    async (gxsj) => {
      const path = join(dir, 'bad.json');
      writeFileSync(path, JSON.stringify([{ ...data.parcels[0], GXSJ: gxsj }]));
      await expect(loadLandPlanningDataFromFile(path)).rejects.toThrow(LandPlanningDataError);
      await expect(loadLandPlanningDataFromFile(path)).rejects.toThrow('GXSJ');
    },
  );
});
