import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants, type DemoApplicant } from '@oncegate/demo';
import {
  generateSocialInsuranceData,
  loadSocialInsuranceDataFromFile,
  writeSocialInsuranceDataToFile,
  type GeneratedSocialInsuranceData,
} from './social-insurance.data';
import {
  SocialInsuranceDataError,
  checkSocialInsuranceData,
} from './social-insurance.record-check';
import { parseSocialInsuranceTime } from './social-insurance.changes';
import { personKey } from './social-insurance.store';

const population = generateDemoApplicants({ seed: 11, persons: 900, enterprises: 450 });
const data = generateSocialInsuranceData(population, { seed: 3 });

function keyOf(a: DemoApplicant): string {
  return a.identifiers[0].value;
}

const members = new Map(population.map((a) => [keyOf(a), a]));
const truth = new Map(data.truth.map((t) => [t.localId, t.applicantKey]));

function attribute(a: DemoApplicant, name: string): string | undefined {
  return a.attributes.find((x) => x.name === name)?.value;
}

function memberOf(localId: string): DemoApplicant {
  const member = members.get(truth.get(localId) ?? '');
  if (!member) throw new Error(`no member for ${localId}`);
  return member;
}

function inSocialInsurance(a: DemoApplicant): boolean {
  return a.sourceRecords.some((r) => r.system === 'social-insurance');
}

describe('generateSocialInsuranceData', () => {
  it('is deterministic for a seed and differs for another', () => {
    expect(generateSocialInsuranceData(population, { seed: 3 })).toEqual(data);
    const other = generateSocialInsuranceData(population, { seed: 4 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(data));
  });

  it('writes records in the contract format', () => {
    expect(() => checkSocialInsuranceData(data)).not.toThrow();
  });

  it('has one truth row per record, naming a member by its canonical identifier', () => {
    const localIds = [
      ...data.employers.map((e) => e.unit_no),
      ...data.persons.map((p) => p.personal_no),
    ];
    expect(new Set(localIds).size).toBe(localIds.length);
    expect(data.truth).toHaveLength(localIds.length);
    expect(new Set(data.truth.map((t) => t.localId))).toEqual(new Set(localIds));
    for (const e of data.employers) expect(memberOf(e.unit_no).kind).toBe('ENTERPRISE');
    for (const p of data.persons) {
      const member = memberOf(p.personal_no);
      expect(member.kind).toBe('PERSON');
      // The stored number, however messy, is the member's number.
      expect(personKey(p.social_security_no)).toBe(keyOf(member));
    }
    for (const e of data.employers) {
      if (e.uscc !== null) expect(e.uscc.toUpperCase()).toBe(truth.get(e.unit_no));
    }
  });

  it('takes who is insured from the population, keeping its record numbers', () => {
    const employerKeys = new Set(data.employers.map((e) => truth.get(e.unit_no)));
    const personKeys = new Set(data.persons.map((p) => truth.get(p.personal_no)));
    for (const member of population) {
      const expected = inSocialInsurance(member);
      const keys = member.kind === 'PERSON' ? personKeys : employerKeys;
      expect({ member: keyOf(member), insured: keys.has(keyOf(member)) }).toEqual({
        member: keyOf(member),
        insured: expected,
      });
    }
    const localIds = new Set(data.truth.map((t) => t.localId));
    for (const member of population) {
      for (const r of member.sourceRecords.filter((s) => s.system === 'social-insurance'))
        expect(localIds.has(r.localId)).toBe(true);
    }
  });

  it('draws about 80% of persons and 70% of enterprises from a bare population', () => {
    const bare: DemoApplicant[] = population.map((a) => ({
      ...a,
      sourceRecords: [],
      attributes: [],
    }));
    const drawn = generateSocialInsuranceData(bare, { seed: 5 });
    const persons = new Set(drawn.persons.map((p) => personKey(p.social_security_no)));
    const personShare = persons.size / 900;
    const enterpriseShare = drawn.employers.length / 450;
    expect(personShare).toBeGreaterThan(0.74);
    expect(personShare).toBeLessThan(0.86);
    expect(enterpriseShare).toBeGreaterThan(0.63);
    expect(enterpriseShare).toBeLessThan(0.77);
    expect(() => checkSocialInsuranceData(drawn)).not.toThrow();
    const localIds = drawn.truth.map((t) => t.localId);
    expect(new Set(localIds).size).toBe(localIds.length);
  });

  describe('holds the mess a real register holds', () => {
    const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;
    const mess = {
      legacyNumbers: count(data.persons, (p) => p.social_security_no.length === 15),
      lowerCaseX: count(data.persons, (p) => p.social_security_no.endsWith('x')),
      nameVariants: count(data.persons, (p) => p.name !== memberOf(p.personal_no).name),
      changedPhones: count(
        data.persons,
        (p) => p.mobile !== undefined && p.mobile !== attribute(memberOf(p.personal_no), 'phone'),
      ),
      movedAddresses: count(
        data.persons,
        (p) =>
          p.address !== undefined && p.address !== attribute(memberOf(p.personal_no), 'address'),
      ),
      fullWidthAddresses: count(data.persons, (p) => /[０-９]/.test(p.address ?? '')),
      missingEmployerCodes: count(data.persons, (p) => !!p.employer_name && !p.employer_uscc),
      duplicateRegistrations:
        data.persons.length - new Set(data.persons.map((p) => truth.get(p.personal_no))).size,
      crossRegionFilings: count(data.persons, (p) => p.cross_region_medical_filings.length > 0),
      unitNameVariants: count(data.employers, (e) => e.unit_name !== memberOf(e.unit_no).name),
      lowerCaseUsccs: count(
        data.employers,
        (e) => e.uscc !== null && e.uscc !== e.uscc.toUpperCase(),
      ),
      unitsWithoutUscc: count(data.employers, (e) => e.uscc === null && !!e.org_code),
      staleLegalRepresentatives: count(
        data.employers,
        (e) =>
          e.legal_rep !== undefined &&
          e.legal_rep !== attribute(memberOf(e.unit_no), 'legalRepresentative'),
      ),
      changedUnitPhones: count(
        data.employers,
        (e) =>
          e.contact_phone !== undefined &&
          e.contact_phone !== attribute(memberOf(e.unit_no), 'phone'),
      ),
      movedUnits: count(
        data.employers,
        (e) =>
          e.unit_address !== undefined &&
          e.unit_address !== attribute(memberOf(e.unit_no), 'address'),
      ),
      unitsInArrears: count(data.employers, (e) =>
        e.lines.some((l) => l.contribution_status === '2'),
      ),
      deferralsInForce: count(data.employers, (e) =>
        e.lines.some((l) => l.contribution_status === '3'),
      ),
      pastDeferrals: count(data.employers, (e) => e.deferral?.period_to === '202212'),
    };

    it.each(Object.entries(mess))('%s', (_kind, n) => {
      expect(n).toBeGreaterThan(0);
    });

    it('in arrears means owing money for the months since the last payment', () => {
      for (const e of data.employers) {
        for (const l of e.lines) {
          if (l.contribution_status === '2') {
            expect(l.arrears_months).toBeGreaterThan(0);
            expect(l.arrears_amount).toBeGreaterThan(0);
          } else {
            expect([l.arrears_months, l.arrears_amount]).toEqual([0, 0]);
          }
        }
      }
    });

    it('keeps duplicates of a person under a number that finds them both', () => {
      const byKey = new Map<string, number>();
      for (const p of data.persons) {
        const key = personKey(p.social_security_no) ?? '';
        byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      expect([...byKey.values()].filter((n) => n > 1)).toHaveLength(mess.duplicateRegistrations);
    });
  });

  it('stamps every record with a change time between its registration and yesterday, in office hours', () => {
    const times = new Set<string>();
    const check = (at: string | undefined, registered: string) => {
      expect(parseSocialInsuranceTime(at ?? '')).toBeDefined();
      expect(at!.slice(0, 8) >= registered).toBe(true);
      expect(at! < '20261101000000').toBe(true);
      expect(at!.slice(8) >= '083000' && at!.slice(8) <= '173000').toBe(true);
      times.add(at!);
    };
    for (const e of data.employers) check(e.updated_at, e.registered_at);
    for (const p of data.persons)
      check(p.updated_at, p.lines.map((l) => l.first_insured_date).sort()[p.lines.length - 1]);
    // Spread over the years, not bunched: nearly every record has its own second.
    expect(times.size).toBeGreaterThan(0.95 * (data.employers.length + data.persons.length));
    const years = new Set([...times].map((t) => t.slice(0, 4)));
    expect(years.size).toBeGreaterThan(10);
  });

  it('is linear: ten times the population costs about ten times as much', () => {
    const small = population.slice(0, 135);
    const time = (input: readonly DemoApplicant[]) => {
      const started = process.cpuUsage();
      for (let i = 0; i < 3; i++) generateSocialInsuranceData(input, { seed: i });
      const used = process.cpuUsage(started);
      return used.user + used.system;
    };
    time(population);
    expect(time(population) / Math.max(1, time(small))).toBeLessThan(40);
  });
});

describe('export files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'si-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const plain = (d: GeneratedSocialInsuranceData) => ({
    employers: d.employers,
    persons: d.persons,
  });

  it('loads what it writes', () => {
    const file = join(dir, 'export.json');
    writeSocialInsuranceDataToFile(file, data);
    expect(loadSocialInsuranceDataFromFile(file)).toEqual(plain(data));
  });

  it('reads a large export one record per line', () => {
    const file = join(dir, 'large.json');
    writeSocialInsuranceDataToFile(file, data);
    expect(loadSocialInsuranceDataFromFile(file, { wholeDocumentLimitBytes: 1024 })).toEqual(
      plain(data),
    );
  });

  it('reads any JSON layout below the size limit', () => {
    const file = join(dir, 'pretty.json');
    writeFileSync(file, JSON.stringify(plain(data), null, 2));
    expect(loadSocialInsuranceDataFromFile(file)).toEqual(plain(data));
  });

  it('reads an export without change times (an older one), and refuses a change time that does not exist', () => {
    const file = join(dir, 'old.json');
    const old = plain(data);
    const withoutTimes = {
      employers: old.employers.map(({ updated_at: _, ...rest }) => rest),
      persons: old.persons.map(({ updated_at: _, ...rest }) => rest),
    };
    writeFileSync(file, JSON.stringify(withoutTimes));
    expect(loadSocialInsuranceDataFromFile(file)).toEqual(withoutTimes);
    writeFileSync(
      file,
      JSON.stringify({
        employers: [],
        persons: [{ ...old.persons[0], updated_at: '20261015250000' }],
      }),
    );
    expect(() => loadSocialInsuranceDataFromFile(file)).toThrow(
      /persons\[0\]\.updated_at must be a time yyyyMMddHHmmss/,
    );
  });

  it.each([
    ['not JSON', '{"employers": [', /not JSON/],
    ['no persons', '{"employers": []}', /persons must be an array/],
    [
      'an unknown insurance code',
      JSON.stringify({
        employers: [],
        persons: [
          { ...data.persons[0], lines: [{ ...data.persons[0].lines[0], insurance_type: '999' }] },
        ],
      }),
      /persons\[0\]\.lines\[0\]\.insurance_type must be one of 110/,
    ],
    [
      'a date that does not exist',
      JSON.stringify({
        employers: [{ ...data.employers[0], registered_at: '20230230' }],
        persons: [],
      }),
      /employers\[0\]\.registered_at must be a date yyyyMMdd/,
    ],
  ])('refuses %s, naming the file and the field', (_what, text, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    expect(() => loadSocialInsuranceDataFromFile(file)).toThrow(SocialInsuranceDataError);
    expect(() => loadSocialInsuranceDataFromFile(file)).toThrow(message);
    expect(() => loadSocialInsuranceDataFromFile(file)).toThrow(file);
  });

  it('refuses a large file that is not one record per line', () => {
    const file = join(dir, 'large-pretty.json');
    writeFileSync(file, JSON.stringify(plain(data), null, 2));
    expect(() => loadSocialInsuranceDataFromFile(file, { wholeDocumentLimitBytes: 1024 })).toThrow(
      /not one record per line/,
    );
  });

  it('says so when the file cannot be read', () => {
    expect(() => loadSocialInsuranceDataFromFile(join(dir, 'missing.json'))).toThrow(
      /cannot be read \(ENOENT\)/,
    );
  });
});
