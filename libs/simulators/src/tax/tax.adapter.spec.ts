import {
  createTaxAdapter,
  readTaxConfig,
  SourceErrorCode,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type TaxConfig,
  type TaxSoapAdapter,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator, type Simulator } from '../shared';
import type { DepartmentRecordRow } from '../department-record-row';
import { updateTaxRecord } from './tax.changes';
import { generateTaxData } from './tax.data';
import { taxRecordRow } from './tax.export';
import type { TaxpayerInfoRecord } from './tax.record';
import { createTaxSimulator, TAX_SERVICE_PATH } from './tax.simulator';

/**
 * The real tax adapter against the simulator over SOAP on 127.0.0.1:
 * batching and caching counted at the simulator, messy stored data, and
 * every fault the department can have.
 */
const ROUTE = `POST ${TAX_SERVICE_PATH}`;

const population = generateDemoApplicants({ seed: 5, persons: 1200, enterprises: 500 });
const data = generateTaxData(population, { seed: 9 });
const keys = [...new Set(data.truth.map((t) => t.applicantKey))];
const UNKNOWN = '91330522MA2B3C4D5E';

const countsByKey = new Map<string, number>();
for (const t of data.truth)
  countsByKey.set(t.applicantKey, (countsByKey.get(t.applicantKey) ?? 0) + 1);
const lowerCase = data.registrations.find((r) => /x$/.test(r.NSRSBH));
const duplicated = keys.find((k) => (countsByKey.get(k) ?? 0) > 1);

describe('TaxSoapAdapter ↔ tax simulator', () => {
  let simulator: Simulator;
  let running: RunningSimulator;
  const adapters: TaxSoapAdapter[] = [];

  function adapter(env: Record<string, string> = {}): TaxSoapAdapter {
    const config = readTaxConfig({ TAX_URL: running.url, TAX_RETRIES: '0', ...env }) as TaxConfig;
    const created = createTaxAdapter(config);
    adapters.push(created);
    return created;
  }
  const requests = () => simulator.faults.stats()[ROUTE] ?? 0;

  beforeAll(async () => {
    expect(lowerCase && duplicated).toBeTruthy();
    simulator = createTaxSimulator(data);
    running = await startSimulator(simulator);
  });
  afterEach(async () => {
    simulator.faults.reset();
    await Promise.all(adapters.splice(0).map((a) => a.close()));
  });
  afterAll(() => running.close());

  it('asks for a batch of keys in one request and keys the answer by them', async () => {
    const asked = [...keys.slice(0, 60), UNKNOWN];
    const found = await adapter().taxpayers(asked);
    expect(requests()).toBe(1);
    expect(found.size).toBe(60);
    expect([...found.keys()]).toEqual(keys.slice(0, 60));
    for (const [key, profile] of found) expect(profile.taxpayerId).toBe(key);
    expect(found.has(UNKNOWN)).toBe(false);
  });

  it('maps what the tax office holds', async () => {
    const record = data.registrations.find(
      (r) => r.NSRLX === '单位纳税人' && r.QSXX && r.NSXYXX?.PF && countsByKey.get(r.NSRSBH) === 1,
    )!;
    const profile = (await adapter().taxpayers([record.NSRSBH])).get(record.NSRSBH);
    expect(profile).toMatchObject({
      registrationNo: record.DJXH,
      name: record.NSRMC,
      category: 'UNIT',
      statusLabel: record.NSRZT,
      competentTaxOffice: record.ZGSWJG_DM,
      registeredOn: record.DJRQ,
      creditRating: {
        year: Number(record.NSXYXX!.PJND),
        level: record.NSXYXX!.XYDJ,
        score: Number(record.NSXYXX!.PF),
      },
      hasArrears: true,
    });
    expect(profile?.arrears.map((a) => a.balanceYuan)).toEqual(
      record.QSXX!.map((q) => Number(q.QSYE)),
    );
  });

  it('serves repeated keys from its cache without a request', async () => {
    const tax = adapter();
    await tax.taxpayers(keys.slice(0, 20));
    expect(requests()).toBe(1);
    const again = await tax.taxpayers(keys.slice(0, 20));
    expect(again.size).toBe(20);
    expect(requests()).toBe(1);
    await tax.taxpayers([...keys.slice(10, 20), ...keys.slice(20, 25), UNKNOWN]);
    expect(requests()).toBe(2);
    // "Not known" is an answer too, and cached.
    await tax.taxpayers([UNKNOWN]);
    expect(requests()).toBe(2);
  });

  it('splits more than 100 keys into batches of 100', async () => {
    const found = await adapter().taxpayers(keys.slice(0, 250));
    expect(found.size).toBe(250);
    expect(requests()).toBe(3);
  });

  it('sends nothing for keys that cannot be a 纳税人识别号', async () => {
    expect((await adapter().taxpayers(['', 'abc', '9133-0522'])).size).toBe(0);
    expect((await adapter().taxpayers([])).size).toBe(0);
    expect(requests()).toBe(0);
  });

  it('finds a natural person stored with a lower-case x by the normalized number', async () => {
    const key = lowerCase!.NSRSBH.toUpperCase();
    const profile = (await adapter().taxpayers([key])).get(key);
    expect(profile).toMatchObject({ taxpayerId: key, category: 'NATURAL_PERSON' });
  });

  it('shows one profile for a number with two 登记序号', async () => {
    const registrations = data.registrations.filter((r) => r.NSRSBH.toUpperCase() === duplicated);
    expect(registrations).toHaveLength(2);
    const profile = (await adapter().taxpayers([duplicated!])).get(duplicated!);
    const live = registrations.filter((r) => r.NSRZT !== '注销');
    const expected = live.sort((a, b) => (a.DJRQ < b.DJRQ ? -1 : 1))[0] ?? registrations[0];
    expect(profile?.registrationNo).toBe(expected.DJXH);
  });

  it('reports a department that is down as SOURCE_UNAVAILABLE', async () => {
    simulator.faults.update({ down: true });
    await expect(adapter({ TAX_RETRIES: '1' }).taxpayers([keys[0]])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      source: 'tax',
    });
  });

  it('gives up on a hanging department with SOURCE_TIMEOUT within its timeout', async () => {
    simulator.faults.update({ hangRate: 1 });
    const started = Date.now();
    await expect(
      adapter({ TAX_TIMEOUT_MS: '300', TAX_RETRIES: '2' }).taxpayers([keys[0]]),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT, source: 'tax' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(600);
  });

  it('reports a body cut in half as SOURCE_INVALID_RESPONSE, without retrying', async () => {
    simulator.faults.update({ malformedRate: 1 });
    await expect(adapter({ TAX_RETRIES: '2' }).taxpayers([keys[0]])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
    });
    expect(requests()).toBe(1);
  });

  it('retries HTTP 503 and then reports SOURCE_UNAVAILABLE', async () => {
    simulator.faults.update({ errorRate: 1 });
    await expect(adapter({ TAX_RETRIES: '2' }).taxpayers([keys[0]])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('HTTP 503') as unknown,
    });
    expect(requests()).toBe(3);
  });

  it('opens its breaker after the threshold and then fails fast without a request', async () => {
    simulator.faults.update({ errorRate: 1 });
    const tax = adapter({ TAX_BREAKER_THRESHOLD: '2', TAX_BREAKER_HALF_OPEN_MS: '60000' });
    for (const key of keys.slice(0, 2)) {
      await expect(tax.taxpayers([key])).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
      });
    }
    expect(requests()).toBe(2);
    simulator.faults.update({ errorRate: 0 });
    await expect(tax.taxpayers([keys[2]])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('circuit breaker') as unknown,
    });
    expect(requests()).toBe(2);
  });

  it('recovers when the department comes back', async () => {
    const tax = adapter();
    simulator.faults.update({ down: true });
    await expect(tax.taxpayers([keys[0]])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    simulator.faults.update({ down: false });
    expect((await tax.taxpayers([keys[0]])).size).toBe(1);
  });
});

describe('TaxSoapAdapter ↔ tax simulator with credentials', () => {
  let running: RunningSimulator;
  const credentials = { username: 'oncegate', password: 'demo-secret' };

  beforeAll(async () => {
    running = await startSimulator(createTaxSimulator(data, { credentials }));
  });
  afterAll(() => running.close());

  it('sends its WS-Security UsernameToken', async () => {
    const tax = createTaxAdapter(
      readTaxConfig({
        TAX_URL: running.url,
        TAX_USERNAME: credentials.username,
        TAX_PASSWORD: credentials.password,
      }) as TaxConfig,
    );
    try {
      expect((await tax.taxpayers([keys[0]])).size).toBe(1);
    } finally {
      await tax.close();
    }
  });

  it('reports the fault for wrong credentials as SOURCE_INVALID_RESPONSE (not retried)', async () => {
    const tax = createTaxAdapter(
      readTaxConfig({
        TAX_URL: running.url,
        TAX_USERNAME: 'oncegate',
        TAX_PASSWORD: 'guess',
      }) as TaxConfig,
    );
    try {
      await expect(tax.taxpayers([keys[0]])).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
        message: expect.stringContaining('CWDM 1000') as unknown,
      });
    } finally {
      await tax.close();
    }
  });
});

/** An applicant record in the export's common form, for comparing the two mappings. */
function asRow(record: DepartmentApplicantRecord): DepartmentRecordRow {
  return {
    record_id: `${record.system}:${record.localId}`,
    system: 'tax',
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

describe('TaxSoapAdapter.changes ↔ tax simulator', () => {
  // Data of its own: these tests change registrations.
  const own = generateTaxData(population, { seed: 9 });
  const byDjxh = new Map<string, TaxpayerInfoRecord>(own.registrations.map((r) => [r.DJXH, r]));
  let simulator: Simulator;
  let running: RunningSimulator;
  const adapters: TaxSoapAdapter[] = [];

  function adapter(env: Record<string, string> = {}): TaxSoapAdapter {
    const config = readTaxConfig({ TAX_URL: running.url, TAX_RETRIES: '0', ...env }) as TaxConfig;
    const created = createTaxAdapter(config);
    adapters.push(created);
    return created;
  }
  const requests = () => simulator.faults.stats()[ROUTE] ?? 0;

  async function readAll(tax: TaxSoapAdapter, limit: number, after: ChangeCursor | null = null) {
    const records: DepartmentApplicantRecord[] = [];
    let cursor = after;
    for (;;) {
      const page = await tax.changes(cursor, limit);
      records.push(...page.records);
      cursor = page.next;
      if (!page.hasMore) return { records, cursor };
    }
  }

  beforeAll(async () => {
    simulator = createTaxSimulator(own);
    running = await startSimulator(simulator);
  });
  afterEach(async () => {
    simulator.faults.reset();
    await Promise.all(adapters.splice(0).map((a) => a.close()));
  });
  afterAll(() => running.close());

  it('reads exactly the department’s registrations, each once, mapped as the export maps them', async () => {
    const { records } = await readAll(adapter(), 97);
    expect(requests()).toBe(Math.ceil(own.registrations.length / 97));
    expect(records.map((r) => r.localId).sort()).toEqual(own.truth.map((t) => t.localId).sort());
    for (let i = 1; i < records.length; i++) {
      const [a, b] = [records[i - 1], records[i]];
      expect(
        a.changedAt < b.changedAt || (+a.changedAt === +b.changedAt && a.localId < b.localId),
      ).toBe(true);
    }
    for (const record of records) {
      const registration = byDjxh.get(record.localId)!;
      expect(asRow(record)).toEqual(taxRecordRow(registration));
      expect(record.changedAt.getTime()).toBe(Date.parse(registration.GXSJ!));
      expect(record.raw).toMatchObject({ DJXH: registration.DJXH, GXSJ: registration.GXSJ });
    }
    // Both kinds and the messy values are in there.
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['PERSON', 'ENTERPRISE']));
    expect(
      records.some((r) => r.residentId !== null && /x$|^\d{15}$|[０-９]/.test(r.residentId)),
    ).toBe(true);
  });

  it('asks again every time (no cache), and at most 500 a page', async () => {
    const tax = adapter();
    const first = await tax.changes(null, 10_000);
    expect(first.records).toHaveLength(Math.min(500, own.registrations.length));
    await tax.changes(null, 10_000);
    expect(requests()).toBe(2);
  });

  it('shows a change made at the department after the cursor it had reached', async () => {
    const tax = adapter();
    const { cursor } = await readAll(tax, 500);
    expect((await tax.changes(cursor, 100)).records).toEqual([]);
    const unit = own.registrations.find((r) => r.NSRLX === '单位纳税人')!;
    updateTaxRecord(own, unit.DJXH, {
      name: '长兴县变更后名称有限公司',
      legalRepresentative: '新法人',
      changedAt: new Date(cursor!.changedAt.getTime() + 1),
    });
    const page = await tax.changes(cursor, 100);
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({
      localId: unit.DJXH,
      name: '长兴县变更后名称有限公司',
      legalRepresentative: '新法人',
      changedAt: new Date(cursor!.changedAt.getTime() + 1),
    });
    expect(asRow(page.records[0])).toEqual(taxRecordRow(unit));
    expect(page.next).toEqual({ changedAt: page.records[0].changedAt, localId: unit.DJXH });
  });

  it('goes through the call policy: retries a 503, then SOURCE_UNAVAILABLE', async () => {
    simulator.faults.update({ errorRate: 1 });
    await expect(adapter({ TAX_RETRIES: '2' }).changes(null, 10)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    expect(requests()).toBe(3);
  });

  it('reports a cut body as SOURCE_INVALID_RESPONSE', async () => {
    simulator.faults.update({ malformedRate: 1 });
    await expect(adapter().changes(null, 10)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
    });
  });
});
