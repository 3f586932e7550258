import { generateDemoApplicants, type DemoApplicant } from '@oncegate/demo';
import fc from 'fast-check';
import type { DepartmentRecordRow } from './department-record-row';
import {
  departmentRecordRows,
  generateDepartmentData,
  labelledDepartmentRecords,
  type DepartmentDataSet,
} from './department-records';
import { DEPARTMENT_SYSTEMS } from './department-simulators';
import { landPlanningRecordRow } from './land-planning/land-planning.export';
import { projectApprovalRecordRow } from './project-approval/project-approval.export';
import {
  socialInsuranceEmployerRow,
  socialInsurancePersonRow,
} from './social-insurance/social-insurance.export';
import { taxRecordRow } from './tax/tax.export';

const population: DemoApplicant[] = generateDemoApplicants({
  seed: 5,
  persons: 1600,
  enterprises: 800,
});
const members = new Map(population.map((a) => [a.identifiers[0].value, a]));
const data = generateDepartmentData(population, { seed: 5 });
const labelled = [...labelledDepartmentRecords(data)];
const rows = labelled.map((r) => r.row);

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const projects = required(data['project-approval']);
const land = required(data['land-planning']);
const tax = required(data.tax);
const social = required(data['social-insurance']);

/** Every `${system}:${localId}` of the generated truth, in order. */
function truthIds(set: DepartmentDataSet): string[] {
  return DEPARTMENT_SYSTEMS.flatMap((system) =>
    (set[system]?.truth ?? []).map((t) => `${system}:${t.localId}`),
  );
}

const HELD_COLUMNS = [
  'name',
  'uscc',
  'resident_id',
  'legal_rep',
  'birth_date',
  'phone',
  'address',
] as const;

/** The string leaves of a record (one level deep): the only values a row may carry. */
function heldValues(record: object): Set<string> {
  return new Set(Object.values(record).filter((v): v is string => typeof v === 'string'));
}

/**
 * What is wrong with a row, if anything: a column that is neither empty nor
 * one of the record's own values verbatim (an invented or cleaned value), or a
 * column filled that the row's kind never has.
 */
function problems(row: DepartmentRecordRow, record: object): string[] {
  const held = heldValues(record);
  const found = HELD_COLUMNS.filter((c) => row[c] !== '' && !held.has(row[c])).map(
    (c) => `${row.record_id}: ${c} ${JSON.stringify(row[c])} is not held`,
  );
  const empty: readonly (keyof DepartmentRecordRow)[] =
    row.kind === 'PERSON' ? ['uscc', 'legal_rep'] : ['resident_id', 'birth_date'];
  for (const c of empty) if (row[c] !== '') found.push(`${row.record_id}: ${c} set`);
  return found;
}

function expectOnlyHeldValues(row: DepartmentRecordRow, record: object): void {
  expect(problems(row, record)).toEqual([]);
}

/** Optional text as the departments hold it: absent, empty, or messy (full width, spaces, x). */
const optionalText = fc.option(
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('３３０１０２', '33010219800101123x')),
  { nil: undefined },
);

describe('departmentRecordRows', () => {
  it('gives one row per ground-truth row, its record_id being that row’s system and local id', () => {
    const ids = rows.map((r) => r.record_id);
    expect(ids).toEqual(truthIds(data));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(rows.map((r) => r.system))).toEqual(new Set(DEPARTMENT_SYSTEMS));
    for (const row of rows) expect(row.record_id.startsWith(`${row.system}:`)).toBe(true);
  });

  it('labels each row with the member its truth row names, and gets its kind right', () => {
    const truth = new Map(
      DEPARTMENT_SYSTEMS.flatMap((system) =>
        (data[system]?.truth ?? []).map((t) => [`${system}:${t.localId}`, t.applicantKey]),
      ),
    );
    const wrong = labelled.filter(
      ({ row, applicantKey }) =>
        applicantKey !== truth.get(row.record_id) || row.kind !== members.get(applicantKey)?.kind,
    );
    expect(wrong.map((w) => w.row.record_id)).toEqual([]);
    expect(land.parcels.some((p) => p.ZJZL === null)).toBe(true);
  });

  it('keeps the departments’ mess as held', () => {
    const persons = rows.filter((r) => r.kind === 'PERSON');
    const keys = new Map(labelled.map((l) => [l.row, l.applicantKey]));
    const memberName = (row: DepartmentRecordRow) => members.get(keys.get(row) ?? '')?.name;
    expect(persons.some((r) => /^\d{15}$/.test(r.resident_id))).toBe(true);
    expect(persons.some((r) => /^\d{17}x$/.test(r.resident_id))).toBe(true);
    expect(rows.some((r) => /[０-９]/.test(r.resident_id + r.uscc))).toBe(true);
    expect(persons.some((r) => r.name !== memberName(r))).toBe(true);
    // Each department's own date text: YYYY-MM-DD in tax, yyyyMMdd in social insurance.
    const dates = (system: string) =>
      persons.filter((r) => r.system === system && r.birth_date !== '').map((r) => r.birth_date);
    expect(dates('tax').length).toBeGreaterThan(0);
    expect(dates('tax').every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dates('social-insurance').length).toBeGreaterThan(0);
    expect(dates('social-insurance').every((d) => /^\d{8}$/.test(d))).toBe(true);
    // A project row without a 统一社会信用代码 exports none rather than the member's.
    const noUscc = projects.projects.find((p) => p.tyshxydm === null);
    expect(noUscc).toBeDefined();
    if (noUscc) expect(projectApprovalRecordRow(noUscc).uscc).toBe('');
  });

  it('carries only values the departments hold, in the right columns for the kind', () => {
    const sources = new Map<string, object>([
      ...projects.projects.map((p) => [`project-approval:${p.xmdm}`, p] as const),
      ...land.parcels.map((p) => [`land-planning:${p.BDCDYH}`, p] as const),
      ...tax.registrations.map((r) => [`tax:${r.DJXH}`, r] as const),
      ...social.employers.map((e) => [`social-insurance:${e.unit_no}`, e] as const),
      ...social.persons.map((p) => [`social-insurance:${p.personal_no}`, p] as const),
    ]);
    expect(rows.flatMap((row) => problems(row, required(sources.get(row.record_id))))).toEqual([]);
  });

  it('leaves out records without a truth row and finds truth rows out of order', () => {
    const reordered: DepartmentDataSet = {
      tax: { registrations: tax.registrations, truth: tax.truth.slice(1).reverse() },
    };
    const missing = `tax:${tax.truth[0].localId}`;
    const ids = [...departmentRecordRows(reordered)].map((r) => r.record_id);
    expect(ids).toHaveLength(tax.truth.length - 1);
    expect(ids.includes(missing)).toBe(false);
    const keys = new Map(tax.truth.map((t) => [`tax:${t.localId}`, t.applicantKey]));
    const wrong = [...labelledDepartmentRecords(reordered)].filter(
      (r) => r.applicantKey !== keys.get(r.row.record_id),
    );
    expect(wrong).toEqual([]);
  });

  it('exports only the departments asked for, lazily', () => {
    const only = generateDepartmentData(population, { seed: 5, only: ['tax', 'land-planning'] });
    expect(Object.keys(only).sort()).toEqual(['land-planning', 'tax']);
    const iterator = departmentRecordRows(only);
    expect(iterator.next().value?.system).toBe('land-planning');
    expect(new Set([...departmentRecordRows(only)].map((r) => r.system))).toEqual(
      new Set(['land-planning', 'tax']),
    );
    expect([...departmentRecordRows({})]).toEqual([]);
  });
});

describe('per-department mappings', () => {
  it('project approval: any row maps to held values only', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...projects.projects.slice(0, 50)),
        fc.record({ tyshxydm: optionalText, fddbr: optionalText, lxdh: optionalText }),
        (base, o) => {
          const record = {
            ...base,
            tyshxydm: o.tyshxydm ?? null,
            fddbr: o.fddbr ?? null,
            lxdh: o.lxdh ?? null,
          };
          const row = projectApprovalRecordRow(record);
          expect(row.kind).toBe('ENTERPRISE');
          expect(row.uscc).toBe(record.tyshxydm ?? '');
          expectOnlyHeldValues(row, record);
        },
      ),
    );
  });

  it('land planning: the 证件号 lands in the column its 证件种类 names, never guessed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...land.parcels.slice(0, 50)),
        fc.constantFrom('身份证' as const, '统一社会信用代码' as const, '其他' as const, null),
        optionalText,
        (base, kind, id) => {
          const record = { ...base, ZJZL: kind, ZJH: id ?? null };
          const row = landPlanningRecordRow(record);
          expect(row.resident_id).toBe(kind === '身份证' ? (id ?? '') : '');
          expect(row.uscc).toBe(kind === '统一社会信用代码' ? (id ?? '') : '');
          if (kind === '身份证') expect(row.kind).toBe('PERSON');
          if (kind === '统一社会信用代码') expect(row.kind).toBe('ENTERPRISE');
          expectOnlyHeldValues(row, record);
        },
      ),
    );
  });

  it('land planning: a holder migrated without a 证件种类 is a person only on a 宅基地', () => {
    const homestead = required(land.parcels.find((p) => p.QLLX.startsWith('宅基地')));
    const enterprise = required(land.parcels.find((p) => p.ZJZL === '统一社会信用代码'));
    const migrated = { ZJZL: null, ZJH: null } as const;
    expect(landPlanningRecordRow({ ...homestead, ...migrated }).kind).toBe('PERSON');
    expect(landPlanningRecordRow({ ...enterprise, ...migrated }).kind).toBe('ENTERPRISE');
    expect(landPlanningRecordRow({ ...enterprise, ...migrated }).legal_rep).toBe(
      enterprise.FDDBR ?? '',
    );
  });

  it('tax: persons by 纳税人类型, their ID as keyed in, falling back to the 纳税人识别号', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tax.registrations.slice(0, 200)),
        fc.record({ ZJHM: optionalText, ZJLX: optionalText, CSRQ: optionalText }),
        (base, o) => {
          const record = { ...base, ...o };
          const row = taxRecordRow(record);
          expect(row.kind).toBe(record.NSRLX === '自然人' ? 'PERSON' : 'ENTERPRISE');
          if (row.kind === 'PERSON' && record.ZJHM === undefined)
            expect(row.resident_id).toBe(record.NSRSBH);
          if (row.kind === 'ENTERPRISE') expect(row.uscc).toBe(record.NSRSBH);
          expectOnlyHeldValues(row, record);
        },
      ),
    );
  });

  it('social insurance: units and persons map to held values only', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...social.employers.slice(0, 50)),
        fc.constantFrom(...social.persons.slice(0, 50)),
        fc.record({ uscc: optionalText, legal_rep: optionalText, address: optionalText }),
        fc.constantFrom('01' as const, '02' as const, '99' as const),
        (employer, person, o, certType) => {
          const unit = {
            ...employer,
            uscc: o.uscc ?? null,
            legal_rep: o.legal_rep,
            unit_address: o.address,
          };
          const unitRow = socialInsuranceEmployerRow(unit);
          expect(unitRow.kind).toBe('ENTERPRISE');
          expectOnlyHeldValues(unitRow, unit);
          const insured = { ...person, cert_type: certType, address: o.address };
          const personRow = socialInsurancePersonRow(insured);
          expect(personRow.kind).toBe('PERSON');
          expect(personRow.resident_id).toBe(certType === '01' ? person.social_security_no : '');
          expectOnlyHeldValues(personRow, insured);
        },
      ),
    );
  });
});
