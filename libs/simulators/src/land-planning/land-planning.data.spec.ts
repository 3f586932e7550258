import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants, type DemoApplicant } from '@oncegate/demo';
import { validateRealEstateUnitNo } from '@oncegate/identifiers';
import { generateLandPlanningData, type LandPlanningMess } from './land-planning.data';
import {
  LandPlanningDataError,
  loadLandPlanningDataFromFile,
  writeLandPlanningDataToFile,
} from './land-planning.file';
import { ringAreaSquareMeters } from './land-planning.red-line';
import { landPlanningHolderKey } from './land-planning.simulator';

const population: DemoApplicant[] = generateDemoApplicants({
  seed: 11,
  persons: 6000,
  enterprises: 1500,
});
const data = generateLandPlanningData(population, { seed: 11 });
const byKey = new Map(population.map((a) => [a.identifiers[0].value, a]));

describe('generateLandPlanningData', () => {
  it('is deterministic, and another seed gives other data', () => {
    expect(generateLandPlanningData(population, { seed: 11 })).toEqual(data);
    expect(generateLandPlanningData(population, { seed: 12 }).parcels).not.toEqual(data.parcels);
  });

  it('has one truth row per record, naming a population member by its canonical identifier', () => {
    expect(data.truth).toHaveLength(data.parcels.length);
    data.parcels.forEach((parcel, i) => {
      expect(data.truth[i].localId).toBe(parcel.BDCDYH);
      expect(byKey.has(data.truth[i].applicantKey)).toBe(true);
    });
    expect(new Set(data.parcels.map((p) => p.BDCDYH)).size).toBe(data.parcels.length);
  });

  it('picks a realistic subset: about a quarter of the enterprises and 3% of the persons', () => {
    const holders = new Set(data.truth.map((t) => t.applicantKey));
    const enterprises = population.filter((a) => a.kind === 'ENTERPRISE');
    const persons = population.filter((a) => a.kind === 'PERSON');
    const share = (group: DemoApplicant[]) =>
      group.filter((a) => holders.has(a.identifiers[0].value)).length / group.length;
    expect(share(enterprises)).toBeGreaterThan(0.18);
    expect(share(enterprises)).toBeLessThan(0.36);
    expect(share(persons)).toBeGreaterThan(0.02);
    expect(share(persons)).toBeLessThan(0.04);
  });

  it('keeps the 不动产单元号 the demo registry records already carry', () => {
    const units = new Set(data.parcels.map((p) => p.BDCDYH));
    const demoUnits = population.flatMap((a) =>
      a.sourceRecords.filter((r) => r.system === 'land-planning').map((r) => r.localId),
    );
    expect(demoUnits.length).toBeGreaterThan(0);
    for (const unit of demoUnits) expect(units).toContain(unit);
  });

  it('gives every parcel a valid 不动产单元号 whose first 19 characters are its 宗地代码', () => {
    for (const parcel of data.parcels) {
      const result = validateRealEstateUnitNo(parcel.BDCDYH);
      expect(result).toMatchObject({ valid: true });
      expect(parcel.ZDDM).toBe(parcel.BDCDYH.slice(0, 19));
      expect(parcel.redLine.properties.ZDDM).toBe(parcel.ZDDM);
    }
  });

  it('draws closed counter-clockwise red lines in the county, about the registered area', () => {
    for (const parcel of data.parcels) {
      const [ring] = parcel.redLine.geometry.coordinates;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      let twice = 0;
      for (let i = 0; i < ring.length - 1; i++)
        twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      expect(twice).toBeGreaterThan(0);
      const [lon, lat] = ring[0];
      expect(lon).toBeGreaterThan(117);
      expect(lon).toBeLessThan(122);
      expect(lat).toBeGreaterThan(25);
      expect(lat).toBeLessThan(35);
      // A cut corner removes at most ~3% of the area.
      expect(ringAreaSquareMeters(ring) / parcel.ZDMJ).toBeGreaterThan(0.95);
      expect(ringAreaSquareMeters(ring) / parcel.ZDMJ).toBeLessThan(1.01);
    }
  });

  it('holds every kind of mess it claims, and the counts agree with the records', () => {
    const kinds: LandPlanningMess[] = [
      'enterpriseNameVariant',
      'personNameVariant',
      'legacyResidentId15',
      'lowerCaseId',
      'fullWidthId',
      'missingHolderId',
      'staleLegalRepresentative',
      'changedPhone',
      'movedAddress',
      'duplicateRegistration',
    ];
    // Pairs, so a failure names the kind that is missing.
    for (const kind of kinds) expect([kind, data.mess[kind] > 0]).toEqual([kind, true]);

    const ids = data.parcels.map((p) => p.ZJH);
    expect(ids.filter((id) => id === null)).toHaveLength(data.mess.missingHolderId);
    expect(ids.some((id) => id !== null && /^\d{15}$/.test(id))).toBe(true);
    expect(ids.some((id) => id !== null && /x$/.test(id))).toBe(true);
    expect(ids.some((id) => id !== null && /^9\d[0-9a-z]+$/.test(id) && /[a-z]/.test(id))).toBe(
      true,
    );
    expect(ids.some((id) => id !== null && /[０-９]/.test(id))).toBe(true);

    const names = data.parcels.filter(
      (p, i) => p.QLRMC !== byKey.get(data.truth[i].applicantKey)?.name,
    );
    expect(names.length).toBeGreaterThanOrEqual(
      data.mess.enterpriseNameVariant + data.mess.personNameVariant,
    );
  });

  it('registers a few parcels twice: same 宗地代码 and holder, another unit number', () => {
    const holderOf = new Map(data.truth.map((t) => [t.localId, t.applicantKey]));
    const byParcel = new Map<string, string[]>();
    for (const p of data.parcels) {
      if (p.YT === '城镇住宅用地') continue; // apartments share their compound's 宗地 by design
      byParcel.set(p.ZDDM, [...(byParcel.get(p.ZDDM) ?? []), p.BDCDYH]);
    }
    const twice = [...byParcel.values()].filter((units) => units.length > 1);
    expect(twice).toHaveLength(data.mess.duplicateRegistration);
    for (const units of twice) expect(new Set(units.map((u) => holderOf.get(u))).size).toBe(1);
  });

  it('keeps every holder findable by id through at least one record', () => {
    const findable = new Set<string>();
    data.parcels.forEach((p, i) => {
      if (p.ZJH !== null && landPlanningHolderKey(p.ZJH) === data.truth[i].applicantKey) {
        findable.add(data.truth[i].applicantKey);
      }
    });
    expect(findable).toEqual(new Set(data.truth.map((t) => t.applicantKey)));
  });

  it('dates documents in order and numbers them uniquely', () => {
    const numbers = new Set<string>();
    let withChain = 0;
    for (const p of data.parcels) {
      for (const doc of [p.YDYSXZ, p.YDGHXK, ...p.GCGHXK]) {
        if (!doc) continue;
        expect(numbers.has(doc.ZSBH)).toBe(false);
        numbers.add(doc.ZSBH);
      }
      if (p.CRHT) {
        expect(p.CRHT.QDRQ < p.CRHT.YDKGRQ && p.CRHT.YDKGRQ < p.CRHT.YDJGRQ).toBe(true);
        if (p.YDGHXK) expect(p.YDGHXK.CRHTBH).toBe(p.CRHT.HTBH);
      }
      if (p.YDYSXZ && p.YDGHXK && p.CRHT) {
        withChain++;
        expect(p.YDYSXZ.FZRQ <= p.CRHT.QDRQ && p.CRHT.QDRQ <= p.YDGHXK.FZRQ).toBe(true);
      }
      if (p.QLXZ === '划拨') expect(p.CRHT).toBeNull();
      for (const permit of p.GCGHXK)
        expect(permit.DSJZMJ + permit.DXJZMJ).toBeCloseTo(permit.ZJZMJ, 1);
    }
    expect(withChain).toBeGreaterThan(0);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => generateLandPlanningData(population, { seed: 1.5 })).toThrow(RangeError);
  });
});

describe('land-planning export files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'land-planning-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads what it writes', async () => {
    const path = join(dir, 'parcels.json');
    await writeLandPlanningDataToFile(path, data);
    const loaded = await loadLandPlanningDataFromFile(path);
    expect(loaded.parcels).toEqual(data.parcels);
    expect(loaded.truth).toEqual([]);
  });

  it('reads an export with a BOM', async () => {
    const path = join(dir, 'bom.json');
    writeFileSync(path, '\ufeff' + JSON.stringify(data.parcels.slice(0, 3)));
    expect((await loadLandPlanningDataFromFile(path)).parcels).toHaveLength(3);
  });

  const parcel = (): Record<string, unknown> => ({ ...structuredClone(data.parcels[0]) });

  it.each([
    ['not JSON', '{"BDCDYH":', 'not JSON'],
    ['not an array', JSON.stringify({ parcels: [] }), 'expected a JSON array'],
    [
      'a bad unit number',
      () => JSON.stringify([{ ...parcel(), BDCDYH: '3305' }]),
      'parcel #1 (BDCDYH 3305): BDCDYH',
    ],
    ['a missing name', () => JSON.stringify([{ ...parcel(), QLRMC: '' }]), 'QLRMC'],
    ['an unknown 权利性质', () => JSON.stringify([{ ...parcel(), QLXZ: '继承' }]), 'QLXZ'],
    ['a negative area', () => JSON.stringify([{ ...parcel(), ZDMJ: -1 }]), 'ZDMJ'],
    [
      'a point for a red line',
      () => JSON.stringify([{ ...parcel(), redLine: { type: 'Point' } }]),
      'redLine',
    ],
    [
      'a contract missing its number',
      () => JSON.stringify([{ ...parcel(), CRHT: { CRR: '长兴县自然资源和规划局' } }]),
      'CRHT: missing HTBH',
    ],
    ['a unit number twice', () => JSON.stringify([parcel(), parcel()]), 'appears twice'],
  ])('refuses %s with a clear error', async (_what, content, message) => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, typeof content === 'function' ? content() : content);
    await expect(loadLandPlanningDataFromFile(path)).rejects.toThrow(LandPlanningDataError);
    await expect(loadLandPlanningDataFromFile(path)).rejects.toThrow(message);
  });

  it('says so when the file cannot be read', async () => {
    await expect(loadLandPlanningDataFromFile(join(dir, 'missing.json'))).rejects.toThrow(
      'cannot be read',
    );
  });
});
