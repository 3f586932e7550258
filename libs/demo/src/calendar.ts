/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC), so dates can be
 * drawn, compared and offset without time zones getting in the way.
 */
const MS_PER_DAY = 86_400_000;

export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Whole days a `Date` can hold either side of 1970 (±100,000,000 days). */
const DATE_RANGE_DAYS = 100_000_000;

export function yearOf(day: number): number {
  if (!Number.isSafeInteger(day) || Math.abs(day) > DATE_RANGE_DAYS) {
    return new Date(day * MS_PER_DAY).getUTCFullYear();
  }
  // The proleptic Gregorian calendar of `Date`, in integer arithmetic (H. Hinnant's
  // civil_from_days): called millions of times in a big run, where a `Date` each was slow.
  const shifted = day + 719_468; // days since 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  return yearOfEra + era * 400 + (monthFromMarch >= 10 ? 1 : 0);
}

/**
 * The date strings of the days seen so far, by format: a big run prints the
 * same few tens of thousands of days millions of times, and keeping one string
 * per day saves both the formatting and the memory of the copies.
 */
const DAY_STRINGS_KEPT = 100_000;
const isoDays = new Map<number, string>();
const compactDays = new Map<number, string>();
const chineseDays = new Map<number, string>();

function dayString(cache: Map<number, string>, day: number, format: (day: number) => string) {
  let text = cache.get(day);
  if (text === undefined) {
    text = format(day);
    if (cache.size < DAY_STRINGS_KEPT) cache.set(day, text);
  }
  return text;
}

/** `YYYY-MM-DD` */
export function isoDay(day: number): string {
  return dayString(isoDays, day, (d) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10));
}

/** `yyyyMMdd`, the compact form many department systems store. */
export function compactDay(day: number): string {
  return dayString(compactDays, day, (d) => isoDay(d).replace(/-/g, ''));
}

/** `YYYY年MM月DD日`, the form printed on certificates. */
export function chineseDay(day: number): string {
  return dayString(chineseDays, day, (d) => {
    const [y, m, dd] = isoDay(d).split('-');
    return `${y}年${m}月${dd}日`;
  });
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayFromYmd(year, month + 1, Math.min(date.getUTCDate(), lastOfMonth));
}

/** Whole years between `birthDay` and `day`. */
export function ageOn(birthDay: number, day: number): number {
  let age = yearOf(day) - yearOf(birthDay);
  if (addYears(birthDay, age) > day) age -= 1;
  return age;
}

export function instantOf(day: number, secondOfDay: number): Date {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000);
}
