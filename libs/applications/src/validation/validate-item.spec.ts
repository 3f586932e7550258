import fc from 'fast-check';
import { residentIdCheckChar, usccCheckChar } from '@oncegate/identifiers';
import type { FormItem } from '../catalogue/procedure-catalogue';
import { ItemProblemCode as P, type ItemResult } from './item-problem';
import { validateItem } from './validate-item';

function item(over: Partial<FormItem> & Pick<FormItem, 'type'>): FormItem {
  return { id: 'test.item', label: '测试项', personal: false, ...over };
}

const NOW = new Date('2026-11-25T10:00:00+08:00');

function value(result: ItemResult): string {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.value;
}

function code(result: ItemResult): P {
  if (result.ok) throw new Error(`accepted as ${result.value}`);
  return result.code;
}

function message(result: ItemResult): string {
  if (result.ok) throw new Error(`accepted as ${result.value}`);
  return result.message;
}

/** Accepted inputs and what they normalize to, refused inputs and why. */
function check(
  subject: FormItem,
  accepts: readonly (readonly [string, string])[],
  refuses: readonly (readonly [string, P])[],
) {
  for (const [raw, expected] of accepts) {
    expect([raw, value(validateItem(subject, raw, { now: NOW }))]).toEqual([raw, expected]);
  }
  for (const [raw, expected] of refuses) {
    expect([raw, code(validateItem(subject, raw, { now: NOW }))]).toEqual([raw, expected]);
  }
}

describe('validateItem', () => {
  it('refuses a blank value of any type', () => {
    for (const type of ['text', 'uscc', 'mobile', 'decimal', 'date', 'codes'] as const) {
      const result = validateItem(item({ type, maxLength: 10 }), ' \u3000 ');
      expect(result).toEqual({
        ok: false,
        code: P.EMPTY,
        message: '测试项：不能为空（must not be empty）',
      });
    }
  });

  it('text: NFKC, trimmed, at most maxLength characters, no control characters', () => {
    check(
      item({ type: 'text', maxLength: 12 }),
      [
        [' 华为技术（深圳）有限公司 ', '华为技术(深圳)有限公司'],
        ['ＡＢＣ　公司', 'ABC 公司'],
        ['𠮷野家'.repeat(4), '𠮷野家'.repeat(4)], // 12 characters, 16 UTF-16 units
      ],
      [
        ['𠮷野家'.repeat(4) + '店', P.TOO_LONG],
        ['第一行\n第二行', P.INVALID_CHARACTER],
        ['a\u0000b', P.INVALID_CHARACTER],
        ['\ud800半个', P.INVALID_CHARACTER],
      ],
    );
    expect(message(validateItem(item({ type: 'text', maxLength: 3 }), '四个字符'))).toBe(
      '测试项：最多3个字符（at most 3 characters）',
    );
  });

  it('uscc: through @oncegate/identifiers, with its warnings', () => {
    check(
      item({ type: 'uscc' }),
      [
        ['91350100M000100Y43', '91350100M000100Y43'],
        [' 9144030071526726xg ', '9144030071526726XG'],
        ['９１３３０１００７９９６５５０５８Ｂ', '91330100799655058B'],
      ],
      [
        ['914403001922038217', P.CHECK_CHARACTER],
        ['91350100M000100Y4Z', P.FORMAT], // Z is never used
        ['91440300192203821', P.FORMAT],
        ['9144030071526726XI', P.FORMAT],
      ],
    );
    // Organization code 79965505 with the wrong inner check character 9 (it is 8): valid, with a warning.
    const first17 = '91330100799655059';
    const result = validateItem(item({ type: 'uscc' }), first17 + usccCheckChar(first17));
    expect(result).toMatchObject({ ok: true, warnings: [expect.stringContaining('仅提示')] });
  });

  it('residentId: 15 → 18 digits, check character, never echoing the number', () => {
    const subject = item({ type: 'residentId', label: '法定代表人公民身份号码' });
    check(
      subject,
      [
        ['11010519491231002X', '11010519491231002X'],
        ['11010519491231002x', '11010519491231002X'],
        ['110105 19491231 002X', '11010519491231002X'],
        ['110105491231002', '11010519491231002X'],
        ['330523199202290042', '330523199202290042'],
      ],
      [
        ['110105194912310021', P.CHECK_CHARACTER],
        ['11010519490230002X', P.INVALID_IDENTIFIER],
        ['11010519491231002', P.FORMAT],
        ['1101051949123100XX', P.FORMAT],
        ['99010519491231002X', P.INVALID_IDENTIFIER],
      ],
    );
    const future = '110105' + '20300101' + '002';
    expect(code(validateItem(subject, future + residentIdCheckChar(future), { now: NOW }))).toBe(
      P.INVALID_IDENTIFIER,
    );
    for (const raw of ['110105194912310021', '11010519490230002X', '1101051949X231002X']) {
      // Not a digit of it: the identifiers library's own wording would give the check character away.
      expect(message(validateItem(subject, raw))).not.toMatch(/\d/);
    }
    expect(message(validateItem(subject, '1101051949123100'))).not.toContain('1101051949123100');
    expect(message(validateItem(subject, '110105194912310021'))).toBe(
      '法定代表人公民身份号码：校验码不符，请逐位核对（the check character does not match: check each character）',
    );
  });

  it('projectCode and realEstateUnitNo: through @oncegate/identifiers', () => {
    check(
      item({ type: 'projectCode' }),
      [
        ['2020-330327-48-01-167360', '2020-330327-48-01-167360'],
        ['2603-141124-89-05-346948', '2603-141124-89-05-346948'],
        [' 2411－130202－89－01－637015 ', '2411-130202-89-01-637015'],
      ],
      [
        ['2020-33032-48-01-167360', P.FORMAT],
        ['20203303274801167360', P.FORMAT],
        ['2013-330327-48-01-167360', P.INVALID_IDENTIFIER],
        ['2612-330327-48-01-167360', P.INVALID_IDENTIFIER], // December 2026 is after NOW
      ],
    );
    check(
      item({ type: 'realEstateUnitNo' }),
      [
        ['320505400202GB00001F00010069', '320505400202GB00001F00010069'],
        ['440106 001001 GB00001 F00010001', '440106001001GB00001F00010001'],
      ],
      [
        ['320505400202GB00001F0001006', P.FORMAT],
        ['320505400202XB00001F00010069', P.INVALID_IDENTIFIER],
        ['320505400202GB00000F00010069', P.INVALID_IDENTIFIER],
      ],
    );
  });

  it('divisionCode: six digits with a province prefix', () => {
    check(
      item({ type: 'divisionCode' }),
      [
        ['330522', '330522'],
        [' ３３０５２２ ', '330522'],
        ['110000', '110000'],
      ],
      [
        ['33052', P.FORMAT],
        ['33052a', P.FORMAT],
        ['990000', P.INVALID_IDENTIFIER],
      ],
    );
  });

  it('mobile: 11 digits from 1[3-9], +86, spaces and hyphens tolerated', () => {
    check(
      item({ type: 'mobile' }),
      [
        ['13812345678', '13812345678'],
        ['+86 138-1234-5678', '13812345678'],
        ['(+86) 138 1234 5678', '13812345678'],
        ['0086 19912345678', '19912345678'],
        ['８６１３８１２３４５６７８', '13812345678'],
      ],
      [
        ['12812345678', P.FORMAT],
        ['1381234567', P.FORMAT],
        ['138123456789', P.FORMAT],
        ['138.1234.5678', P.FORMAT],
        ['0572-6021234', P.FORMAT],
        ['+1 138 1234 5678', P.FORMAT],
      ],
    );
  });

  it('phone: a mobile, or a landline with its area code', () => {
    check(
      item({ type: 'phone' }),
      [
        ['13812345678', '13812345678'],
        ['0572-6021234', '0572-6021234'],
        ['(0572)6021234', '0572-6021234'],
        ['０５７２－６０２１２３４', '0572-6021234'],
        ['0572 60212345', '0572-60212345'],
        ['+86 572 6021234', '0572-6021234'],
        ['010-62345678', '010-62345678'],
        ['021 6234 5678', '021-62345678'],
        ['0572-6021234-801', '0572-6021234-801'],
        ['0572-6021234转801', '0572-6021234-801'],
        ['0572 6021234 ext. 801', '0572-6021234-801'],
      ],
      [
        ['6021234', P.FORMAT],
        ['0572-0021234', P.FORMAT],
        ['010-6234567', P.FORMAT],
        ['0572-602123', P.FORMAT],
        ['0572-6021234-801-2', P.FORMAT],
        ['电话0572-6021234', P.FORMAT],
      ],
    );
    expect(message(validateItem(item({ type: 'phone' }), '6021234'))).toContain('区号');
  });

  it('decimal: exact, with scale and bounds', () => {
    const amount = item({ type: 'decimal', min: 0, max: 100000000, scale: 2 });
    check(
      amount,
      [
        ['1234.5', '1234.5'],
        ['1,234.50', '1234.5'],
        ['0012.30', '12.3'],
        ['１２３．４５', '123.45'],
        ['+7', '7'],
        ['-0', '0'],
        ['100000000', '100000000'],
        ['100000000.00', '100000000'],
        ['99999999.99', '99999999.99'],
        ['1.230', '1.23'],
      ],
      [
        ['100000000.01', P.OUT_OF_RANGE],
        ['-0.01', P.OUT_OF_RANGE],
        ['1.234', P.TOO_MANY_DECIMALS],
        ['1e3', P.FORMAT],
        ['12,34', P.FORMAT],
        ['.5', P.FORMAT],
        ['5.', P.FORMAT],
        ['一百', P.FORMAT],
      ],
    );
    expect(message(validateItem(amount, '-1'))).toBe(
      '测试项：应在0至100000000之间（must be from 0 to 100000000）',
    );
    // Exact: no binary rounding at the bound.
    const tenth = item({ type: 'decimal', max: 0.3 });
    expect(value(validateItem(tenth, '0.3'))).toBe('0.3');
    expect(code(validateItem(tenth, '0.30000000000000001'))).toBe(P.OUT_OF_RANGE);
    expect(code(validateItem(item({ type: 'decimal', scale: 0 }), '1.5'))).toBe(
      P.TOO_MANY_DECIMALS,
    );
    expect(message(validateItem(item({ type: 'decimal', min: 1 }), '0'))).toBe(
      '测试项：不得小于1（must be at least 1）',
    );
  });

  it('integer: whole numbers within bounds', () => {
    check(
      item({ type: 'integer', min: 1, max: 1000000 }),
      [
        ['25', '25'],
        ['0025', '25'],
        ['1,000', '1000'],
        ['１０', '10'],
        ['1000000', '1000000'],
      ],
      [
        ['0', P.OUT_OF_RANGE],
        ['1000001', P.OUT_OF_RANGE],
        ['2.0', P.FORMAT],
        ['2.5', P.FORMAT],
        ['12a', P.FORMAT],
        ['99999999999999999999999', P.OUT_OF_RANGE],
      ],
    );
  });

  it('date: a real date, normalized to YYYY-MM-DD', () => {
    check(
      item({ type: 'date' }),
      [
        ['2026-01-05', '2026-01-05'],
        ['2026/1/5', '2026-01-05'],
        ['2026.1.5', '2026-01-05'],
        ['2026年1月5日', '2026-01-05'],
        ['2026 年 1 月 5 日', '2026-01-05'],
        ['20260105', '2026-01-05'],
        ['２０２６－０１－０５', '2026-01-05'],
        ['2024-02-29', '2024-02-29'],
      ],
      [
        ['2026-02-29', P.INVALID_DATE],
        ['2026-13-01', P.INVALID_DATE],
        ['1899-12-31', P.INVALID_DATE],
        ['2026/1-5', P.FORMAT],
        ['26-1-5', P.FORMAT],
        ['2026-01-05T10:00', P.FORMAT],
        ['明年', P.FORMAT],
      ],
    );
  });

  const category = item({
    type: 'code',
    codes: { APPROVAL: '审批（政府投资）', VERIFICATION: '核准', FILING: '备案' },
  });
  const insurance = item({
    type: 'codes',
    codes: { PENSION: '养老', UNEMPLOYMENT: '失业', WORK_INJURY: '工伤' },
  });

  it('code: one key of the table', () => {
    check(
      category,
      [
        ['FILING', 'FILING'],
        [' filing ', 'FILING'],
      ],
      [
        ['备案', P.UNKNOWN_CODE],
        ['FILING,APPROVAL', P.UNKNOWN_CODE],
        ['CONSTRUCTOR', P.UNKNOWN_CODE],
        ['constructor', P.UNKNOWN_CODE],
      ],
    );
    expect(message(validateItem(category, 'X'))).toBe(
      '测试项：不是可选的值（可选：APPROVAL 审批（政府投资）、VERIFICATION 核准、FILING 备案）（must be one of APPROVAL, VERIFICATION, FILING）',
    );
  });

  it('codes: keys of the table, each once, in catalogue order', () => {
    check(
      insurance,
      [
        ['WORK_INJURY,PENSION', 'PENSION,WORK_INJURY'],
        ['pension，unemployment', 'PENSION,UNEMPLOYMENT'],
        ['WORK_INJURY、UNEMPLOYMENT、PENSION', 'PENSION,UNEMPLOYMENT,WORK_INJURY'],
        ['PENSION,', 'PENSION'],
      ],
      [
        ['PENSION,PENSION', P.DUPLICATE_CODE],
        ['pension,PENSION', P.DUPLICATE_CODE],
        ['PENSION,MEDICAL', P.UNKNOWN_CODE],
        [' , ', P.EMPTY],
      ],
    );
  });

  it('bankAccount: 8 to 32 digits once spaces are gone', () => {
    check(
      item({ type: 'bankAccount' }),
      [
        ['6222 0212 3456 7890 123', '6222021234567890123'],
        ['12345678', '12345678'],
        ['1'.repeat(32), '1'.repeat(32)],
      ],
      [
        ['1234567', P.FORMAT],
        ['1'.repeat(33), P.FORMAT],
        ['6222-0212-3456', P.FORMAT],
        ['6222O212', P.FORMAT],
      ],
    );
  });

  it('never echoes the value of a personal item', () => {
    const personal = (['residentId', 'mobile', 'phone', 'bankAccount', 'date', 'integer'] as const)
      .map((type) => item({ type, personal: true, min: 1, max: 9 }))
      .concat([item({ type: 'text', personal: true, maxLength: 8 })]);
    fc.assert(
      fc.property(
        fc.constantFrom(...personal),
        fc.stringMatching(/^[0-9Xx -]{8,24}$/),
        (subject, raw) => {
          const result = validateItem(subject, raw, { now: NOW });
          if (result.ok) return;
          const digits = raw.replace(/\D/g, '');
          expect(result.message).not.toContain(raw.trim());
          if (digits.length >= 8) expect(result.message).not.toContain(digits);
        },
      ),
      { numRuns: 500 },
    );
  });
});
