import fc from 'fast-check';
import { SourceError, SourceErrorCode } from './source-error';
import {
  IDEMPOTENCY_KEY_PATTERN,
  SubmissionItems,
  shiftDecimal,
  type DepartmentSubmission,
} from './submission';

const submission = (overrides: Partial<DepartmentSubmission> = {}): DepartmentSubmission => ({
  idempotencyKey: '0f8e6b9e-6b1a-4f7e-9a57-2d3c1e5b7a10',
  applicationId: '6f1c2a9e-3b7d-4c55-9a0e-2d8b7f41c0aa',
  applicationNo: 'OG-20261125-000123',
  procedure: 'TAX_INFO_CONFIRMATION',
  submittedAt: new Date('2026-11-25T01:30:00Z'),
  items: {},
  ...overrides,
});

const itemsOf = (items: Record<string, string>) =>
  SubmissionItems.of('tax', submission({ items }), ['TAX_INFO_CONFIRMATION']);

describe('SubmissionItems', () => {
  it('takes only the procedures the department handles', () => {
    expect(() =>
      SubmissionItems.of('tax', submission({ procedure: 'SI_UNIT_REGISTRATION' }), [
        'TAX_INFO_CONFIRMATION',
      ]),
    ).toThrow(RangeError);
  });

  it.each([
    ['an idempotency key too short', { idempotencyKey: 'abc' }],
    ['an idempotency key with a space', { idempotencyKey: 'key with space 1' }],
    ['no application number', { applicationNo: '' }],
    ['an application number with a space', { applicationNo: 'OG 1' }],
    ['an invalid time', { submittedAt: new Date(Number.NaN) }],
  ])('refuses %s before any request', (_what, overrides) => {
    expect(() =>
      SubmissionItems.of('tax', submission(overrides), ['TAX_INFO_CONFIRMATION']),
    ).toThrow(RangeError);
  });

  it('reads text, refusing a missing, blank or too long one, naming the item and never the value', () => {
    const items = itemsOf({
      'applicant.name': '长兴县恒达家居有限公司',
      blank: '  ',
      long: '字'.repeat(51),
    });
    expect(items.text('applicant.name', 200)).toBe('长兴县恒达家居有限公司');
    expect(() => items.text('applicant.address', 200)).toThrow(
      'tax: item applicant.address is required',
    );
    expect(() => items.text('blank', 200)).toThrow('item blank is blank');
    expect(() => items.text('long', 50)).toThrow('item long is longer than 50 characters');
    // Characters, not UTF-16 units: an astral character counts once.
    expect(itemsOf({ name: '𠮷'.repeat(50) }).text('name', 50)).toHaveLength(100);
    try {
      items.text('long', 50);
    } catch (error) {
      expect((error as Error).message).not.toContain('字');
    }
  });

  it('treats an empty optional item as absent', () => {
    const items = itemsOf({ 'applicant.phone': '' });
    expect(items.optionalText('applicant.phone', 30)).toBeNull();
    expect(items.optionalText('project.code', 30)).toBeNull();
    expect(() => items.text('applicant.phone', 30)).toThrow(RangeError);
  });

  it('reads dates that exist', () => {
    const items = itemsOf({ a: '2028-02-29', b: '2027-02-29', c: '2027-3-1' });
    expect(items.date('a')).toEqual({ year: '2028', month: '02', day: '29' });
    expect(() => items.date('b')).toThrow('is not a YYYY-MM-DD date');
    expect(() => items.date('c')).toThrow(RangeError);
  });

  it('reads decimals in plain notation within their scale and range', () => {
    const items = itemsOf({ a: '12000.50', b: '0.125', c: '1e3', d: '-1', e: '100000000.01' });
    const limits = { scale: 2, min: 0, max: 100_000_000 };
    expect(items.decimal('a', limits)).toBe('12000.50');
    expect(() => items.decimal('b', limits)).toThrow('has more than 2 decimal places');
    expect(() => items.decimal('c', limits)).toThrow('is not a decimal number');
    expect(() => items.decimal('d', limits)).toThrow('is not a decimal number');
    expect(() => items.decimal('e', limits)).toThrow('is outside 0–100000000');
    expect(items.optionalDecimal('absent', limits)).toBeNull();
  });

  it('reads whole numbers within range', () => {
    const items = itemsOf({ a: '12', b: '0', c: '1.5' });
    expect(items.integer('a', 1, 1_000_000)).toBe(12);
    expect(() => items.integer('b', 1, 1_000_000)).toThrow('is outside 1–1000000');
    expect(() => items.integer('c', 1, 1_000_000)).toThrow('is not a whole number');
  });

  it('maps codes and lists of codes to the department’s own', () => {
    const table = { PENSION: '110', UNEMPLOYMENT: '210', WORK_INJURY: '410' };
    const items = itemsOf({
      one: 'PENSION',
      list: 'WORK_INJURY,PENSION',
      twice: 'PENSION,PENSION',
      other: 'MEDICAL',
      proto: 'constructor',
    });
    expect(items.code('one', table)).toBe('110');
    expect(items.codes('list', table)).toEqual(['410', '110']);
    expect(() => items.codes('twice', table)).toThrow('lists a code twice');
    expect(() => items.code('other', table)).toThrow(
      'is not one of PENSION, UNEMPLOYMENT, WORK_INJURY',
    );
    expect(() => items.code('proto', table)).toThrow(RangeError);
  });

  it('checks a value against the department’s format for it', () => {
    const items = itemsOf({ mobile: '13957212345', bad: '0572-6012345' });
    expect(items.matching('mobile', /^1\d{10}$/, 'a mobile number')).toBe('13957212345');
    expect(() => items.matching('bad', /^1\d{10}$/, 'a mobile number')).toThrow(
      'item bad is not a mobile number',
    );
    expect(items.optionalMatching('absent', /^1\d{10}$/, 'a mobile number')).toBeNull();
  });
});

describe('IDEMPOTENCY_KEY_PATTERN', () => {
  it.each(['0f8e6b9e-6b1a-4f7e-9a57-2d3c1e5b7a10', 'OG-20261125-000123:tax:1', 'a_b.c:d-e'])(
    'allows %s',
    (key) => expect(IDEMPOTENCY_KEY_PATTERN.test(key)).toBe(true),
  );
  it.each(['short', 'with space 123', 'x'.repeat(129), 'ключ-12345'])('refuses %s', (key) =>
    expect(IDEMPOTENCY_KEY_PATTERN.test(key)).toBe(false),
  );
});

describe('shiftDecimal', () => {
  it.each([
    ['35759.91', -4, '3.575991'],
    ['10000', -4, '1'],
    ['1', -4, '0.0001'],
    ['0', -4, '0'],
    ['0.05', -4, '0.000005'],
    ['3.575991', 4, '35759.91'],
    ['12', 2, '1200'],
  ])('%s × 10^%d = %s', (value, exponent, expected) => {
    expect(shiftDecimal(value, exponent)).toBe(expected);
  });

  it('is exact where binary floating point is not: m² → 公顷 → m² gives the value back', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 100_000_000_000n }),
        fc.integer({ min: 0, max: 2 }),
        (cents, scale) => {
          const digits = cents.toString().padStart(scale + 1, '0');
          const value = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
          const back = shiftDecimal(shiftDecimal(value, -4), 4);
          expect(Number(back)).toBe(Number(value));
        },
      ),
    );
  });
});

describe('SourceError.rejected', () => {
  it('is a final refusal naming the department, its code and reason', () => {
    const error = SourceError.rejected('land-planning', '4220', 'the content fails its checks');
    expect(error).toMatchObject({
      code: SourceErrorCode.SOURCE_REJECTED,
      source: 'land-planning',
      departmentCode: '4220',
      message: 'land-planning rejected the submission (4220): the content fails its checks',
    });
    expect(SourceError.unavailable('tax', 'down').departmentCode).toBeUndefined();
  });
});
