import type { Random } from '@oncegate/demo';

/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC), so dates can be
 * drawn and offset without time zones getting in the way.
 */
const MS_PER_DAY = 86_400_000;

export function dayOfDate(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `yyyy-MM-dd` */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** `yyyy-MM-dd` or `yyyy年MM月dd日` (the form the demo's registry records carry) as a day, or null. */
export function parseDay(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})(?:-|年)(\d{2})(?:-|月)(\d{2})日?$/.exec(text);
  return m ? dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayFromYmd(year, month + 1, Math.min(date.getUTCDate(), lastOfMonth));
}

/** A day in [from, to]; `from` when the range is empty. */
export function dayBetween(rng: Random, from: number, to: number): number {
  return to <= from ? from : rng.int(from, to);
}

/** 登簿时间 `yyyy-MM-dd HH:mm:ss`, China time, within office hours (08:30–17:30). */
export function officeTimestamp(rng: Random, day: number): string {
  const second = rng.int(8 * 3600 + 1800, 17 * 3600 + 1800);
  const hh = String(Math.floor(second / 3600)).padStart(2, '0');
  const mm = String(Math.floor((second % 3600) / 60)).padStart(2, '0');
  const ss = String(second % 60).padStart(2, '0');
  return `${isoDay(day)} ${hh}:${mm}:${ss}`;
}
