import {
  upgradeResidentId15,
  validateProjectCode,
  validateRealEstateUnitNo,
  validateResidentId,
  validateUscc,
} from '@oncegate/identifiers';
import {
  DEMO_COUNTIES,
  generateDemoApplicants,
  type DemoApplicant,
  type DemoOptions,
  type DepartmentSystem,
} from './index';

const NOW = new Date('2026-11-01T00:00:00Z');
const COUNTY_NAMES = new Map(DEMO_COUNTIES.map((c) => [c.code, c.name]));
/** 地址码 of people born outside the demo counties (china-domain.md §2, §9). */
const ELSEWHERE = new Set(['110105', '440524', '330682', '411081', '451421', '141124']);
const SYSTEMS: readonly DepartmentSystem[] = [
  'project-approval',
  'land-planning',
  'tax',
  'social-insurance',
];

const attribute = (applicant: DemoApplicant, name: string) =>
  applicant.attributes.find((a) => a.name === name)?.value;

describe('generateDemoApplicants', () => {
  const all = generateDemoApplicants();
  const persons = all.filter((a) => a.kind === 'PERSON');
  const enterprises = all.filter((a) => a.kind === 'ENTERPRISE');

  describe('determinism', () => {
    it('gives deep-equal output for the same options', () => {
      expect(generateDemoApplicants()).toStrictEqual(all);
      const options: DemoOptions = { seed: 7, persons: 30, enterprises: 20, now: NOW };
      expect(generateDemoApplicants(options)).toStrictEqual(generateDemoApplicants(options));
    });

    it('defaults to seed 20261125 and now = 2026-11-01', () => {
      expect(generateDemoApplicants({ seed: 20261125, now: NOW })).toStrictEqual(all);
    });

    it('gives different output for a different seed', () => {
      const other = generateDemoApplicants({ seed: 1 });
      expect(other).toHaveLength(all.length);
      expect(other.map((a) => a.identifiers[0].value)).not.toEqual(
        all.map((a) => a.identifiers[0].value),
      );
    });

    it('does not change who the persons are when the number of enterprises changes', () => {
      const fewer = generateDemoApplicants({ enterprises: 0 });
      expect(fewer.map((a) => [a.name, a.identifiers])).toEqual(
        persons.map((a) => [a.name, a.identifiers]),
      );
    });

    it('reads neither the clock nor Math.random', () => {
      const expected = generateDemoApplicants({ persons: 20, enterprises: 10 });
      jest.useFakeTimers({ now: new Date('2031-05-05T12:00:00Z') });
      const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
      try {
        expect(generateDemoApplicants({ persons: 20, enterprises: 10 })).toStrictEqual(expected);
        expect(random).not.toHaveBeenCalled();
      } finally {
        random.mockRestore();
        jest.useRealTimers();
      }
    });
  });

  describe('counts and options', () => {
    it('makes 240 persons and 120 enterprises by default, persons first', () => {
      expect(persons).toHaveLength(240);
      expect(enterprises).toHaveLength(120);
      expect(all.slice(0, 240).every((a) => a.kind === 'PERSON')).toBe(true);
    });

    it('honours the counts, including zero', () => {
      const some = generateDemoApplicants({ persons: 7, enterprises: 3 });
      expect(some.filter((a) => a.kind === 'PERSON')).toHaveLength(7);
      expect(some.filter((a) => a.kind === 'ENTERPRISE')).toHaveLength(3);
      expect(generateDemoApplicants({ persons: 0, enterprises: 0 })).toEqual([]);
      // Enterprises without any persons get representatives who are not applicants.
      const onlyEnterprises = generateDemoApplicants({ persons: 0, enterprises: 12 });
      expect(onlyEnterprises).toHaveLength(12);
      expect(onlyEnterprises.every((a) => attribute(a, 'legalRepresentative'))).toBe(true);
    });

    it('refuses bad options with a RangeError', () => {
      expect(() => generateDemoApplicants({ persons: -1 })).toThrow(RangeError);
      expect(() => generateDemoApplicants({ enterprises: 1.5 })).toThrow(RangeError);
      expect(() => generateDemoApplicants({ seed: Number.NaN })).toThrow(RangeError);
      expect(() => generateDemoApplicants({ now: new Date('nonsense') })).toThrow(RangeError);
      expect(() => generateDemoApplicants({ now: new Date('1950-01-01T00:00:00Z') })).toThrow(
        RangeError,
      );
    });
  });

  describe('persons', () => {
    it('have valid resident IDs whose gender and birth date match the attributes', () => {
      for (const person of persons) {
        expect(person.identifiers).toHaveLength(1);
        const [id] = person.identifiers;
        expect(id.scheme).toBe('RESIDENT_ID');
        const result = validateResidentId(id.value, { today: NOW });
        if (!result.valid) throw new Error(`${id.value}: ${result.reason.message.en}`);
        expect(result.value).toBe(id.value);
        expect(result.warnings).toEqual([]);
        expect(attribute(person, 'gender')).toBe(result.parts.gender);
        expect(attribute(person, 'birthDate')).toBe(result.parts.birthDate);
        const area = result.parts.areaCode;
        expect(COUNTY_NAMES.has(area) || ELSEWHERE.has(area)).toBe(true);
        const year = Number(result.parts.birthDate.slice(0, 4));
        expect(year).toBeGreaterThanOrEqual(1940);
        expect(year).toBeLessThanOrEqual(2006);
        expect(result.parts.birthDate <= '2008-11-01').toBe(true); // 18 or older
        if (area === '440524') expect(year).toBeLessThanOrEqual(1985); // retired code
      }
    });

    it('include people born elsewhere and check characters X', () => {
      const areas = persons.map((p) => p.identifiers[0].value.slice(0, 6));
      expect(areas.some((a) => ELSEWHERE.has(a))).toBe(true);
      expect(persons.filter((p) => p.identifiers[0].value.endsWith('X')).length).toBeGreaterThan(5);
      expect(new Set(areas.filter((a) => COUNTY_NAMES.has(a))).size).toBeGreaterThan(8);
    });

    it('carry a 15-digit original value only where it upgrades to the 18-digit number', () => {
      const legacy = persons.filter((p) => p.identifiers[0].originalValue !== undefined);
      expect(legacy.length).toBeGreaterThanOrEqual(1);
      expect(legacy.length).toBeLessThan(persons.length / 10);
      for (const person of legacy) {
        const { value, originalValue } = person.identifiers[0];
        expect(originalValue).toMatch(/^\d{15}$/);
        expect(upgradeResidentId15(originalValue as string)).toBe(value);
        expect(value.slice(6, 10) < '2000').toBe(true);
        // The social-insurance record was keyed by the old number.
        const si = person.sourceRecords.find((r) => r.system === 'social-insurance');
        expect(si?.rawPayload.social_security_no).toBe(originalValue);
        expect(si?.normalized.socialSecurityNo).toBe(value);
      }
    });

    it('have Chinese names, some of them shared, and one with 𠮷 (U+20BB7)', () => {
      for (const person of persons) expect(person.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      const counts = new Map<string, number>();
      for (const person of persons) counts.set(person.name, (counts.get(person.name) ?? 0) + 1);
      const shared = [...counts].filter(([, n]) => n > 1).map(([name]) => name);
      expect(shared.length).toBeGreaterThanOrEqual(3);
      expect(shared.some((name) => ['王伟', '李娜', '张伟', '王芳'].includes(name))).toBe(true);

      const rare = persons.filter((p) => p.name.includes('\u{20BB7}'));
      expect(rare.length).toBeGreaterThanOrEqual(1);
      const name = rare[0].name;
      expect(name.codePointAt(name.indexOf('\u{D842}'))).toBe(0x20bb7);
      expect(Buffer.byteLength('\u{20BB7}', 'utf8')).toBe(4);
      expect(generateDemoApplicants({ persons: 1, enterprises: 0 })[0].name).toContain('\u{20BB7}');
    });

    it('have phone, address and division attributes that fit the county', () => {
      for (const person of persons) {
        expect(attribute(person, 'phone')).toMatch(/^1[3-9]\d{9}$/);
        const division = attribute(person, 'divisionCode') as string;
        const county = COUNTY_NAMES.get(division);
        expect(county).toBeDefined();
        expect(attribute(person, 'address')).toMatch(
          new RegExp(`^${county}\\S+(街道|镇|乡)\\S+(路|街|大道|村)\\S*\\d+号`),
        );
      }
    });

    it('appear in one or two systems in those systems’ own styles', () => {
      for (const person of persons) {
        const systems = person.sourceRecords.map((r) => r.system);
        expect(systems.length).toBeGreaterThanOrEqual(1);
        expect(systems.length).toBeLessThanOrEqual(2);
        expect(new Set(systems).size).toBe(systems.length);
        for (const record of person.sourceRecords) {
          if (record.system === 'social-insurance') {
            expect(record.localId).toMatch(/^SI-PER-\d{6}$/);
            expect(record.rawPayload).toMatchObject({ cert_type: '01', name: person.name });
            expect(record.rawPayload.first_insured_date).toMatch(/^\d{8}$/);
            expect(['在职', '退休', '灵活就业', '城乡居民']).toContain(
              record.rawPayload.person_category,
            );
          } else {
            expect(record.system).toBe('tax');
            expect(record.rawPayload).toMatchObject({
              NSRSBH: person.identifiers[0].value,
              NSRMC: person.name,
              NSRLX: '自然人',
            });
          }
        }
      }
      const systems = persons.map((p) => p.sourceRecords.map((r) => r.system).join('+'));
      const share = (s: string) => systems.filter((x) => x === s).length / persons.length;
      expect(share('social-insurance')).toBeGreaterThan(0.5);
      expect(share('tax')).toBeGreaterThan(0);
      expect(share('social-insurance+tax')).toBeGreaterThan(0);
    });
  });

  describe('enterprises', () => {
    it('have valid USCCs without warnings, registered in their county', () => {
      for (const enterprise of enterprises) {
        expect(enterprise.identifiers).toHaveLength(1);
        const [id] = enterprise.identifiers;
        expect(id.scheme).toBe('USCC');
        const result = validateUscc(id.value);
        if (!result.valid) throw new Error(`${id.value}: ${result.reason.message.en}`);
        expect(result.value).toBe(id.value);
        expect(result.warnings).toEqual([]);
        expect(['91', '92', '93', '12']).toContain(result.parts.entityCategory);
        expect(result.parts.divisionCode).toBe(attribute(enterprise, 'divisionCode'));
        expect(COUNTY_NAMES.has(result.parts.divisionCode)).toBe(true);
      }
    });

    it('are mostly MA segment codes, with some 个体工商户, 合作社 and 事业单位', () => {
      const codes = enterprises.map((e) => e.identifiers[0].value);
      expect(codes.filter((c) => c.slice(8, 10) === 'MA').length).toBeGreaterThan(codes.length / 2);
      for (const category of ['92', '93', '12']) {
        expect(codes.some((c) => c.startsWith(category))).toBe(true);
      }
      expect(codes.filter((c) => c.startsWith('91')).length).toBeGreaterThan(codes.length / 2);
    });

    it('have unique, realistic names; branches are named after a parent in the output', () => {
      const names = enterprises.map((e) => e.name);
      expect(new Set(names).size).toBe(names.length);
      const all91 = new Set(
        enterprises.filter((e) => e.identifiers[0].value.startsWith('91')).map((e) => e.name),
      );
      for (const enterprise of enterprises) {
        const name = enterprise.name;
        const county = COUNTY_NAMES.get(attribute(enterprise, 'divisionCode') as string);
        switch (enterprise.identifiers[0].value.slice(0, 2)) {
          case '91':
            expect(name).toMatch(/^\S+(市|县)\S+(有限公司|有限责任公司|股份有限公司)(\S+分公司)?$/);
            break;
          case '92':
            expect(name.startsWith(county as string)).toBe(true);
            break;
          case '93':
            expect(name).toMatch(new RegExp(`^${county}\\S+专业合作社$`));
            break;
          case '12':
            expect(name.startsWith(county as string)).toBe(true);
            break;
        }
        if (name.endsWith('分公司')) {
          const parent = name.slice(0, name.lastIndexOf('公司', name.length - 4) + 2);
          expect(all91.has(parent)).toBe(true);
          expect(attribute(enterprise, 'registeredCapital')).toBeUndefined();
        }
      }
      expect(names.some((n) => n.endsWith('分公司'))).toBe(true);
    });

    it('have the enterprise attributes, in their formats', () => {
      for (const enterprise of enterprises) {
        const county = COUNTY_NAMES.get(attribute(enterprise, 'divisionCode') as string);
        expect(attribute(enterprise, 'legalRepresentative')).toMatch(/^\p{Script=Han}{2,4}$/u);
        expect(attribute(enterprise, 'address')?.startsWith(county as string)).toBe(true);
        expect(attribute(enterprise, 'phone')).toMatch(/^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/);
        expect(attribute(enterprise, 'industry')).toBeTruthy();
        expect(attribute(enterprise, 'establishedOn')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect((attribute(enterprise, 'establishedOn') as string) < '2026-11-01').toBe(true);
        if (!enterprise.name.endsWith('分公司')) {
          expect(attribute(enterprise, 'registeredCapital')).toMatch(/^\d+(\.\d+)?$/);
        }
      }
      const phones = enterprises.map((e) => attribute(e, 'phone') as string);
      expect(phones.some((p) => p.startsWith('0572-6'))).toBe(true);
    });

    it('appear in two to four systems, each in its own style', () => {
      for (const enterprise of enterprises) {
        const uscc = enterprise.identifiers[0].value;
        const systems = enterprise.sourceRecords.map((r) => r.system);
        expect(systems.length).toBeGreaterThanOrEqual(2);
        expect(systems.length).toBeLessThanOrEqual(4);
        expect(new Set(systems).size).toBe(systems.length);
        for (const record of enterprise.sourceRecords) {
          const raw = record.rawPayload;
          switch (record.system) {
            case 'project-approval': {
              expect(raw).toMatchObject({ xmdw: enterprise.name, tyshxydm: uscc });
              expect(Object.keys(raw)).toEqual(
                expect.arrayContaining(['xmdm', 'xmmc', 'xmdw', 'tyshxydm', 'fddbr']),
              );
              const code = validateProjectCode(raw.xmdm as string, NOW);
              expect(code.valid).toBe(true);
              expect(record.localId).toBe(raw.xmdm);
              break;
            }
            case 'land-planning': {
              const unit = validateRealEstateUnitNo(raw.BDCDYH as string);
              expect(unit.valid && unit.warnings.length === 0).toBe(true);
              expect(raw).toMatchObject({ QLRMC: enterprise.name, ZJH: uscc });
              break;
            }
            case 'tax':
              expect(raw).toMatchObject({ NSRSBH: uscc, NSRMC: enterprise.name });
              expect(['正常', '非正常']).toContain(raw.NSRZT);
              expect(['A', 'B', 'M', 'C', 'D']).toContain(raw.XYDJ);
              expect(raw.ZGSWJG).toMatch(/^国家税务总局\S+税务局$/);
              expect(record.localId).toMatch(/^\d{20}$/);
              break;
            case 'social-insurance':
              expect(raw).toMatchObject({ uscc, unit_name: enterprise.name });
              expect(raw.insured_count).toEqual(expect.any(Number));
              expect(record.localId).toMatch(/^SI-UNIT-\d{6}$/);
              break;
          }
        }
      }
    });

    it('link to generated persons through legal representatives and employees', () => {
      const byId = new Map(persons.map((p) => [p.identifiers[0].value, p]));
      const linked = enterprises.filter((e) => {
        const tax = e.sourceRecords.find((r) => r.system === 'tax');
        const person = byId.get(tax?.normalized.legalRepresentativeCertNo as string);
        return person !== undefined && person.name === attribute(e, 'legalRepresentative');
      });
      expect(linked.length).toBeGreaterThanOrEqual(10);

      const usccs = new Set(enterprises.map((e) => e.identifiers[0].value));
      const employed = persons.flatMap((p) =>
        p.sourceRecords.filter((r) => r.normalized.employerUscc !== undefined),
      );
      expect(employed.length).toBeGreaterThan(0);
      for (const record of employed) {
        expect(usccs.has(record.normalized.employerUscc as string)).toBe(true);
        expect(record.rawPayload.employer_uscc).toBe(record.normalized.employerUscc);
      }
    });
  });

  describe('the whole output', () => {
    it('has unique identifiers, including the legacy originals', () => {
      const values = all.flatMap((a) =>
        a.identifiers.flatMap((i) => (i.originalValue ? [i.value, i.originalValue] : [i.value])),
      );
      expect(new Set(values).size).toBe(values.length);
      for (const value of all.flatMap((a) => a.identifiers.map((i) => i.value))) {
        expect(value).toHaveLength(18);
      }
    });

    it('has unique local IDs per system (the registry keys records by system + localId)', () => {
      for (const system of SYSTEMS) {
        const ids = all.flatMap((a) =>
          a.sourceRecords.filter((r) => r.system === system).map((r) => r.localId),
        );
        expect(ids.length).toBeGreaterThan(0);
        expect(new Set(ids).size).toBe(ids.length);
      }
    });

    it('points every attribute at a source record of its own applicant that holds the value', () => {
      for (const applicant of all) {
        const names = applicant.attributes.map((a) => a.name);
        expect(new Set(names).size).toBe(names.length);
        for (const attr of applicant.attributes) {
          const record = applicant.sourceRecords.find(
            (r) => r.system === attr.sourceSystem && r.localId === attr.sourceLocalId,
          );
          expect(record).toBeDefined();
          expect(record?.normalized[attr.name]).toBe(attr.value);
          expect(attr.observedAt).toEqual(record?.observedAt);
        }
      }
      for (const person of persons) {
        expect(person.attributes.map((a) => a.name).sort()).toEqual(
          ['address', 'birthDate', 'divisionCode', 'gender', 'phone'].sort(),
        );
      }
    });

    it('observed everything before now, with JSON-safe payloads', () => {
      for (const applicant of all) {
        for (const record of applicant.sourceRecords) {
          expect(record.observedAt.getTime()).toBeLessThan(NOW.getTime());
          expect(record.observedAt.getTime()).toBeGreaterThan(Date.UTC(1990, 0, 1));
          expect(JSON.parse(JSON.stringify(record.rawPayload))).toStrictEqual(record.rawPayload);
          expect(JSON.parse(JSON.stringify(record.normalized))).toStrictEqual(record.normalized);
        }
      }
    });

    it('stays valid for an earlier "now"', () => {
      const now = new Date('2012-03-15T00:00:00Z');
      const early = generateDemoApplicants({ seed: 3, persons: 300, enterprises: 150, now });
      for (const applicant of early) {
        const [id] = applicant.identifiers;
        if (id.scheme === 'RESIDENT_ID') {
          const result = validateResidentId(id.value, { today: now });
          expect(result.valid && result.parts.birthDate <= '1994-03-15').toBe(true);
        } else {
          expect(validateUscc(id.value)).toMatchObject({ valid: true, warnings: [] });
          // No MA segment codes before 三证合一 (October 2015).
          expect(id.value.slice(8, 10) === 'MA' && !id.value.startsWith('92')).toBe(false);
        }
        for (const record of applicant.sourceRecords) {
          expect(record.system).not.toBe('project-approval'); // no project codes before 2014
          expect(record.observedAt.getTime()).toBeLessThan(now.getTime());
        }
        for (const attr of applicant.attributes) {
          if (attr.name === 'establishedOn') expect(attr.value < '2012-03-15').toBe(true);
        }
      }
    });
  });

  it('makes 10,000 persons and 5,000 enterprises, all unique, in reasonable time', () => {
    const started = Date.now();
    const big = generateDemoApplicants({ persons: 10_000, enterprises: 5_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(big).toHaveLength(15_000);
    const ids = big.flatMap((a) => a.identifiers.map((i) => i.value));
    expect(new Set(ids).size).toBe(ids.length);
    const names = big.filter((a) => a.kind === 'ENTERPRISE').map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const system of SYSTEMS) {
      const localIds = big.flatMap((a) =>
        a.sourceRecords.filter((r) => r.system === system).map((r) => r.localId),
      );
      expect(new Set(localIds).size).toBe(localIds.length);
    }
  }, 30_000);
});

describe('DEMO_COUNTIES', () => {
  it('are the checked GB/T 2260 counties of china-domain.md §9', () => {
    expect(DEMO_COUNTIES.map((c) => c.code)).toEqual([
      '330522',
      '330523',
      '330521',
      '330624',
      '330727',
      '330327',
      '330424',
      '320381',
      '320585',
      '320324',
      '340123',
      '341021',
      '350322',
      '361130',
    ]);
    expect(DEMO_COUNTIES[0]).toEqual({
      code: '330522',
      name: '长兴县',
      province: '浙江省',
      city: '湖州市',
    });
    expect(Object.isFrozen(DEMO_COUNTIES)).toBe(true);
    expect(Object.isFrozen(DEMO_COUNTIES[0])).toBe(true);
  });
});
