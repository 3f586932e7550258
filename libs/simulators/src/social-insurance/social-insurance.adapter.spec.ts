import {
  type ChangeCursor,
  type DepartmentApplicantRecord,
  InsuranceContributionStatus,
  InsuranceType,
  SourceError,
  SourceErrorCode,
  createSocialInsuranceAdapter,
  readSocialInsuranceConfig,
  type SocialInsuranceAdapterOptions,
  type SocialInsuranceConfig,
  type SocialInsuranceHttpAdapter,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import type { DepartmentRecordRow } from '../department-record-row';
import { startSimulator, type RunningSimulator } from '../shared';
import {
  employerUpdatedAt,
  parseSocialInsuranceTime,
  personUpdatedAt,
  updateSocialInsuranceRecord,
} from './social-insurance.changes';
import { generateSocialInsuranceData } from './social-insurance.data';
import { socialInsuranceEmployerRow, socialInsurancePersonRow } from './social-insurance.export';
import type {
  SocialInsuranceData,
  SocialInsuranceEmployerRecord,
  SocialInsurancePersonRecord,
} from './social-insurance.records';
import { createSocialInsuranceSimulator } from './social-insurance.simulator';
import { personKey } from './social-insurance.store';

/**
 * The adapter against the simulator over real HTTP on 127.0.0.1: batching
 * proven by the simulator's request counts, the cache, messy stored records,
 * the signature, and every kind of failure the call policy must turn into a
 * SourceError.
 */

const BATCH = 'POST /si/api/v1/batch/query';
const CHANGES = 'GET /si/api/v1/changes';
const SECRET = 'adapter-test-secret-42';

function employer(
  overrides: Partial<SocialInsuranceEmployerRecord>,
): SocialInsuranceEmployerRecord {
  return {
    unit_no: 'SI-UNIT-900001',
    unit_insurance_no: '33052290000001',
    uscc: '91330522MA2B7K3Q5E',
    unit_name: '长兴县恒达建材有限公司',
    unit_type: '10',
    insured_place: '330522',
    registered_at: '20170410',
    lines: [
      {
        insurance_type: '110',
        participation_status: '1',
        insured_count: 37,
        contribution_status: '2',
        paid_up_to: '202607',
        arrears_amount: 26880.5,
        arrears_months: 3,
      },
      {
        insurance_type: '510',
        participation_status: '3',
        insured_count: 40,
        contribution_status: '1',
        paid_up_to: '201912',
        arrears_amount: 0,
        arrears_months: 0,
      },
    ],
    ...overrides,
  };
}

function person(overrides: Partial<SocialInsurancePersonRecord>): SocialInsurancePersonRecord {
  return {
    personal_no: 'SI-PER-900001',
    social_security_no: '330522198506151235',
    cert_type: '01',
    name: '张伟',
    person_category: '11',
    insured_place: '330522',
    lines: [
      {
        insurance_type: '110',
        participation_status: '1',
        contribution_base: 6852,
        cumulative_months: 182,
        first_insured_date: '20110301',
        paid_up_to: '202610',
      },
    ],
    cross_region_medical_filings: [],
    ...overrides,
  };
}

/** Records stored the way a real register has them. */
const messy: SocialInsuranceData = {
  employers: [
    employer({ uscc: '91330522ma2b7k3q5e' }),
    employer({ unit_no: 'SI-UNIT-900002', uscc: null, org_code: 'MA2C1H5L-7', unit_type: '60' }),
  ],
  persons: [
    person({ personal_no: 'SI-PER-900002', social_security_no: '330522650312041', name: '李建國' }),
    person({
      personal_no: 'SI-PER-900003',
      social_security_no: '33052219780923122x',
      name: '王丽',
    }),
    person({
      personal_no: 'SI-PER-900004',
      social_security_no: '33052219780923122X',
      name: '王莉',
      insured_place: '330523',
      lines: [
        {
          insurance_type: '110',
          participation_status: '3',
          contribution_base: 3980,
          cumulative_months: 58,
          first_insured_date: '20080601',
          paid_up_to: '201303',
        },
        {
          insurance_type: '210',
          participation_status: '3',
          contribution_base: 3980,
          cumulative_months: 58,
          first_insured_date: '20080601',
          paid_up_to: '201303',
        },
      ],
    }),
  ],
};

const generated = generateSocialInsuranceData(
  generateDemoApplicants({ seed: 5, persons: 300, enterprises: 150 }),
  { seed: 5 },
);
const data: SocialInsuranceData = {
  employers: [...messy.employers, ...generated.employers],
  persons: [...messy.persons, ...generated.persons],
};
const employerKeys = generated.employers.flatMap((e) => (e.uscc ? [e.uscc.toUpperCase()] : []));
const personKeys = [...new Set(generated.persons.map((p) => personKey(p.social_security_no)!))];

describe('SocialInsurance adapter ↔ simulator', () => {
  let running: RunningSimulator;
  const adapters: SocialInsuranceHttpAdapter[] = [];

  beforeAll(async () => {
    running = await startSimulator(
      createSocialInsuranceSimulator(data, {
        credentials: [{ appKey: 'oncegate-test', appSecret: SECRET }],
        onContractViolation: (message) => {
          throw new Error(message);
        },
      }),
    );
  });
  beforeAll(async () => {
    // The simulator reads its contract when it is created; the first answer waits for that.
    await adapter({ SOCIAL_INSURANCE_TIMEOUT_MS: '20000' }).employers([employerKeys[0]]);
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await running.close();
  });
  beforeEach(() => running.simulator.faults.reset());

  function config(env: Record<string, string> = {}): SocialInsuranceConfig {
    const read = readSocialInsuranceConfig({
      SOCIAL_INSURANCE_URL: running.url,
      SOCIAL_INSURANCE_APP_KEY: 'oncegate-test',
      SOCIAL_INSURANCE_APP_SECRET: SECRET,
      SOCIAL_INSURANCE_TIMEOUT_MS: '5000',
      SOCIAL_INSURANCE_RETRIES: '1',
      SOCIAL_INSURANCE_BREAKER_THRESHOLD: '100',
      ...env,
    });
    if (!read) throw new Error('no config');
    return read;
  }

  function adapter(env: Record<string, string> = {}, options: SocialInsuranceAdapterOptions = {}) {
    const created = createSocialInsuranceAdapter(config(env), options);
    adapters.push(created);
    return created;
  }

  const requests = () => running.simulator.faults.stats()[BATCH] ?? 0;

  describe('batching and caching', () => {
    it('answers N employers with one request, keyed by the keys asked', async () => {
      const keys = employerKeys.slice(0, 50);
      const answer = await adapter().employers(keys);
      expect(requests()).toBe(1);
      expect([...answer.keys()].sort()).toEqual([...keys].sort());
      for (const key of keys) expect(answer.get(key)?.uscc).toBe(key);
    });

    it('puts employers and persons asked for in the same turn into one request', async () => {
      const a = adapter();
      const [employers, persons] = await Promise.all([
        a.employers(employerKeys.slice(0, 20)),
        a.persons(personKeys.slice(0, 30)),
      ]);
      expect(requests()).toBe(1);
      expect(employers.size).toBe(20);
      expect(persons.size).toBe(30);
    });

    it('splits more than 200 keys into requests of at most 200', async () => {
      const keys = [...employerKeys, ...personKeys];
      expect(keys.length).toBeGreaterThan(400);
      const a = adapter();
      const [employers, persons] = await Promise.all([
        a.employers(employerKeys),
        a.persons(personKeys),
      ]);
      expect(requests()).toBe(Math.ceil(keys.length / 200));
      expect(employers.size).toBe(employerKeys.length);
      expect(persons.size).toBe(personKeys.length);
    });

    it('serves repeated keys from the cache without asking again, including "nothing known"', async () => {
      const a = adapter();
      const keys = [...employerKeys.slice(0, 5), '91330522MA2G4P7W1F'];
      const first = await a.employers(keys);
      expect(first.has('91330522MA2G4P7W1F')).toBe(false);
      expect(requests()).toBe(1);
      const second = await a.employers(keys);
      expect(requests()).toBe(1);
      expect(second).toEqual(first);
      await a.employers([...keys, employerKeys[5]]);
      expect(requests()).toBe(2);
    });

    it('asks again when caching is off', async () => {
      const a = adapter({ SOCIAL_INSURANCE_CACHE_TTL_MS: '0' });
      await a.persons(personKeys.slice(0, 3));
      await a.persons(personKeys.slice(0, 3));
      expect(requests()).toBe(2);
    });

    it('leaves unknown and malformed keys absent; malformed ones are not even sent', async () => {
      const a = adapter();
      expect((await a.persons(['110105194912310021', 'not-an-id'])).size).toBe(0);
      expect(requests()).toBe(1);
      expect((await a.employers(['short', '?'])).size).toBe(0);
      expect(requests()).toBe(1);
    });
  });

  describe('messy stored records', () => {
    it('finds a unit stored with a lower-case code, mapped to our types', async () => {
      const found = (await adapter().employers(['91330522MA2B7K3Q5E'])).get('91330522MA2B7K3Q5E');
      expect(found).toMatchObject({
        uscc: '91330522MA2B7K3Q5E',
        registeredOn: '2017-04-10',
        insuredCount: 37,
        lines: [
          {
            insuranceType: InsuranceType.PENSION,
            contributionStatus: InsuranceContributionStatus.IN_ARREARS,
            paidUpTo: '2026-07',
            arrearsAmountYuan: 26880.5,
            arrearsMonths: 3,
          },
          { insuranceType: InsuranceType.MATERNITY },
        ],
        deferral: null,
      });
    });

    it('does not find a unit that has only its old organisation code (the system cannot)', async () => {
      expect((await adapter().employers(['92330522MA2C1H5L7E'])).size).toBe(0);
    });

    it("finds a person registered under the 15-digit number by today's number", async () => {
      const found = (await adapter().persons(['330522196503120418'])).get('330522196503120418');
      expect(found).toMatchObject({
        socialSecurityNo: '330522196503120418',
        legacySocialSecurityNo: '330522650312041',
        name: '李建國',
        recordCount: 1,
      });
    });

    it('finds both registrations of a person registered twice, one with a lower-case x', async () => {
      const found = (await adapter().persons(['33052219780923122X'])).get('33052219780923122X');
      expect(found).toMatchObject({
        socialSecurityNo: '33052219780923122X',
        personalNo: 'SI-PER-900003',
        name: '王丽',
        recordCount: 2,
      });
      expect(found?.lines.map((l) => l.insuranceType)).toEqual([
        InsuranceType.PENSION,
        InsuranceType.UNEMPLOYMENT,
      ]);
    });
  });

  describe('failures', () => {
    async function failure(promise: Promise<unknown>): Promise<SourceError> {
      try {
        await promise;
      } catch (error) {
        expect(error).toBeInstanceOf(SourceError);
        return error as SourceError;
      }
      throw new Error('expected a failure');
    }

    it('a system that is down is SOURCE_UNAVAILABLE', async () => {
      running.simulator.faults.update({ down: true });
      const error = await failure(adapter().employers([employerKeys[0]]));
      expect(error).toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
        source: 'social-insurance',
      });
    });

    it('a system that hangs is SOURCE_TIMEOUT within the timeout', async () => {
      running.simulator.faults.update({ hangRate: 1 });
      const started = Date.now();
      const error = await failure(
        adapter({ SOCIAL_INSURANCE_TIMEOUT_MS: '300' }).persons([personKeys[0]]),
      );
      expect(error.code).toBe(SourceErrorCode.SOURCE_TIMEOUT);
      expect(Date.now() - started).toBeLessThan(300 + 250);
      running.simulator.faults.releaseHanging();
    });

    it('a body cut in half is SOURCE_INVALID_RESPONSE, not retried', async () => {
      running.simulator.faults.update({ malformedRate: 1 });
      const error = await failure(adapter().persons([personKeys[0]]));
      expect(error.code).toBe(SourceErrorCode.SOURCE_INVALID_RESPONSE);
      expect(requests()).toBe(1);
    });

    it('HTTP 503 on every attempt is SOURCE_UNAVAILABLE after the retries', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      const error = await failure(
        adapter({ SOCIAL_INSURANCE_RETRIES: '2' }).employers([employerKeys[0]]),
      );
      expect(error.code).toBe(SourceErrorCode.SOURCE_UNAVAILABLE);
      expect(requests()).toBe(3);
    });

    it('opens the breaker after the threshold and then fails fast without asking', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      const a = adapter({
        SOCIAL_INSURANCE_RETRIES: '0',
        SOCIAL_INSURANCE_BREAKER_THRESHOLD: '2',
        SOCIAL_INSURANCE_CACHE_TTL_MS: '0',
      });
      for (let i = 0; i < 2; i++) await failure(a.employers([employerKeys[i]]));
      expect(requests()).toBe(2);
      const error = await failure(a.employers([employerKeys[3]]));
      expect(error.code).toBe(SourceErrorCode.SOURCE_UNAVAILABLE);
      expect(error.message).toContain('circuit breaker');
      expect(requests()).toBe(2);
    });

    it('a failed batch fails every caller waiting on it, and is not cached', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      const a = adapter({ SOCIAL_INSURANCE_RETRIES: '0' });
      const results = await Promise.allSettled([
        a.employers([employerKeys[0]]),
        a.persons([personKeys[0]]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      running.simulator.faults.reset();
      expect((await a.employers([employerKeys[0]])).size).toBe(1);
    });
  });

  describe('the signature', () => {
    it('a wrong secret is refused: SOURCE_UNAVAILABLE naming BAD_SIGNATURE, never the secret', async () => {
      const error = await adapter({ SOCIAL_INSURANCE_APP_SECRET: 'wrong-secret-123' })
        .employers([employerKeys[0]])
        .then(
          () => null,
          (e: unknown) => e as SourceError,
        );
      expect(error).toMatchObject({ code: SourceErrorCode.SOURCE_UNAVAILABLE });
      expect(error?.message).toContain('BAD_SIGNATURE');
      expect(
        JSON.stringify({ message: error?.message, cause: String(error?.cause) }),
      ).not.toContain('wrong-secret-123');
    });

    it('an app key the system does not know is UNKNOWN_APP_KEY', async () => {
      await expect(
        adapter({ SOCIAL_INSURANCE_APP_KEY: 'nobody' }).employers([employerKeys[0]]),
      ).rejects.toThrow('UNKNOWN_APP_KEY');
    });

    it('a clock far off is STALE_TIMESTAMP', async () => {
      await expect(
        adapter({}, { now: () => Date.now() - 10 * 60_000 }).employers([employerKeys[0]]),
      ).rejects.toThrow('STALE_TIMESTAMP');
    });

    it('signs every attempt afresh: a repeated nonce would be refused', async () => {
      const a = adapter(
        { SOCIAL_INSURANCE_CACHE_TTL_MS: '0', SOCIAL_INSURANCE_RETRIES: '0' },
        { nonce: () => 'the-same-nonce-every-time' },
      );
      await expect(a.employers([employerKeys[0]])).resolves.toBeDefined();
      await expect(a.employers([employerKeys[0]])).rejects.toThrow('REPLAYED_NONCE');
      const fresh = adapter({ SOCIAL_INSURANCE_CACHE_TTL_MS: '0' });
      for (let i = 0; i < 3; i++) expect((await fresh.employers([employerKeys[0]])).size).toBe(1);
    });
  });

  describe('the change feed', () => {
    async function readAll(
      a: SocialInsuranceHttpAdapter,
      limit: number,
      from: ChangeCursor | null = null,
    ): Promise<{ records: DepartmentApplicantRecord[]; end: ChangeCursor | null }> {
      const records: DepartmentApplicantRecord[] = [];
      let cursor = from;
      for (let pages = 0; pages < 10_000; pages++) {
        const page = await a.changes(cursor, limit);
        records.push(...page.records);
        cursor = page.next;
        if (!page.hasMore) return { records, end: cursor };
      }
      throw new Error('the feed never ended');
    }

    /** A record in the export's common columns: what the adapter and the export must agree on. */
    function asRow(r: DepartmentApplicantRecord): DepartmentRecordRow {
      return {
        record_id: `social-insurance:${r.localId}`,
        system: 'social-insurance',
        kind: r.kind,
        name: r.name,
        uscc: r.uscc ?? '',
        resident_id: r.residentId ?? '',
        legal_rep: r.legalRepresentative ?? '',
        birth_date: r.birthDate ?? '',
        phone: r.phone ?? '',
        address: r.address ?? '',
      };
    }

    it('reads exactly the system’s records page by page, each mapped as the export maps it', async () => {
      const { records } = await readAll(adapter(), 137);
      const total = data.employers.length + data.persons.length;
      expect(records).toHaveLength(total);
      expect(running.simulator.faults.stats()[CHANGES]).toBe(Math.ceil(total / 137));
      const expected = new Map<string, { row: DepartmentRecordRow; changedAt: string }>([
        ...data.employers.map(
          (e) =>
            [
              e.unit_no,
              { row: socialInsuranceEmployerRow(e), changedAt: employerUpdatedAt(e) },
            ] as const,
        ),
        ...data.persons.map(
          (p) =>
            [
              p.personal_no,
              { row: socialInsurancePersonRow(p), changedAt: personUpdatedAt(p) },
            ] as const,
        ),
      ]);
      expect(new Set(records.map((r) => r.localId))).toEqual(new Set(expected.keys()));
      for (const r of records) {
        const want = expected.get(r.localId)!;
        expect(asRow(r)).toEqual(want.row);
        expect(r.changedAt).toEqual(parseSocialInsuranceTime(want.changedAt));
        expect(r.system).toBe('social-insurance');
      }
      // The mess comes through as held.
      expect(records.some((r) => r.uscc === null && r.kind === 'ENTERPRISE')).toBe(true);
      expect(records.some((r) => r.uscc !== null && r.uscc !== r.uscc.toUpperCase())).toBe(true);
      expect(records.some((r) => r.residentId?.length === 15)).toBe(true);
      expect(records.some((r) => r.residentId?.endsWith('x'))).toBe(true);
      // Oldest first, ties by local id, and each page starting after the one before.
      for (let i = 1; i < records.length; i++) {
        const [a, b] = [records[i - 1], records[i]];
        const dt = a.changedAt.getTime() - b.changedAt.getTime();
        expect(dt < 0 || (dt === 0 && a.localId < b.localId)).toBe(true);
      }
    });

    it('reads the same feed whatever the page size, 500 a request at most', async () => {
      const a = adapter();
      const ids = (await readAll(a, 500)).records.map((r) => r.localId);
      running.simulator.faults.reset();
      const big = await readAll(a, 5000);
      expect(big.records.map((r) => r.localId)).toEqual(ids);
      expect(running.simulator.faults.stats()[CHANGES]).toBe(Math.ceil(ids.length / 500));
      const small = await readAll(a, 23);
      expect(small.records.map((r) => r.localId)).toEqual(ids);
    });

    it('faults come through as SourceErrors: a cut body is SOURCE_INVALID_RESPONSE, 503s SOURCE_UNAVAILABLE', async () => {
      running.simulator.faults.update({ malformedRate: 1 });
      await expect(adapter().changes(null, 10)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      });
      running.simulator.faults.update({ malformedRate: 0, errorRate: 1 });
      await expect(
        adapter({ SOCIAL_INSURANCE_RETRIES: '1' }).changes(null, 10),
      ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_UNAVAILABLE });
      expect(running.simulator.faults.stats()[CHANGES]).toBe(3);
    });

    // Last: it changes the served data.
    it('after an update, reading on from the old end yields just the changed record, with its new values', async () => {
      const a = adapter();
      const { records, end } = await readAll(a, 500);
      expect(await a.changes(end, 100)).toEqual({ records: [], next: end, hasMore: false });
      const person = data.persons[data.persons.length - 1];
      const unit = data.employers.find((e) => e.legal_rep !== undefined)!;
      const changedAt = new Date(end!.changedAt.getTime() + 60_000);
      expect(
        updateSocialInsuranceRecord(data, person.personal_no, {
          phone: '13700000001',
          address: '长兴县龙山街道新址8号',
          changedAt,
        }),
      ).toBe(true);
      expect(
        updateSocialInsuranceRecord(data, unit.unit_no, { legalRepresentative: '赵新', changedAt }),
      ).toBe(true);
      const after = await readAll(a, 100, end);
      expect(after.records.map((r) => r.localId)).toEqual(
        [person.personal_no, unit.unit_no].sort(),
      );
      const changed = new Map(after.records.map((r) => [r.localId, r]));
      expect(changed.get(person.personal_no)).toMatchObject({
        phone: '13700000001',
        address: '长兴县龙山街道新址8号',
        changedAt,
      });
      expect(asRow(changed.get(person.personal_no)!)).toEqual(socialInsurancePersonRow(person));
      expect(changed.get(unit.unit_no)).toMatchObject({ legalRepresentative: '赵新', changedAt });
      // Still one record each in the whole feed.
      const again = await readAll(a, 500);
      expect(again.records).toHaveLength(records.length);
    });
  });
});
