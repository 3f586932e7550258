/**
 * A date as written in a source record (出生日期, 成立日期, …), read leniently. The components are
 * kept even when they do not form a calendar date (month 13, 31 February): records are corrupted,
 * and a wrong day still leaves year and month as evidence.
 */
export interface LooseDate {
  year: number;
  month: number;
  day: number;
  /** True when year/month/day is a real proleptic-Gregorian date with year ≥ 1. */
  valid: boolean;
}

/**
 * How two dates agree, most to least specific. The middle levels name the usual corruption:
 * day and month swapped (a US-style or mis-keyed entry), one mis-keyed or transposed digit, one
 * wrong component, or a nearby but different date.
 */
export type DateAgreement =
  | 'EXACT'
  | 'DAY_MONTH_SWAPPED'
  | 'ONE_COMPONENT_DIFFERS'
  | 'ONE_DIGIT_DIFFERS'
  | 'WITHIN_YEAR'
  | 'DIFFERENT';

// Compiled once: the parser runs on every record of a load.
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const NON_ASCII = /[^\x20-\x7e]/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function looseDate(year: string, month: string, day: string): LooseDate {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  return { year: y, month: m, day: d, valid: isCalendarDate(y, m, d) };
}

/**
 * Reads 'YYYYMMDD', 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.MM.DD' (one separator used throughout, month
 * and day one or two digits) and 'YYYY年M月D日' (the 日 may be missing). The input is NFKC-normalized
 * first, so full-width digits and separators (２０２０－０１－０２) read like ASCII; surrounding
 * whitespace is ignored. Returns null for anything else — including a time of day after the date.
 */
export function parseLooseDate(s: string): LooseDate | null {
  let text = s.trim();
  if (NON_ASCII.test(text)) text = text.normalize('NFKC').trim();
  let m = COMPACT.exec(text);
  if (m !== null) return looseDate(m[1], m[2], m[3]);
  m = SEPARATED.exec(text);
  if (m !== null) return looseDate(m[1], m[3], m[4]);
  m = CHINESE.exec(text);
  if (m !== null) return looseDate(m[1], m[2], m[3]);
  return null;
}

/** Day number since the civil epoch (Howard Hinnant's days_from_civil), without a Date object. */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

function fitsDigits(value: number, limit: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < limit;
}

/** Digit `position` (0–7) of the YYYYMMDD rendering of a date, zero-padded. */
function digitAt(d: LooseDate, position: number): number {
  switch (position) {
    case 0:
      return Math.floor(d.year / 1000) % 10;
    case 1:
      return Math.floor(d.year / 100) % 10;
    case 2:
      return Math.floor(d.year / 10) % 10;
    case 3:
      return d.year % 10;
    case 4:
      return Math.floor(d.month / 10);
    case 5:
      return d.month % 10;
    case 6:
      return Math.floor(d.day / 10);
    default:
      return d.day % 10;
  }
}

/**
 * True when the YYYYMMDD renderings differ in exactly one digit, or by one swap of two
 * neighbouring digits. False when a component does not fit its digits (hand-built dates only;
 * the parser never produces one).
 */
function oneDigitApart(a: LooseDate, b: LooseDate): boolean {
  if (
    !fitsDigits(a.year, 10000) ||
    !fitsDigits(b.year, 10000) ||
    !fitsDigits(a.month, 100) ||
    !fitsDigits(b.month, 100) ||
    !fitsDigits(a.day, 100) ||
    !fitsDigits(b.day, 100)
  ) {
    return false;
  }
  let first = -1;
  let second = -1;
  for (let p = 0; p < 8; p++) {
    if (digitAt(a, p) === digitAt(b, p)) continue;
    if (first < 0) first = p;
    else if (second < 0) second = p;
    else return false;
  }
  if (second < 0) return first >= 0;
  return (
    second === first + 1 &&
    digitAt(a, first) === digitAt(b, second) &&
    digitAt(a, second) === digitAt(b, first)
  );
}

/**
 * Compares two dates. The checks run in this order and the first that holds wins:
 * 1. EXACT — same year, month and day (valid or not).
 * 2. DAY_MONTH_SWAPPED — same year, and a's month is b's day and a's day is b's month (so month ≠
 *    day). The year must agree: a swap plus a different year is two errors, not one.
 * 3. ONE_DIGIT_DIFFERS — the zero-padded YYYYMMDD strings differ in exactly one position, or by one
 *    swap of neighbouring digits.
 * 4. ONE_COMPONENT_DIFFERS — exactly one of year, month, day differs.
 * 5. WITHIN_YEAR — both are calendar dates at most 365 days apart.
 * 6. DIFFERENT.
 */
export function compareDates(a: LooseDate, b: LooseDate): DateAgreement {
  const sameYear = a.year === b.year;
  const sameMonth = a.month === b.month;
  const sameDay = a.day === b.day;
  if (sameYear && sameMonth && sameDay) return 'EXACT';
  if (sameYear && a.month === b.day && a.day === b.month && a.month !== a.day) {
    return 'DAY_MONTH_SWAPPED';
  }
  if (oneDigitApart(a, b)) return 'ONE_DIGIT_DIFFERS';
  if ((sameYear ? 0 : 1) + (sameMonth ? 0 : 1) + (sameDay ? 0 : 1) === 1) {
    return 'ONE_COMPONENT_DIFFERS';
  }
  if (
    a.valid &&
    b.valid &&
    Math.abs(dayNumber(a.year, a.month, a.day) - dayNumber(b.year, b.month, b.day)) <= 365
  ) {
    return 'WITHIN_YEAR';
  }
  return 'DIFFERENT';
}
