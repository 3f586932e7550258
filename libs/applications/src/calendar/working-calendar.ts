import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { ApplicationsError, ApplicationsErrorCode } from '../applications.errors';
import { TIME_LIMIT_UNITS, type TimeLimitUnit } from '../catalogue/procedure-catalogue.schema';
import { deepFreeze } from '../deep-freeze';
import { findRepositoryFile } from '../repository-file';
import { describeSchemaError } from '../schema-errors';
import {
  assertValidInstant,
  dayOf,
  dayOfInstant,
  formatDay,
  parseChinaDate,
  startOfDay,
  weekdayOf,
  yearOf,
  type ChinaDate,
} from './china-date';
import { WORKING_CALENDAR_SCHEMA } from './working-calendar.schema';

/** 国务院办公厅关于某年部分节假日安排的通知: the notice a year's arrangement comes from. */
export interface HolidayNotice {
  /** 文号, e.g. 国办发明电〔2024〕12号. */
  readonly number: string;
  readonly title: string;
  /** Date of issue, YYYY-MM-DD. */
  readonly issued: ChinaDate;
}

/** 放假: consecutive days off, inclusive, as the notice states them ("共8天"). */
export interface HolidayPeriod {
  readonly name: string;
  readonly from: ChinaDate;
  readonly to: ChinaDate;
  readonly days: number;
}

/** 调休上班: a Saturday or Sunday that is a working day, and the holiday it pays for. */
export interface AdjustedWorkingDay {
  readonly date: ChinaDate;
  readonly for: string;
}

export interface CalendarYear {
  readonly year: number;
  readonly notice: HolidayNotice;
  readonly holidays: readonly HolidayPeriod[];
  readonly workingDays: readonly AdjustedWorkingDay[];
}

/**
 * An interval `[start, end)` that does not count towards a time limit: 补正
 * (the application returned to the applicant for correction), and the 听证、
 * 检验、检测、鉴定、专家评审 of 行政许可法 第四十五条. A day any part of which lies
 * in a pause does not count.
 */
export interface Pause {
  readonly start: Date;
  readonly end: Date;
}

/** When a time limit runs out. */
export interface DueDate {
  /** The last day of the limit, a China date. */
  readonly date: ChinaDate;
  /** The instant it runs out: 24:00 China time at the end of `date`. Later is late. */
  readonly deadline: Date;
  /**
   * False if a day from the day of receipt to `date` lies in a year the
   * calendar file does not cover: those days were taken as Monday–Friday
   * working days, and the date should be shown as provisional.
   */
  readonly covered: boolean;
}

const validateShape = new Ajv({ allErrors: true }).compile<{ years: CalendarYear[] }>(
  WORKING_CALENDAR_SCHEMA,
);

/** Longest time limit counted: a hundred years of days keeps a typo from looping for minutes. */
const MAX_DAYS = 36_500;

/** [first, last] day numbers, inclusive. */
type DayRange = readonly [number, number];

function checkYears(years: readonly CalendarYear[]): string[] {
  const problems: string[] = [];
  const seenYears = new Set<number>();
  const takenBy = new Map<number, string>();
  years.forEach((entry, y) => {
    const where = `years/${y} (${entry.year})`;
    if (seenYears.has(entry.year)) problems.push(`${where}: year is declared twice`);
    seenYears.add(entry.year);
    if (parseChinaDate(entry.notice.issued) === null)
      problems.push(`${where}: notice.issued ${entry.notice.issued} is not a real date`);
    const near = (day: number) => Math.abs(yearOf(day) - entry.year) <= 1;
    const names = new Set(entry.holidays.map((holiday) => holiday.name));
    entry.holidays.forEach((holiday, h) => {
      const at = `${where}: holidays/${h} (${holiday.name})`;
      const from = parseChinaDate(holiday.from);
      const to = parseChinaDate(holiday.to);
      if (from === null || to === null) {
        problems.push(`${at}: ${from === null ? holiday.from : holiday.to} is not a real date`);
        return;
      }
      if (to < from) {
        problems.push(`${at}: ends ${holiday.to} before it starts ${holiday.from}`);
        return;
      }
      if (to - from + 1 !== holiday.days)
        problems.push(
          `${at}: ${holiday.from} to ${holiday.to} is ${to - from + 1} days, not ${holiday.days}`,
        );
      if (!near(from) || !near(to)) problems.push(`${at}: lies outside ${entry.year}`);
      for (let day = from; day <= to; day++) {
        const other = takenBy.get(day);
        if (other !== undefined) problems.push(`${at}: ${formatDay(day)} is also in ${other}`);
        takenBy.set(day, `${entry.year} ${holiday.name}`);
      }
    });
    entry.workingDays.forEach((working, w) => {
      const at = `${where}: workingDays/${w} (${working.date})`;
      const day = parseChinaDate(working.date);
      if (day === null) {
        problems.push(`${at}: not a real date`);
        return;
      }
      const weekday = weekdayOf(day);
      if (weekday !== 0 && weekday !== 6)
        problems.push(
          `${at}: is not a Saturday or Sunday (an adjusted working day, 调休上班, replaces a weekend day)`,
        );
      if (!near(day)) problems.push(`${at}: lies outside ${entry.year}`);
      if (!names.has(working.for))
        problems.push(`${at}: is for ${working.for}, which is not a holiday of ${entry.year}`);
      const other = takenBy.get(day);
      if (other !== undefined) problems.push(`${at}: is also a day off (${other})`);
      takenBy.set(day, `${entry.year} working day for ${working.for}`);
    });
  });
  return problems;
}

function pausedRanges(pauses: readonly Pause[]): DayRange[] {
  const ranges: DayRange[] = [];
  for (const pause of pauses) {
    assertValidInstant(pause.start, 'pause start');
    assertValidInstant(pause.end, 'pause end');
    if (pause.end < pause.start) throw new RangeError('a pause ends before it starts');
    if (pause.end.getTime() === pause.start.getTime()) continue;
    ranges.push([dayOfInstant(pause.start), dayOfInstant(new Date(pause.end.getTime() - 1))]);
  }
  return ranges;
}

function assertDays(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) {
    throw new RangeError(`a time limit is a whole number of days from 0 to ${MAX_DAYS}, got ${n}`);
  }
}

/** The unit may come from untyped JSON: anything else would silently count as working days. */
function assertUnit(unit: TimeLimitUnit): void {
  if (!TIME_LIMIT_UNITS.includes(unit)) {
    throw new RangeError(
      `a time limit unit is one of ${TIME_LIMIT_UNITS.join(', ')}, got ${String(unit)}`,
    );
  }
}

/**
 * China's working-day calendar (工作日): Monday to Friday, less the days off
 * and plus the adjusted working days (调休上班) of the State Council's yearly
 * notice, and time-limit arithmetic on it.
 *
 * The counting rule (README "Counting a time limit"): the day of receipt does
 * not count; counting starts the next day (行政许可法 第八十二条 counts 工作日;
 * 民法典 第二百零一条: 开始的当日不计入). A day counts only if no pause touches
 * it. A calendar-day limit whose last day is not a working day ends on the
 * next working day (民法典 第二百零三条). Outside the years the file covers,
 * Monday–Friday is assumed and `covered` says so; nothing throws for a valid date.
 */
export class WorkingCalendar {
  /** Day number → working (true: 调休上班) or not (false: 放假), for the covered years. */
  private readonly exceptions: ReadonlyMap<number, boolean>;
  private readonly coveredYears: ReadonlySet<number>;

  private constructor(
    /** The years the file covers, each with its notice, days off and adjusted working days. */
    readonly years: readonly CalendarYear[],
  ) {
    const exceptions = new Map<number, boolean>();
    for (const entry of years) {
      for (const holiday of entry.holidays) {
        for (let day = dayOf(holiday.from); day <= dayOf(holiday.to); day++) {
          exceptions.set(day, false);
        }
      }
      for (const working of entry.workingDays) exceptions.set(dayOf(working.date), true);
    }
    this.exceptions = exceptions;
    this.coveredYears = new Set(years.map((entry) => entry.year));
  }

  /**
   * Checks parsed JSON (the shape, real dates, day counts, make-up days on
   * weekends, no day both off and on) and returns the calendar, or throws
   * `ApplicationsError(INVALID_CALENDAR)` listing every problem.
   */
  static parse(input: unknown): WorkingCalendar {
    if (!validateShape(input)) {
      throw new ApplicationsError(
        ApplicationsErrorCode.INVALID_CALENDAR,
        (validateShape.errors ?? []).map((error) => describeSchemaError(error, input)),
      );
    }
    const years = input.years;
    const problems = checkYears(years);
    if (problems.length > 0) {
      throw new ApplicationsError(ApplicationsErrorCode.INVALID_CALENDAR, problems);
    }
    const copy: CalendarYear[] = years.map((entry) => ({
      year: entry.year,
      notice: { ...entry.notice },
      holidays: entry.holidays.map((holiday) => ({ ...holiday })),
      workingDays: entry.workingDays.map((working) => ({ ...working })),
    }));
    return new WorkingCalendar(deepFreeze(copy.sort((a, b) => a.year - b.year)));
  }

  /** True if the file has the State Council's arrangement for this date's year. */
  covered(date: Date | ChinaDate): boolean {
    return this.coveredYears.has(yearOf(dayOf(date)));
  }

  /** Whether this China date (or the China date of this instant) is a working day. */
  isWorkingDay(date: Date | ChinaDate): boolean {
    return this.isWorkingDayNumber(dayOf(date));
  }

  /**
   * Whole working days elapsed between receipt (`from`) and `to`: working days
   * after the day of receipt that have ended by `to` and that no pause touches.
   * `workingDaysBetween(from, addWorkingDays(from, n).deadline) === n`. Zero
   * if `to` is not after `from`.
   */
  workingDaysBetween(from: Date, to: Date, pauses: readonly Pause[] = []): number {
    return this.elapsedDays(from, to, 'WORKING', pauses);
  }

  /** The due date of a limit of `n` working days from receipt at `from`. */
  addWorkingDays(from: Date, n: number, pauses: readonly Pause[] = []): DueDate {
    return this.dueDate(from, { days: n, unit: 'WORKING' }, pauses);
  }

  /**
   * The due date of a time limit from receipt at `from`: the `days`-th day
   * that counts after the day of receipt (working days, or calendar days
   * moved on to the next working day if the last one is not). `days: 0` is
   * the day of receipt itself (即办).
   */
  dueDate(
    from: Date,
    limit: { readonly days: number; readonly unit: TimeLimitUnit },
    pauses: readonly Pause[] = [],
  ): DueDate {
    assertDays(limit.days);
    assertUnit(limit.unit);
    const paused = pausedRanges(pauses);
    const received = dayOfInstant(from);
    let day = received;
    for (let counted = 0; counted < limit.days;) {
      day++;
      if (this.counts(day, limit.unit, paused)) counted++;
    }
    if (limit.unit === 'CALENDAR' && limit.days > 0) {
      while (!this.isWorkingDayNumber(day) || isPaused(day, paused)) day++;
    }
    return {
      date: formatDay(day),
      deadline: startOfDay(day + 1),
      covered: this.coversRange(received, day),
    };
  }

  /**
   * Whole days of a time limit elapsed between receipt (`from`) and `to`:
   * days after the day of receipt that have ended by `to`, that count for the
   * unit (working days, or every day) and that no pause touches.
   */
  elapsedDays(from: Date, to: Date, unit: TimeLimitUnit, pauses: readonly Pause[] = []): number {
    const paused = pausedRanges(pauses);
    const first = dayOfInstant(from) + 1;
    // A day has ended once `to` is in a later day.
    const last = dayOfInstant(to) - 1;
    let elapsed = 0;
    for (let day = first; day <= last; day++) {
      if (this.counts(day, unit, paused)) elapsed++;
    }
    return elapsed;
  }

  private isWorkingDayNumber(day: number): boolean {
    const exception = this.exceptions.get(day);
    if (exception !== undefined) return exception;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  private counts(day: number, unit: TimeLimitUnit, paused: readonly DayRange[]): boolean {
    if (isPaused(day, paused)) return false;
    return unit === 'CALENDAR' || this.isWorkingDayNumber(day);
  }

  private coversRange(first: number, last: number): boolean {
    for (let year = yearOf(first); year <= yearOf(last); year++) {
      if (!this.coveredYears.has(year)) return false;
    }
    return true;
  }
}

function isPaused(day: number, paused: readonly DayRange[]): boolean {
  return paused.some(([first, last]) => day >= first && day <= last);
}

/** See `WorkingCalendar.parse`. */
export function parseWorkingCalendar(input: unknown): WorkingCalendar {
  return WorkingCalendar.parse(input);
}

/**
 * Reads and checks `contracts/working-calendar.json` (found by walking up
 * from this module) or the file given. Problems are reported with the file's path.
 */
export function loadWorkingCalendar(
  file: string = findRepositoryFile('contracts/working-calendar.json'),
): WorkingCalendar {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ApplicationsError(ApplicationsErrorCode.INVALID_CALENDAR, [
      `${file}: not valid JSON (${error.message})`,
    ]);
  }
  try {
    return WorkingCalendar.parse(json);
  } catch (error) {
    if (!(error instanceof ApplicationsError)) throw error;
    throw new ApplicationsError(
      error.code,
      error.problems.map((problem) => `${file}: ${problem}`),
    );
  }
}
