import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoApplicants } from '@oncegate/demo';
import { residentIdCheckChar, usccCheckChar } from '@oncegate/identifiers';
import { matchRecords, parseMatchSpec, PairDecision, type MatchRun } from '@oncegate/matching';
import {
  departmentRecordRows,
  generateDepartmentData,
  type DepartmentRecordRow,
} from '@oncegate/simulators';

/**
 * The hard cases of entity resolution, one fixture each, matched with the
 * shipped department-records spec among a simulated county's records (so EM
 * learns its weights from realistic data, as in production). Each fixture's
 * records carry ids `case-<name>-…`.
 */
const spec = parseMatchSpec(
  JSON.parse(
    readFileSync(
      join(
        __dirname,
        '..',
        '..',
        '..',
        '..',
        'libs',
        'matching',
        'specs',
        'department-records.json',
      ),
      'utf8',
    ),
  ),
);

function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

function uscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}

/** A resident id whose check character is wrong: a typo in the check digit. */
function withWrongCheck(id: string): string {
  const wrong = id.endsWith('1') ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

type CaseRow = Partial<DepartmentRecordRow> &
  Pick<DepartmentRecordRow, 'record_id' | 'kind' | 'name'>;

function row(r: CaseRow): DepartmentRecordRow {
  return {
    system: 'tax',
    uscc: '',
    resident_id: '',
    legal_rep: '',
    birth_date: '',
    phone: '',
    address: '',
    ...r,
  };
}

const ID_A = residentId('33052219850302123');
const ID_B = residentId('33052219851120456');
const FATHER = residentId('33052219600101777');
const TWIN_1 = residentId('33052219920815211');
const TWIN_2 = residentId('33052219920815238');
const CODE = uscc('91330522MA2B3C4D5');
const BRANCH_CODE = uscc('91330522MA2B3C4E6');
const ANJI_CODE = uscc('91330523MA2G7H8J9');
const TYPO_CODE = CODE.slice(0, 10) + (CODE[10] === '9' ? '8' : '9') + CODE.slice(11);

const cases: DepartmentRecordRow[] = [
  // Homophone: 张伟 / 张玮, one record without an ID.
  row({
    record_id: 'case-homophone-1',
    kind: 'PERSON',
    name: '张伟',
    resident_id: ID_A,
    birth_date: '1985-03-02',
    phone: '13905721234',
    address: '长兴县雉城街道金陵北路88号',
  }),
  row({
    record_id: 'case-homophone-2',
    system: 'social-insurance',
    kind: 'PERSON',
    name: '张玮',
    birth_date: '19850302',
    phone: '13905721234',
    address: '长兴县雉城街道金陵北路88号',
  }),
  // Traditional characters.
  row({
    record_id: 'case-traditional-1',
    kind: 'PERSON',
    name: '劉德華',
    birth_date: '1985-11-20',
    phone: '13905720001',
    address: '長興縣畫溪街道太湖路16號',
  }),
  row({
    record_id: 'case-traditional-2',
    system: 'land-planning',
    kind: 'PERSON',
    name: '刘德华',
    resident_id: ID_B,
    birth_date: '1985-11-20',
    address: '长兴县画溪街道太湖路16号',
  }),
  // A 15-digit legacy ID and its 18-digit form.
  row({
    record_id: 'case-legacy-1',
    kind: 'PERSON',
    name: '陈国强',
    resident_id: FATHER,
    birth_date: '1960-01-01',
  }),
  row({
    record_id: 'case-legacy-2',
    system: 'land-planning',
    kind: 'PERSON',
    name: '陈国强',
    resident_id: FATHER.slice(0, 6) + FATHER.slice(8, 17),
  }),
  // A typo in the check digit: a weak signal, not a key, and no cannot-link.
  row({
    record_id: 'case-check-1',
    kind: 'PERSON',
    name: '赵晓燕',
    resident_id:
      ID_B.replace('456', '457').slice(0, 17) +
      residentIdCheckChar(ID_B.replace('456', '457').slice(0, 17)),
    birth_date: '1985-11-20',
    phone: '13600000001',
  }),
  row({
    record_id: 'case-check-2',
    system: 'social-insurance',
    kind: 'PERSON',
    name: '赵晓燕',
    resident_id: withWrongCheck(ID_B.replace('456', '457')),
    birth_date: '19851120',
    phone: '13600000001',
  }),
  // The same common name, different people.
  row({
    record_id: 'case-common-1',
    kind: 'PERSON',
    name: '王伟',
    resident_id: residentId('33052219790204001'),
    birth_date: '1979-02-04',
    address: '长兴县和平镇长城村5号',
  }),
  row({
    record_id: 'case-common-2',
    system: 'social-insurance',
    kind: 'PERSON',
    name: '王伟',
    birth_date: '19910817',
    address: '长兴县李家巷镇青草坞村12号',
  }),
  // Twins: one birth date, one address, one phone, different names and IDs.
  row({
    record_id: 'case-twins-1',
    kind: 'PERSON',
    name: '周明',
    resident_id: TWIN_1,
    birth_date: '1992-08-15',
    phone: '13857200015',
    address: '长兴县泗安镇新丰村3号',
  }),
  row({
    record_id: 'case-twins-2',
    kind: 'PERSON',
    name: '周亮',
    resident_id: TWIN_2,
    birth_date: '1992-08-15',
    phone: '13857200015',
    address: '长兴县泗安镇新丰村3号',
  }),
  // Parent and child of one name at one address; the child's record has no ID.
  row({
    record_id: 'case-family-1',
    kind: 'PERSON',
    name: '李建国',
    resident_id: residentId('33052219581010771'),
    birth_date: '1958-10-10',
    address: '长兴县林城镇天平村8号',
  }),
  row({
    record_id: 'case-family-2',
    system: 'social-insurance',
    kind: 'PERSON',
    name: '李建国',
    birth_date: '19880612',
    address: '长兴县林城镇天平村8号',
  }),
  // A branch is not its parent, whatever else they share.
  row({
    record_id: 'case-branch-1',
    kind: 'ENTERPRISE',
    name: '长兴县华盛建材有限公司',
    uscc: CODE,
    legal_rep: '吴建平',
    phone: '0572-6021234',
    address: '长兴县雉城街道明珠路1号',
  }),
  row({
    record_id: 'case-branch-2',
    kind: 'ENTERPRISE',
    name: '长兴县华盛建材有限公司湖州分公司',
    uscc: BRANCH_CODE,
    legal_rep: '吴建平',
    phone: '0572-6021234',
    address: '长兴县雉城街道明珠路1号',
  }),
  row({
    record_id: 'case-branch-3',
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: '长兴县华盛建材有限公司湖州分公司',
    legal_rep: '吴建平',
    phone: '0572-6021234',
  }),
  // Name variants and a mistyped credit code: one enterprise.
  row({
    record_id: 'case-variant-1',
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: '（长兴）华盛建材有限责任公司',
    uscc: TYPO_CODE,
    legal_rep: '吴建平',
    phone: '0572-6021234',
  }),
  // A branch and its parent with no credit code at all: the branch rule alone.
  row({
    record_id: 'case-shop-1',
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: '湖州万达商贸有限公司',
    legal_rep: '沈国平',
    phone: '0572-2100001',
  }),
  row({
    record_id: 'case-shop-2',
    system: 'social-insurance',
    kind: 'ENTERPRISE',
    name: '湖州万达商贸有限公司德清分公司',
    legal_rep: '沈国平',
    phone: '0572-2100001',
  }),
  // The same 字号 in two counties, neither with a credit code.
  row({
    record_id: 'case-twocounty-1',
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: '长兴县恒通机械有限公司',
    legal_rep: '孙立',
    phone: '0572-6100001',
  }),
  row({
    record_id: 'case-twocounty-2',
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: '安吉县恒通机械有限公司',
    legal_rep: '郑华',
    phone: '0572-5100002',
  }),
  // The same 字号 in two counties: two enterprises.
  row({
    record_id: 'case-county-1',
    system: 'social-insurance',
    kind: 'ENTERPRISE',
    name: '安吉县华盛建材有限公司',
    uscc: ANJI_CODE,
    legal_rep: '钱玉兰',
    phone: '0572-5123456',
    address: '安吉县递铺街道天荒坪路9号',
  }),
  row({
    record_id: 'case-county-2',
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: '(安吉)华盛建材有限公司',
    legal_rep: '钱玉兰',
    phone: '0572-5123456',
  }),
];

describe('entity resolution: the hard cases', () => {
  let run: MatchRun;
  let index: Map<string, number>;

  beforeAll(() => {
    const population = generateDemoApplicants({ seed: 11, persons: 1200, enterprises: 600 });
    const background = [...departmentRecordRows(generateDepartmentData(population, { seed: 11 }))];
    run = matchRecords({ ...spec, em: { ...spec.em, randomPairs: 200_000 } }, [
      [...background, ...cases] as unknown as Record<string, string>[],
    ]);
    index = new Map(run.records.ids.map((id, i) => [id, i]));
  });

  const together = (a: string, b: string) =>
    run.clusterOf[index.get(a)!] === run.clusterOf[index.get(b)!];

  function pairOf(a: string, b: string): number {
    const i = index.get(a)!;
    const j = index.get(b)!;
    for (let p = 0; p < run.pairs.count; p++) {
      const l = run.pairs.left[p];
      const r = run.pairs.right[p];
      if ((l === i && r === j) || (l === j && r === i)) return p;
    }
    throw new Error(`${a} and ${b} are not a candidate pair`);
  }

  it('links homophone names (张伟 / 张玮) with the same birth date, phone and address', () => {
    expect(together('case-homophone-1', 'case-homophone-2')).toBe(true);
    const evidence = run.explain(pairOf('case-homophone-1', 'case-homophone-2')).evidence;
    expect(evidence.find((e) => e.comparison === 'person_name')).toMatchObject({
      level: 'same pinyin',
    });
  });

  it('links traditional and simplified spellings of one name and address', () => {
    expect(together('case-traditional-1', 'case-traditional-2')).toBe(true);
  });

  it('links a 15-digit legacy ID to its 18-digit form', () => {
    expect(together('case-legacy-1', 'case-legacy-2')).toBe(true);
  });

  it('links an ID with a typo in the check digit, which is no key and no cannot-link', () => {
    expect(together('case-check-1', 'case-check-2')).toBe(true);
  });

  it('keeps two people of one common name apart', () => {
    expect(together('case-common-1', 'case-common-2')).toBe(false);
  });

  it('keeps twins apart', () => {
    expect(together('case-twins-1', 'case-twins-2')).toBe(false);
  });

  it('keeps a parent and a child of one name at one address apart', () => {
    expect(together('case-family-1', 'case-family-2')).toBe(false);
  });

  it('keeps a branch apart from its parent, explaining the refusal', () => {
    expect(together('case-branch-1', 'case-branch-2')).toBe(false);
    expect(together('case-branch-1', 'case-branch-3')).toBe(false);
    expect(together('case-branch-2', 'case-branch-3')).toBe(true);
  });

  it('links enterprise-name variants with a mistyped credit code', () => {
    expect(together('case-branch-1', 'case-variant-1')).toBe(true);
  });

  it('keeps the same 字号 in two counties apart', () => {
    expect(together('case-branch-1', 'case-county-1')).toBe(false);
    expect(together('case-variant-1', 'case-county-2')).toBe(false);
    expect(together('case-county-1', 'case-county-2')).toBe(true);
  });

  it('refuses a link between two different valid credit codes and says why', () => {
    const explanation = run.explain(pairOf('case-branch-1', 'case-branch-2'));
    expect(explanation.decision).toBe('CANNOT_LINK');
    expect(explanation.refusedBy).toBe('uscc: two different valid identifiers');
    expect(explanation.evidence.find((e) => e.comparison === 'uscc')?.weight).toBeLessThan(0);
  });

  it('keeps a branch apart from its parent by the branch rule alone', () => {
    expect(together('case-shop-1', 'case-shop-2')).toBe(false);
    const p = pairOf('case-shop-1', 'case-shop-2');
    expect(run.pairs.decision[p]).toBe(PairDecision.CANNOT_LINK);
    expect(run.explain(p).refusedBy).toBe('enterprise_name: a branch is not its parent');
  });

  it('weighs the same 字号 in another county as evidence against', () => {
    expect(together('case-twocounty-1', 'case-twocounty-2')).toBe(false);
    const name = run
      .explain(pairOf('case-twocounty-1', 'case-twocounty-2'))
      .evidence.find((e) => e.comparison === 'enterprise_name');
    expect(name).toMatchObject({ level: 'same core name, other region' });
    expect(name!.weight).toBeLessThan(0);
  });
});
