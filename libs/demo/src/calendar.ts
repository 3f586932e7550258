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

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** `YYYY-MM-DD` */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `yyyyMMdd`, the compact form many department systems store. */
export function compactDay(day: number): string {
  return isoDay(day).replace(/-/g, '');
}

/** `YYYY年MM月DD日`, the form printed on certificates. */
export function chineseDay(day: number): string {
  const [y, m, d] = isoDay(day).split('-');
  return `${y}年${m}月${d}日`;
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
