import type { DepartmentId } from './department';

/**
 * One application's part for one department, in OnceGate's neutral form: the
 * delivery worker hands it to the department's adapter, which maps it to the
 * department's own wire format (its field names, codes, date format,
 * envelope). Each department receives only the items its procedure needs.
 */
export interface DepartmentSubmission {
  /**
   * What the department deduplicates on: delivering the same key again (a
   * retry after a timeout, a second worker) is the same submission, answered
   * with the same receipt, never a second case.
   */
  readonly idempotencyKey: string;
  /** OnceGate's application id (UUID) and its public number (e.g. OG-20261125-000123). */
  readonly applicationId: string;
  readonly applicationNo: string;
  /** Procedure code from `contracts/procedures.json`, e.g. `TAX_INFO_CONFIRMATION`. */
  readonly procedure: string;
  readonly submittedAt: Date;
  /**
   * Item id → value, for the items of this procedure the applicant gave or
   * OnceGate prefilled (ids from the catalogue, e.g. `applicant.uscc`,
   * `project.totalInvestment`). Values are text: numbers in decimal notation,
   * dates as YYYY-MM-DD, lists comma-separated codes.
   */
  readonly items: Readonly<Record<string, string>>;
}

/** The department's acknowledgement of a submission (受理回执). */
export interface SubmissionReceipt {
  /** The department's own case number for it. */
  readonly receiptNo: string;
  readonly receivedAt: Date;
  /** True when the department had already received this idempotency key. */
  readonly duplicate: boolean;
}

/**
 * What an idempotency key may look like: every department carries it as it
 * is (an `Idempotency-Key` header, the tax system's 请求流水号 `QQLSH`), and
 * every contract allows exactly this: a UUID, or e.g. `OG-20261125-000123:tax:1`.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** OnceGate's application number as the departments record it (their 外部业务编号 fields hold 50). */
const APPLICATION_NO = /^[\x21-\x7e]{1,50}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^\d{1,15}(?:\.(\d{1,15}))?$/;
const INTEGER = /^\d{1,15}$/;

/**
 * A submission's items as one department's mapper reads them, strictly: the
 * procedure must be one the department handles, a required item must be
 * there, and every value must have its catalogue type and fit the
 * department's contract — otherwise the request could not be built without
 * breaking the contract. Those are RangeErrors, thrown before any request:
 * the caller checked the form against the catalogue, so one means a bug, not
 * an answer of the department. Messages name the item, never its value.
 * Items the mapper does not ask for are never sent.
 */
export class SubmissionItems {
  private constructor(
    private readonly source: DepartmentId,
    private readonly submission: DepartmentSubmission,
  ) {}

  /**
   * The reader for `submission`, after checking what every department needs
   * whatever the procedure: a procedure of `procedures`, an idempotency key
   * of `IDEMPOTENCY_KEY_PATTERN`, an application number, a valid time.
   */
  static of(
    source: DepartmentId,
    submission: DepartmentSubmission,
    procedures: readonly string[],
  ): SubmissionItems {
    if (!procedures.includes(submission.procedure)) {
      throw new RangeError(
        `${source}: takes submissions of ${procedures.join(', ')}, not of this procedure`,
      );
    }
    if (!IDEMPOTENCY_KEY_PATTERN.test(submission.idempotencyKey)) {
      throw new RangeError(`${source}: the idempotency key must be 8–128 of A-Z a-z 0-9 _ . : -`);
    }
    if (!APPLICATION_NO.test(submission.applicationNo)) {
      throw new RangeError(
        `${source}: the application number must be 1–50 visible ASCII characters`,
      );
    }
    if (
      !(submission.submittedAt instanceof Date) ||
      Number.isNaN(submission.submittedAt.getTime())
    ) {
      throw new RangeError(`${source}: submittedAt is not a valid time`);
    }
    return new SubmissionItems(source, submission);
  }

  get procedure(): string {
    return this.submission.procedure;
  }

  private fail(id: string, why: string): never {
    throw new RangeError(`${this.source}: item ${id} ${why}`);
  }

  private raw(id: string): string | null {
    const items = this.submission.items;
    if (!Object.hasOwn(items, id)) return null;
    const value = items[id];
    if (typeof value !== 'string') this.fail(id, 'is not text');
    return value === '' ? null : value;
  }

  /** A required item's text, 1–`maxLength` characters (code points), not blank. */
  text(id: string, maxLength: number): string {
    const value = this.optionalText(id, maxLength);
    if (value === null) this.fail(id, 'is required');
    return value;
  }

  /** An optional item's text, or null when absent or empty. */
  optionalText(id: string, maxLength: number): string | null {
    const value = this.raw(id);
    if (value === null) return null;
    if (value.trim() === '') this.fail(id, 'is blank');
    if ([...value].length > maxLength) this.fail(id, `is longer than ${maxLength} characters`);
    return value;
  }

  /** A required item that must match `pattern` (the department's format for it). */
  matching(id: string, pattern: RegExp, what: string): string {
    const value = this.optionalMatching(id, pattern, what);
    if (value === null) this.fail(id, 'is required');
    return value;
  }

  optionalMatching(id: string, pattern: RegExp, what: string): string | null {
    const value = this.raw(id);
    if (value !== null && !pattern.test(value)) this.fail(id, `is not ${what}`);
    return value;
  }

  /** A required date, `YYYY-MM-DD`, that exists. */
  date(id: string): { year: string; month: string; day: string } {
    const value = this.raw(id);
    if (value === null) this.fail(id, 'is required');
    const m = DATE.exec(value);
    const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !at || at.toISOString().slice(0, 10) !== value)
      this.fail(id, 'is not a YYYY-MM-DD date');
    return { year: m[1], month: m[2], day: m[3] };
  }

  /** A required decimal in plain notation, at most `scale` fraction digits, within [min, max]. */
  decimal(id: string, limits: { scale: number; min: number; max: number }): string {
    const value = this.optionalDecimal(id, limits);
    if (value === null) this.fail(id, 'is required');
    return value;
  }

  optionalDecimal(id: string, limits: { scale: number; min: number; max: number }): string | null {
    const value = this.raw(id);
    if (value === null) return null;
    const m = DECIMAL.exec(value);
    if (!m) this.fail(id, 'is not a decimal number');
    if ((m[1] ?? '').length > limits.scale) {
      this.fail(id, `has more than ${limits.scale} decimal places`);
    }
    const n = Number(value);
    if (n < limits.min || n > limits.max) this.fail(id, `is outside ${limits.min}–${limits.max}`);
    return value;
  }

  /** A required whole number within [min, max]. */
  integer(id: string, min: number, max: number): number {
    const value = this.raw(id);
    if (value === null) this.fail(id, 'is required');
    if (!INTEGER.test(value)) this.fail(id, 'is not a whole number');
    const n = Number(value);
    if (n < min || n > max) this.fail(id, `is outside ${min}–${max}`);
    return n;
  }

  /** A required code of the catalogue, as the department codes it (`table`: ours → theirs). */
  code<T>(id: string, table: Readonly<Record<string, T>>): T {
    const value = this.raw(id);
    if (value === null) this.fail(id, 'is required');
    if (!Object.hasOwn(table, value))
      this.fail(id, `is not one of ${Object.keys(table).join(', ')}`);
    return table[value];
  }

  /** A required list of codes (comma-separated, each once), as the department codes them. */
  codes<T>(id: string, table: Readonly<Record<string, T>>): T[] {
    const value = this.raw(id);
    if (value === null) this.fail(id, 'is required');
    const codes = value.split(',');
    if (new Set(codes).size !== codes.length) this.fail(id, 'lists a code twice');
    return codes.map((code) => {
      if (!Object.hasOwn(table, code)) {
        this.fail(id, `holds a code that is not one of ${Object.keys(table).join(', ')}`);
      }
      return table[code];
    });
  }
}

/**
 * A decimal text times 10^`exponent`, exactly (no binary floating point on
 * the way): `shiftDecimal('35759.91', -4)` is `'3.575991'` (m² → 公顷).
 */
export function shiftDecimal(value: string, exponent: number): string {
  const m = DECIMAL.exec(value);
  if (!m) throw new RangeError('not a decimal number');
  const [whole, fraction = ''] = value.split('.');
  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(point).replace(/0+$/, '');
  return fracPart === '' ? intPart : `${intPart}.${fracPart}`;
}
