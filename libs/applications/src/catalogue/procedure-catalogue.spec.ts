import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApplicationsError,
  ApplicationsErrorCode,
  UnknownProcedureError,
} from '../applications.errors';
import {
  loadProcedureCatalogue,
  parseProcedureCatalogue,
  type ProcedureCatalogue,
} from './procedure-catalogue';
import { DEPARTMENTS } from './procedure-catalogue.schema';

/** A small valid catalogue; each test breaks one thing. */
function small() {
  return {
    version: 'test',
    items: [
      { id: 'applicant.name', label: '申请单位名称', type: 'text', maxLength: 200 },
      { id: 'applicant.uscc', label: '统一社会信用代码', type: 'uscc' },
      {
        id: 'project.category',
        label: '项目管理类别',
        type: 'code',
        codes: { APPROVAL: '审批', FILING: '备案' },
      },
      { id: 'project.plannedStart', label: '拟开工时间', type: 'date' },
      {
        id: 'project.plannedCompletion',
        label: '拟建成时间',
        type: 'date',
        notBefore: 'project.plannedStart',
      },
      { id: 'contact.phone', label: '经办人手机号码', type: 'mobile', personal: true },
    ],
    procedures: [
      {
        code: 'A',
        name: '事项甲',
        department: 'project-approval',
        timeLimit: { days: 20, unit: 'WORKING', basis: '测试' },
        items: [
          { id: 'applicant.name', required: true },
          { id: 'project.category', required: true },
          { id: 'project.plannedStart', required: false },
          { id: 'project.plannedCompletion', required: false },
        ],
      },
      {
        code: 'B',
        name: '事项乙',
        department: 'tax',
        timeLimit: { days: 15, unit: 'CALENDAR', basis: '测试' },
        items: [
          { id: 'applicant.uscc', required: true },
          { id: 'applicant.name', required: true },
          { id: 'project.plannedStart', required: true },
          { id: 'contact.phone', required: false },
        ],
      },
    ],
  };
}

function problems(input: unknown): readonly string[] {
  try {
    parseProcedureCatalogue(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationsError);
    expect((error as ApplicationsError).code).toBe(ApplicationsErrorCode.INVALID_CATALOGUE);
    return (error as ApplicationsError).problems;
  }
  throw new Error('the catalogue was accepted');
}

function caught(run: () => unknown): ApplicationsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationsError);
    return error as ApplicationsError;
  }
  throw new Error('nothing was thrown');
}

describe('the shipped catalogue (contracts/procedures.json)', () => {
  let catalogue: ProcedureCatalogue;
  beforeAll(() => {
    catalogue = loadProcedureCatalogue();
  });

  it('loads, with its five procedures and every department', () => {
    expect(catalogue.procedures.map((p) => p.code)).toEqual([
      'INVESTMENT_PROJECT_APPROVAL',
      'LAND_PREEXAM_SITE_SELECTION',
      'LAND_USE_PLANNING_PERMIT',
      'TAX_INFO_CONFIRMATION',
      'SI_UNIT_REGISTRATION',
    ]);
    expect(new Set(catalogue.procedures.map((p) => p.department))).toEqual(new Set(DEPARTMENTS));
    expect(catalogue.procedure('SI_UNIT_REGISTRATION').timeLimit).toMatchObject({
      days: 15,
      unit: 'CALENDAR',
    });
  });

  it('marks personal items and keeps code tables in catalogue order', () => {
    expect(catalogue.item('applicant.legalRepIdNo')).toMatchObject({
      type: 'residentId',
      personal: true,
    });
    expect(catalogue.item('applicant.name').personal).toBe(false);
    expect(Object.keys(catalogue.item('si.insuranceTypes').codes ?? {})).toEqual([
      'PENSION',
      'UNEMPLOYMENT',
      'WORK_INJURY',
    ]);
  });

  it('makes the form of several procedures: the union, in catalogue order, required if any requires it', () => {
    const fields = catalogue.formItems([
      'LAND_USE_PLANNING_PERMIT',
      'INVESTMENT_PROJECT_APPROVAL',
      'LAND_PREEXAM_SITE_SELECTION',
    ]);
    const ids = fields.map((f) => f.item.id);
    const catalogueOrder = catalogue.items.map((i) => i.id).filter((id) => ids.includes(id));
    expect(ids).toEqual(catalogueOrder);
    expect(new Set(ids).size).toBe(ids.length);
    const field = (id: string) => fields.find((f) => f.item.id === id);
    // Optional for project approval, required for the land-use permit.
    expect(field('project.totalFloorArea')).toMatchObject({
      required: true,
      requiredBy: ['LAND_USE_PLANNING_PERMIT'],
      usedBy: ['INVESTMENT_PROJECT_APPROVAL', 'LAND_USE_PLANNING_PERMIT'],
    });
    // Optional everywhere it is used.
    expect(field('project.code')).toMatchObject({
      required: false,
      requiredBy: [],
      usedBy: ['LAND_PREEXAM_SITE_SELECTION', 'LAND_USE_PLANNING_PERMIT'],
    });
    expect(field('applicant.uscc')?.usedBy).toHaveLength(3);
    // Tax and social-insurance items are not on this form.
    expect(field('si.bankAccount')).toBeUndefined();
  });

  it('gives one procedure its own items', () => {
    const ids = catalogue.itemsFor('TAX_INFO_CONFIRMATION').map((f) => f.item.id);
    expect(ids).toContain('tax.accountingStandard');
    expect(ids).not.toContain('project.name');
    expect(ids).toHaveLength(catalogue.procedure('TAX_INFO_CONFIRMATION').items.length);
  });
});

describe('ProcedureCatalogue', () => {
  const catalogue = parseProcedureCatalogue(small());

  it('looks procedures and items up, and says which codes it has', () => {
    expect(catalogue.procedure('B').department).toBe('tax');
    expect(catalogue.item('contact.phone').personal).toBe(true);
    expect(catalogue.item('applicant.uscc').personal).toBe(false);
    expect(catalogue.has('A')).toBe(true);
    expect(catalogue.has('C')).toBe(false);
    expect(caught(() => catalogue.item('nope')).code).toBe(ApplicationsErrorCode.UNKNOWN_ITEM);
    const error = caught(() => catalogue.procedure('C'));
    expect(error).toBeInstanceOf(UnknownProcedureError);
    expect((error as UnknownProcedureError).codes).toEqual(['C']);
  });

  it('merges requirements and lists who needs each item', () => {
    expect(catalogue.formItems(['B', 'A', 'B'])).toEqual([
      {
        item: expect.objectContaining({ id: 'applicant.name' }),
        required: true,
        requiredBy: ['A', 'B'],
        usedBy: ['A', 'B'],
      },
      {
        item: expect.objectContaining({ id: 'applicant.uscc' }),
        required: true,
        requiredBy: ['B'],
        usedBy: ['B'],
      },
      {
        item: expect.objectContaining({ id: 'project.category' }),
        required: true,
        requiredBy: ['A'],
        usedBy: ['A'],
      },
      {
        item: expect.objectContaining({ id: 'project.plannedStart' }),
        required: true,
        requiredBy: ['B'],
        usedBy: ['A', 'B'],
      },
      {
        item: expect.objectContaining({ id: 'project.plannedCompletion' }),
        required: false,
        requiredBy: [],
        usedBy: ['A'],
      },
      {
        item: expect.objectContaining({ id: 'contact.phone' }),
        required: false,
        requiredBy: [],
        usedBy: ['B'],
      },
    ]);
    expect(catalogue.formItems([])).toEqual([]);
  });

  it('refuses unknown procedure codes with one typed error naming each of them', () => {
    const error = caught(() => catalogue.formItems(['A', 'X', 'Y', 'X']));
    expect(error).toBeInstanceOf(UnknownProcedureError);
    expect(error.code).toBe(ApplicationsErrorCode.UNKNOWN_PROCEDURE);
    expect((error as UnknownProcedureError).codes).toEqual(['X', 'Y']);
    expect(error.message).toContain('X');
    expect(error.message).toContain('Y');
    expect(caught(() => catalogue.itemsFor('Z')).code).toBe(
      ApplicationsErrorCode.UNKNOWN_PROCEDURE,
    );
  });

  it('is immutable and leaves the parsed JSON alone', () => {
    const input = small();
    const parsed = parseProcedureCatalogue(input);
    expect(Object.isFrozen(parsed.items)).toBe(true);
    expect(Object.isFrozen(parsed.item('project.category').codes)).toBe(true);
    expect(Object.isFrozen(parsed.procedure('A').items[0])).toBe(true);
    expect(Object.isFrozen(input.items[0])).toBe(false);
  });

  it('drops $comment members and defaults personal to false', () => {
    const input = small();
    Object.assign(input.items[0], { $comment: 'note for operators' });
    const item = parseProcedureCatalogue(input).item('applicant.name');
    expect(item).toEqual({
      id: 'applicant.name',
      label: '申请单位名称',
      type: 'text',
      maxLength: 200,
      personal: false,
    });
  });
});

describe('catalogue checks', () => {
  it('names schema problems by entry', () => {
    const input = small();
    Object.assign(input.items[1], { type: 'colour' });
    Object.assign(input.procedures[0].timeLimit, { unit: 'HOURS' });
    const found = problems(input);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^items\/1 \(applicant\.uscc\)\/type .*one of text, uscc/),
        expect.stringMatching(/^procedures\/0 \(A\)\/timeLimit\/unit .*one of WORKING, CALENDAR/),
      ]),
    );
  });

  it('refuses unknown members and missing ones', () => {
    const input: Record<string, unknown> = { ...small(), colour: 'red' };
    delete input.version;
    expect(problems(input)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('colour'),
        expect.stringContaining("must have required property 'version'"),
      ]),
    );
    expect(problems({ ...small(), procedures: [] })).toEqual([
      expect.stringContaining('procedures must NOT have fewer than 1 items'),
    ]);
  });

  it('refuses code-table keys that JSON would reorder', () => {
    const input = small();
    input.items[2].codes = { '01': '审批', '10': '备案' } as never;
    expect(problems(input)).toEqual(
      expect.arrayContaining([expect.stringContaining('items/2 (project.category)/codes')]),
    );
  });

  it('refuses a procedure naming an unknown item, or one item twice', () => {
    const input = small();
    input.procedures[1].items.push({ id: 'land.area', required: true });
    input.procedures[1].items.push({ id: 'applicant.uscc', required: false });
    expect(problems(input)).toEqual([
      'procedures/1 (B): items/4 names unknown item land.area',
      'procedures/1 (B): items/5 lists applicant.uscc twice',
    ]);
  });

  it('refuses duplicate item ids and procedure codes', () => {
    const input = small();
    input.items.push({ id: 'applicant.uscc', label: '又一个', type: 'uscc' });
    input.procedures.push({ ...input.procedures[0] });
    expect(problems(input)).toEqual([
      'items/6 (applicant.uscc): id is declared twice (first at items/1)',
      'procedures/2 (A): code is declared twice (first at procedures/0)',
    ]);
  });

  it('refuses an unknown department, in a procedure and in a prefill source', () => {
    const input = small();
    input.procedures[0].department = 'market-regulation';
    Object.assign(input.items[1], { prefill: { department: 'customs', field: 'code' } });
    expect(problems(input)).toEqual([
      'items/1 (applicant.uscc): prefill names unknown department customs (one of project-approval, land-planning, tax, social-insurance)',
      'procedures/0 (A): unknown department market-regulation (one of project-approval, land-planning, tax, social-insurance)',
    ]);
  });

  it('refuses notBefore naming an unknown item, itself, or something that is not a date', () => {
    const input = small();
    input.items[4].notBefore = 'project.start';
    expect(problems(input)).toEqual([
      'items/4 (project.plannedCompletion): notBefore names unknown item project.start',
    ]);
    input.items[4].notBefore = 'project.plannedCompletion';
    expect(problems(input)).toEqual([
      'items/4 (project.plannedCompletion): notBefore names the item itself',
    ]);
    input.items[4].notBefore = 'applicant.name';
    expect(problems(input)).toEqual([
      'items/4 (project.plannedCompletion): notBefore names applicant.name, a text item, not a date',
    ]);
    Object.assign(input.items[0], { notBefore: 'project.plannedStart' });
    input.items[4].notBefore = 'project.plannedStart';
    expect(problems(input)).toEqual([
      'items/0 (applicant.name): notBefore applies only to date items, not text',
    ]);
  });

  it('needs a codes table for code and codes items, and only there', () => {
    const input = small();
    delete (input.items[2] as { codes?: unknown }).codes;
    input.items.push({ id: 'si.types', label: '险种', type: 'codes' });
    Object.assign(input.items[1], { codes: { A: 'a' } });
    expect(problems(input)).toEqual([
      'items/1 (applicant.uscc): codes apply only to code and codes items, not uscc',
      'items/2 (project.category): a code item needs a codes table',
      'items/6 (si.types): a codes item needs a codes table',
    ]);
  });

  it('checks the constraints each type takes', () => {
    const input = small();
    delete (input.items[0] as { maxLength?: number }).maxLength;
    input.items.push(
      { id: 'a.amount', label: '金额', type: 'decimal', min: 10, max: 1, scale: 2 } as never,
      { id: 'a.count', label: '人数', type: 'integer', min: 0.5 } as never,
      { id: 'a.when', label: '日期', type: 'date', maxLength: 10, scale: 1, min: 1 } as never,
      { id: 'a.tiny', label: '极小', type: 'decimal', min: 1e-7 } as never,
    );
    expect(problems(input)).toEqual([
      'items/0 (applicant.name): a text item needs a maxLength',
      'items/6 (a.amount): min 10 is above max 1',
      'items/7 (a.count): min of an integer item must be a whole number',
      'items/8 (a.when): maxLength applies only to text items, not date',
      'items/8 (a.when): min and max apply only to decimal and integer items, not date',
      'items/8 (a.when): scale applies only to decimal items, not date',
      'items/9 (a.tiny): min 1e-7 must be written as a plain decimal number',
    ]);
  });
});

describe('loadProcedureCatalogue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-catalogue-'));

  it('reads a file given and names it in every problem', () => {
    const file = join(dir, 'bad.json');
    const input = small();
    input.procedures[0].department = 'nowhere';
    input.procedures[1].items[0].id = 'no.such';
    writeFileSync(file, JSON.stringify(input));
    const error = caught(() => loadProcedureCatalogue(file));
    expect(error.code).toBe(ApplicationsErrorCode.INVALID_CATALOGUE);
    expect(error.problems).toHaveLength(2);
    for (const problem of error.problems) expect(problem.startsWith(`${file}: `)).toBe(true);
  });

  it('reports a file that is not JSON as an invalid catalogue', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "version": ');
    const error = caught(() => loadProcedureCatalogue(file));
    expect(error.code).toBe(ApplicationsErrorCode.INVALID_CATALOGUE);
    expect(error.problems[0]).toContain('not valid JSON');
  });

  it('loads a good file', () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(small()));
    expect(loadProcedureCatalogue(file).procedures).toHaveLength(2);
  });
});
