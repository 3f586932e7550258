import { chineseDay, compactDay, dayFromYmd, isoDay, yearOf } from './calendar';

const MS_PER_DAY = 86_400_000;

describe('calendar', () => {
  it('finds the same year as Date for every day from 1600 to 2400', () => {
    for (let day = dayFromYmd(1600, 1, 1); day <= dayFromYmd(2400, 12, 31); day++) {
      const expected = new Date(day * MS_PER_DAY).getUTCFullYear();
      if (yearOf(day) !== expected) expect([day, yearOf(day)]).toEqual([day, expected]);
    }
    for (const day of [-719_468, -719_469, 2_932_896, 100_000_000, -100_000_000]) {
      expect(yearOf(day)).toBe(new Date(day * MS_PER_DAY).getUTCFullYear());
    }
    expect(yearOf(100_000_001)).toBeNaN();
  });

  it('formats days, the same string each time', () => {
    const day = dayFromYmd(1985, 6, 5);
    expect(isoDay(day)).toBe('1985-06-05');
    expect(compactDay(day)).toBe('19850605');
    expect(chineseDay(day)).toBe('1985年06月05日');
    expect(isoDay(day)).toBe('1985-06-05');
    expect(isoDay(dayFromYmd(2000, 2, 29))).toBe('2000-02-29');
    expect(isoDay(-1)).toBe('1969-12-31');
  });
});
