import { usccCheckChar } from '@oncegate/identifiers';
import { UnknownProcedureError } from '../applications.errors';
import { loadProcedureCatalogue } from '../catalogue/procedure-catalogue';
import { ItemProblemCode as P } from './item-problem';
import { validateForm } from './validate-form';

const catalogue = loadProcedureCatalogue();
const PROJECT_AND_LAND = ['INVESTMENT_PROJECT_APPROVAL', 'LAND_PREEXAM_SITE_SELECTION'];

/** Everything project approval and land pre-examination need, as an applicant might type it. */
function complete(): Record<string, string> {
  return {
    'applicant.name': ' 长兴绿能科技有限公司 ',
    'applicant.uscc': '91350100M000100Y43',
    'applicant.legalRepName': '王伟',
    'applicant.address': '浙江省湖州市长兴县雉城街道',
    'contact.name': '李娜',
    'contact.phone': '+86 138 1234 5678',
    'project.name': '年产5万吨新能源材料项目',
    'project.category': 'filing',
    'project.constructionNature': 'NEW',
    'project.divisionCode': '330522',
    'project.address': '长兴县经济技术开发区',
    'project.totalInvestment': '12,000.50',
    'project.fundingSource': 'ENTERPRISE',
    'project.plannedStart': '2026/3/1',
    'project.plannedCompletion': '2027年6月30日',
    'land.area': '66666.67',
    'land.use': 'INDUSTRIAL',
  };
}

describe('validateForm', () => {
  it('accepts a complete form and returns the normalized values', () => {
    const result = validateForm(catalogue, PROJECT_AND_LAND, complete());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.values).toMatchObject({
      'applicant.name': '长兴绿能科技有限公司',
      'contact.phone': '13812345678',
      'project.category': 'FILING',
      'project.totalInvestment': '12000.5',
      'project.plannedStart': '2026-03-01',
      'project.plannedCompletion': '2027-06-30',
    });
    // Optional items left out are simply absent.
    expect(result.values).not.toHaveProperty(['project.code']);
    expect(result.fields.map((f) => f.item.id)).toContain('project.code');
  });

  it('reports every missing required item, and not the optional ones', () => {
    const result = validateForm(catalogue, PROJECT_AND_LAND, {});
    const required = result.fields.filter((f) => f.required).map((f) => f.item.id);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.item)).toEqual(required);
    expect(result.problems.every((p) => p.code === P.REQUIRED)).toBe(true);
    expect(result.problems.map((p) => p.item)).not.toContain('project.totalFloorArea');
    expect(result.problems[0].message).toBe('申请单位名称：必填（is required）');
  });

  it('counts a blank value as missing', () => {
    const values = { ...complete(), 'applicant.name': '　', 'project.code': '  ' };
    const result = validateForm(catalogue, PROJECT_AND_LAND, values);
    expect(result.problems).toEqual([
      { item: 'applicant.name', code: P.REQUIRED, message: '申请单位名称：必填（is required）' },
    ]);
  });

  it('returns all problems at once, in form order', () => {
    const values: Record<string, string> = {
      ...complete(),
      'applicant.uscc': '914403001922038217',
      'contact.phone': '0572-6021234',
      'project.totalInvestment': '-5',
      'land.use': 'FARMING',
    };
    delete values['project.name'];
    const result = validateForm(catalogue, PROJECT_AND_LAND, values);
    expect(result.problems.map((p) => [p.item, p.code])).toEqual([
      ['applicant.uscc', P.CHECK_CHARACTER],
      ['contact.phone', P.FORMAT],
      ['project.name', P.REQUIRED],
      ['project.totalInvestment', P.OUT_OF_RANGE],
      ['land.use', P.UNKNOWN_CODE],
    ]);
    expect(result.values).not.toHaveProperty(['applicant.uscc']);
    expect(result.values).toHaveProperty(['applicant.name']);
  });

  it('checks notBefore: completion not before start', () => {
    const early = { ...complete(), 'project.plannedCompletion': '2026-02-28' };
    expect(validateForm(catalogue, PROJECT_AND_LAND, early).problems).toEqual([
      {
        item: 'project.plannedCompletion',
        code: P.NOT_BEFORE,
        message: '拟建成时间：不得早于拟开工时间（must not be before project.plannedStart）',
      },
    ]);
    const sameDay = { ...complete(), 'project.plannedCompletion': '2026-03-01' };
    expect(validateForm(catalogue, PROJECT_AND_LAND, sameDay).ok).toBe(true);
    // A start that is not a date has its own problem; the comparison is not made.
    const badStart = { ...early, 'project.plannedStart': '2026-02-30' };
    expect(
      validateForm(catalogue, PROJECT_AND_LAND, badStart).problems.map((p) => [p.item, p.code]),
    ).toEqual([['project.plannedStart', P.INVALID_DATE]]);
  });

  it('refuses values for items not on the form of the procedures chosen', () => {
    const values = { ...complete(), 'si.bankAccount': '6222021234567890123', colour: 'red' };
    const result = validateForm(catalogue, PROJECT_AND_LAND, values);
    expect(result.problems.map((p) => [p.item, p.code])).toEqual([
      ['si.bankAccount', P.NOT_IN_FORM],
      ['colour', P.NOT_IN_FORM],
    ]);
    expect(result.values).not.toHaveProperty(['si.bankAccount']);
  });

  it('reads only the values’ own members', () => {
    const values = Object.assign(Object.create({ 'applicant.name': '继承来的' }) as object, {
      constructor: 'x',
    }) as Record<string, string>;
    const result = validateForm(catalogue, ['TAX_INFO_CONFIRMATION'], values);
    expect(result.problems.find((p) => p.item === 'applicant.name')?.code).toBe(P.REQUIRED);
    expect(result.problems.find((p) => p.item === 'constructor')?.code).toBe(P.NOT_IN_FORM);
  });

  it('never puts a personal value in a message', () => {
    const values = {
      'applicant.legalRepIdNo': '110105194912310021',
      'tax.financeContactPhone': '2381234567800',
    };
    const result = validateForm(catalogue, ['TAX_INFO_CONFIRMATION'], values);
    const messages = result.problems.map((p) => p.message).join('\n');
    expect(messages).not.toContain('110105194912310021');
    expect(messages).not.toContain('2381234567800');
    expect(result.problems.find((p) => p.item === 'applicant.legalRepIdNo')?.code).toBe(
      P.CHECK_CHARACTER,
    );
  });

  it('passes on identifier warnings without failing the form', () => {
    const first17 = '91330100799655059'; // organization code 79965505 with a wrong inner check
    const uscc = first17 + usccCheckChar(first17);
    const result = validateForm(catalogue, PROJECT_AND_LAND, {
      ...complete(),
      'applicant.uscc': uscc,
    });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { item: 'applicant.uscc', message: expect.stringContaining('仅提示') as string },
    ]);
  });

  it('throws on unknown procedure codes: the caller’s mistake, not the applicant’s', () => {
    expect(() => validateForm(catalogue, ['INVESTMENT_PROJECT_APPROVAL', 'NOPE'], {})).toThrow(
      UnknownProcedureError,
    );
  });
});
