import {
  addYears,
  compactDay,
  compactMonth,
  dayFromCompact,
  dayFromIso,
  dayFromYmd,
  monthFromCompact,
  monthOfDay,
  ymdOf,
} from './social-insurance.calendar';

describe('social-insurance calendar', () => {
  it('agrees with Date for every day from 1890 to 2100', () => {
    const disagreements: number[] = [];
    for (let day = dayFromYmd(1890, 1, 1); day <= dayFromYmd(2100, 12, 31); day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const [y, m, d] = ymdOf(day);
      if (compactDay(day) !== iso.replace(/-/g, '') || Date.UTC(y, m - 1, d) / 86_400_000 !== day)
        disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it('reads and writes the system formats, refusing dates that do not exist', () => {
    expect(dayFromCompact('19920229')).toBe(dayFromYmd(1992, 2, 29));
    expect(dayFromCompact('19930229')).toBeUndefined();
    expect(dayFromCompact('20241301')).toBeUndefined();
    expect(dayFromIso('2024-03-15')).toBe(dayFromYmd(2024, 3, 15));
    expect(dayFromIso('20240315')).toBeUndefined();
    expect(compactMonth(monthOfDay(dayFromYmd(2026, 11, 1)) - 1)).toBe('202610');
    expect(monthFromCompact('202612')).toBe(2026 * 12 + 11);
    expect(monthFromCompact('202613')).toBeUndefined();
    expect(compactDay(addYears(dayFromYmd(1992, 2, 29), 1))).toBe('19930228');
  });
});
