/**
 * Days (since 1970-01-01) and months (year × 12 + month − 1) as whole
 * numbers, so the generator can draw and offset dates without time zones,
 * and their `yyyyMMdd` / `yyyyMM` forms as the social-insurance system writes
 * them. Plain arithmetic (H. Hinnant's civil-day algorithms) rather than
 * `Date` objects: the generator converts millions of dates for a
 * benchmark-sized population.
 */
const MS_PER_DAY = 86_400_000;

export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function dayFromYmd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** [year, month 1–12, day 1–31] of a day. */
export function ymdOf(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `yyyyMMdd` → day; undefined when it is not a real date. */
export function dayFromCompact(text: string | undefined): number | undefined {
  if (!text || !/^\d{8}$/.test(text)) return undefined;
  const [y, m, d] = [+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8)];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return dayFromYmd(y, m, d);
}

/** `YYYY-MM-DD` → day; undefined when it is not one. */
export function dayFromIso(text: string | undefined): number | undefined {
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? dayFromCompact(text.replace(/-/g, ''))
    : undefined;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function compactDay(day: number): string {
  const [y, m, d] = ymdOf(day);
  return `${y}${two(m)}${two(d)}`;
}

export function monthOfDay(day: number): number {
  const [y, m] = ymdOf(day);
  return y * 12 + m - 1;
}

export function monthFromYm(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** `yyyyMM` → month; undefined when it is not one. */
export function monthFromCompact(text: string | undefined): number | undefined {
  if (!text || !/^\d{4}(0[1-9]|1[0-2])$/.test(text)) return undefined;
  return monthFromYm(+text.slice(0, 4), +text.slice(4, 6));
}

export function compactMonth(month: number): string {
  return `${Math.floor(month / 12)}${two((month % 12) + 1)}`;
}

/** The first day of a month. */
export function firstDayOfMonth(month: number): number {
  return dayFromYmd(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(day: number, years: number): number {
  const [y, m, d] = ymdOf(day);
  return dayFromYmd(y + years, m, Math.min(d, daysInMonth(y + years, m)));
}

export function yearOfDay(day: number): number {
  return ymdOf(day)[0];
}
