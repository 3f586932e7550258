/**
 * China dates. Time limits run in China Standard Time (Asia/Shanghai, UTC+8,
 * no daylight saving since 1991), whatever zone the server runs in: a JS
 * `Date` is an instant, and the day it falls on is read at UTC+8. Days are
 * handled as whole numbers (days since 1970-01-01 in China) so counting never
 * meets a clock.
 */

/** A calendar date in China, `YYYY-MM-DD`. */
export type ChinaDate = string;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True if year-month-day exists in the proleptic Gregorian calendar (no 30 February). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const date = utcDate(year, month, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function assertValidInstant(date: Date, name = 'date'): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`${name} is not a valid date`);
  }
}

/** The China day an instant falls on. */
export function dayOfInstant(instant: Date): number {
  assertValidInstant(instant);
  return Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** The day of a `YYYY-MM-DD` China date, or null if it is not one. */
export function parseChinaDate(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return null;
  return Math.round(utcDate(year, month, day).getTime() / DAY_MS);
}

/** Midnight UTC of year-month-day (not `Date.UTC`, which reads years 0–99 as 1900–1999). */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** A `Date` (instant, read in China) or a `YYYY-MM-DD` China date, as a day number. */
export function dayOf(date: Date | ChinaDate): number {
  if (typeof date !== 'string') return dayOfInstant(date);
  const day = parseChinaDate(date);
  if (day === null) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return day;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): ChinaDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The China date an instant falls on, `YYYY-MM-DD`. */
export function toChinaDate(instant: Date): ChinaDate {
  return formatDay(dayOfInstant(instant));
}

/** The first instant of a China day (00:00 at UTC+8). */
export function startOfDay(day: number): Date {
  return new Date(day * DAY_MS - CHINA_OFFSET_MS);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}
