import fc from 'fast-check';
import {
  compareDates,
  parseLooseDate,
  type DateAgreement,
  type LooseDate,
} from './date-comparison';

function date(s: string): LooseDate {
  const d = parseLooseDate(s);
  if (d === null) throw new Error(`test date ${s} did not parse`);
  return d;
}

describe('parseLooseDate', () => {
  it.each([
    '19900315',
    '1990-03-15',
    '1990/3/15',
    '1990/03/15',
    '1990.03.15',
    '1990年3月15日',
    '1990年03月15日',
    '1990 年 3 月 15 日',
    '1990年3月15',
    '  1990-03-15\t',
    '１９９０－０３－１５',
    '１９９０年３月１５日',
    '１９９０/３/１５',
  ])('reads %j', (s) => {
    expect(parseLooseDate(s)).toEqual({ year: 1990, month: 3, day: 15, valid: true });
  });

  it.each([
    ['20230229', { year: 2023, month: 2, day: 29 }],
    ['2024-02-30', { year: 2024, month: 2, day: 30 }],
    ['1990-13-01', { year: 1990, month: 13, day: 1 }],
    ['1990/4/31', { year: 1990, month: 4, day: 31 }],
    ['19900000', { year: 1990, month: 0, day: 0 }],
    ['0000-01-01', { year: 0, month: 1, day: 1 }],
  ])('keeps the components of the non-date %j', (s, parts) => {
    expect(parseLooseDate(s)).toEqual({ ...parts, valid: false });
  });

  it('knows the Gregorian leap years', () => {
    expect(date('2024-02-29').valid).toBe(true);
    expect(date('2000-02-29').valid).toBe(true);
    expect(date('1900-02-29').valid).toBe(false);
    expect(date('1990-12-31').valid).toBe(true);
    expect(date('1990-11-31').valid).toBe(false);
  });

  it.each([
    '',
    'unknown',
    '1990-3',
    '1990-03/15',
    '1990--03-15',
    '199003150',
    '1990315',
    '90-03-15',
    '1990-003-15',
    '1990-03-15 08:00:00',
    '1990年3月',
    '1990-0x-15',
    '١٩٩٠-٠٣-١٥',
  ])('rejects %j', (s) => {
    expect(parseLooseDate(s)).toBeNull();
  });

  it('reads back every calendar date it is given, in every format', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (d) => {
          const [y, m, day] = d.toISOString().slice(0, 10).split('-');
          const expected = { year: +y, month: +m, day: +day, valid: true };
          expect(parseLooseDate(`${y}${m}${day}`)).toEqual(expected);
          expect(parseLooseDate(`${y}.${m}.${day}`)).toEqual(expected);
          expect(parseLooseDate(`${y}/${+m}/${+day}`)).toEqual(expected);
          expect(parseLooseDate(`${y}年${+m}月${+day}日`)).toEqual(expected);
        },
      ),
    );
  });
});

describe('compareDates', () => {
  it.each<[string, string, DateAgreement]>([
    ['1990-03-15', '19900315', 'EXACT'],
    ['1990-13-45', '1990-13-45', 'EXACT'],
    ['1990-03-12', '1990-12-03', 'DAY_MONTH_SWAPPED'],
    ['1990-01-10', '1990-10-01', 'DAY_MONTH_SWAPPED'],
    ['1990-03-25', '1990-25-03', 'DAY_MONTH_SWAPPED'],
    ['1990-03-12', '1991-12-03', 'DIFFERENT'],
    ['1990-03-15', '1990-03-16', 'ONE_DIGIT_DIFFERS'],
    ['1990-03-15', '1980-03-15', 'ONE_DIGIT_DIFFERS'],
    ['1990-03-15', '1990-03-51', 'ONE_DIGIT_DIFFERS'],
    ['1990-03-15', '1909-03-15', 'ONE_DIGIT_DIFFERS'],
    ['1990-01-15', '1990-10-15', 'ONE_DIGIT_DIFFERS'],
    ['1990-03-05', '1990-30-05', 'ONE_DIGIT_DIFFERS'],
    ['1990-09-15', '1990-10-15', 'ONE_COMPONENT_DIFFERS'],
    ['1990-03-15', '1990-03-28', 'ONE_COMPONENT_DIFFERS'],
    ['1990-03-15', '2019-03-15', 'ONE_COMPONENT_DIFFERS'],
    ['1990-03-15', '1990-02-31', 'DIFFERENT'],
    ['1990-12-31', '1991-01-02', 'WITHIN_YEAR'],
    ['1990-03-15', '1991-03-14', 'WITHIN_YEAR'],
    ['1990-03-15', '1991-03-16', 'DIFFERENT'],
    ['1995-06-20', '1996-06-19', 'WITHIN_YEAR'],
    ['1991-02-28', '1992-02-29', 'DIFFERENT'],
    ['1990-12-31', '1991-13-01', 'DIFFERENT'],
    ['1990-03-15', '2003-11-02', 'DIFFERENT'],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(compareDates(date(a), date(b))).toBe(expected);
    expect(compareDates(date(b), date(a))).toBe(expected);
  });

  it('a date that cannot be rendered in 8 digits still gets the component levels', () => {
    const a: LooseDate = { year: 1990, month: 3, day: 15, valid: true };
    const b: LooseDate = { year: 1990, month: 3, day: 150, valid: false };
    expect(compareDates(a, b)).toBe('ONE_COMPONENT_DIFFERS');
  });

  const looseDate = fc
    .record({
      year: fc.integer({ min: 1900, max: 2030 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
    })
    .map((d) =>
      date(`${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`),
    );

  it('is symmetric and EXACT only on equal components', () => {
    fc.assert(
      fc.property(looseDate, looseDate, (a, b) => {
        const level = compareDates(a, b);
        expect(compareDates(b, a)).toBe(level);
        expect(level === 'EXACT').toBe(a.year === b.year && a.month === b.month && a.day === b.day);
        if (level === 'WITHIN_YEAR') expect(a.valid && b.valid).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('one changed digit or one neighbour swap of the 8 digits is ONE_DIGIT_DIFFERS at worst', () => {
    const strong: readonly DateAgreement[] = ['EXACT', 'DAY_MONTH_SWAPPED', 'ONE_DIGIT_DIFFERS'];
    fc.assert(
      fc.property(
        looseDate,
        fc.nat({ max: 7 }),
        fc.nat({ max: 9 }),
        fc.boolean(),
        (a, position, digit, swap) => {
          const s = `${a.year}${String(a.month).padStart(2, '0')}${String(a.day).padStart(2, '0')}`;
          const chars = s.split('');
          if (swap && position < 7) {
            [chars[position], chars[position + 1]] = [chars[position + 1], chars[position]];
          } else {
            chars[position] = String(digit);
          }
          const b = date(chars.join(''));
          expect(strong).toContain(compareDates(a, b));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
