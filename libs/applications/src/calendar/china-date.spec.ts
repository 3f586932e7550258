import {
  dayOf,
  formatDay,
  isRealDate,
  parseChinaDate,
  startOfDay,
  toChinaDate,
  weekdayOf,
} from './china-date';

describe('China dates', () => {
  it('reads an instant at UTC+8, whatever zone the server runs in', () => {
    // 16:00 UTC is midnight in China.
    expect(toChinaDate(new Date('2026-02-14T15:59:59.999Z'))).toBe('2026-02-14');
    expect(toChinaDate(new Date('2026-02-14T16:00:00.000Z'))).toBe('2026-02-15');
    expect(toChinaDate(new Date('2026-02-15T00:30:00+08:00'))).toBe('2026-02-15');
  });

  it('round-trips dates and starts days at 00:00 China time', () => {
    for (const date of ['1970-01-01', '2024-02-29', '2025-12-31', '2026-02-15', '2100-12-31']) {
      expect(formatDay(dayOf(date))).toBe(date);
    }
    expect(startOfDay(dayOf('2026-02-15')).toISOString()).toBe('2026-02-14T16:00:00.000Z');
    expect(weekdayOf(dayOf('2026-02-15'))).toBe(0); // a Sunday
  });

  it('refuses what is not a real YYYY-MM-DD date', () => {
    expect(parseChinaDate('2026-02-29')).toBeNull();
    expect(parseChinaDate('2026-2-1')).toBeNull();
    expect(parseChinaDate('2026-13-01')).toBeNull();
    expect(() => dayOf('2026/02/01')).toThrow(RangeError);
    expect(() => dayOf(new Date(Number.NaN))).toThrow(RangeError);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(99, 12, 31)).toBe(true); // not read as 1999
  });
});
