import type { RecordChange } from '../shared';
import { ChangeIndex } from '../shared/change-index';
import type {
  SocialInsuranceData,
  SocialInsuranceEmployerRecord,
  SocialInsurancePersonRecord,
} from './social-insurance.records';

/** The contract's largest `page_size` of the change feed (变更记录). */
export const SOCIAL_INSURANCE_MAX_PAGE_SIZE = 500;
/** The contract's `page_size` when none is given. */
export const SOCIAL_INSURANCE_DEFAULT_PAGE_SIZE = 100;

/** The system writes times in 北京时间 (UTC+8, no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DATE_TIME_14 = /^\d{14}$/;
const MIDNIGHT = '000000';
/** For a registration without any line (off the contract): the start of the feed. */
const EPOCH_TIME = '19700101080000';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * A time as the system writes it: `yyyyMMddHHmmss` in 北京时间, to the second
 * (milliseconds are dropped, not rounded, so a change never lands later than
 * it happened). Throws a `RangeError` for an invalid date or a year outside
 * 1000–9999, which the 14-character form cannot hold.
 */
export function socialInsuranceTime(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('not a valid time');
  const local = new Date(Math.floor(ms / 1000) * 1000 + BEIJING_OFFSET_MS);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new RangeError('a year the system cannot write');
  return (
    pad(year, 4) +
    pad(local.getUTCMonth() + 1, 2) +
    pad(local.getUTCDate(), 2) +
    pad(local.getUTCHours(), 2) +
    pad(local.getUTCMinutes(), 2) +
    pad(local.getUTCSeconds(), 2)
  );
}

/** `yyyyMMddHHmmss` (北京时间) → the instant; undefined unless it names a real second. */
export function parseSocialInsuranceTime(text: string): Date | undefined {
  if (!DATE_TIME_14.test(text)) return undefined;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) =>
    Number(text.slice(at, at + (i === 0 ? 4 : 2))),
  );
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
  const date = new Date(ms);
  // Date.UTC rolls 31 February over into March; the text must say what it means.
  return socialInsuranceTime(date) === text ? date : undefined;
}

/**
 * A record's place in the feed: its `updated_at`, or, on a record from
 * before the system kept one (hand-made data, an older export), the day it
 * was registered at midnight — the unit's `registered_at`, the person's
 * earliest `first_insured_date` — so every record has a place.
 */
export function employerUpdatedAt(record: SocialInsuranceEmployerRecord): string {
  return record.updated_at ?? record.registered_at + MIDNIGHT;
}

export function personUpdatedAt(record: SocialInsurancePersonRecord): string {
  if (record.updated_at !== undefined) return record.updated_at;
  let first: string | undefined;
  for (const line of record.lines)
    if (first === undefined || line.first_insured_date < first) first = line.first_insured_date;
  return first === undefined ? EPOCH_TIME : first + MIDNIGHT;
}

/** One record in the feed's order. */
export type SocialInsuranceFeedEntry =
  | FeedEntryOf<'employer', SocialInsuranceEmployerRecord>
  | FeedEntryOf<'person', SocialInsurancePersonRecord>;

interface FeedEntryOf<K extends string, R> {
  readonly kind: K;
  readonly record: R;
  /** `record_no`: `unit_no` or `personal_no`. */
  readonly recordNo: string;
  /** `updated_at` as filed. */
  updatedAt: string;
}

export interface SocialInsuranceFeedCursor {
  /** `yyyyMMddHHmmss` of the last record read. */
  readonly updatedAt: string;
  /** `record_no` of the last record read. */
  readonly recordNo: string;
}

export interface SocialInsuranceFeedPage {
  readonly records: readonly SocialInsuranceFeedEntry[];
  readonly hasMore: boolean;
}

/** A malformed time (hand-made data the contract check will report) sorts first rather than breaking the sort. */
function timeOf(updatedAt: string): number {
  return Number(updatedAt) || 0;
}

function entryOf(
  kind: 'employer' | 'person',
  record: SocialInsuranceEmployerRecord | SocialInsurancePersonRecord,
): SocialInsuranceFeedEntry {
  if (kind === 'employer') {
    const r = record as SocialInsuranceEmployerRecord;
    return { kind, record: r, recordNo: r.unit_no, updatedAt: employerUpdatedAt(r) };
  }
  const r = record as SocialInsurancePersonRecord;
  return { kind, record: r, recordNo: r.personal_no, updatedAt: personUpdatedAt(r) };
}

/**
 * Every unit and person record in the order of the change feed — by
 * `updated_at`, then by `record_no`, equal keys in the data's order — so that
 * a page costs a binary search and a slice at 1,000,000 records. Built at the
 * first read or lookup (see `ChangeIndex`), then kept in order: changed
 * records are re-filed when the feed is next read.
 *
 * It indexes the record objects themselves: what the lookups serve. Records
 * are re-filed by `updateSocialInsuranceRecord`; records added to the data
 * arrays are noticed (the index is rebuilt), other edits are not.
 */
export class SocialInsuranceChangeFeed {
  private readonly index: ChangeIndex<SocialInsuranceFeedEntry>;

  constructor(data: SocialInsuranceData) {
    this.index = new ChangeIndex(
      () => {
        const entries: SocialInsuranceFeedEntry[] = [];
        for (const record of data.employers) entries.push(entryOf('employer', record));
        for (const record of data.persons) entries.push(entryOf('person', record));
        return entries;
      },
      (entry) => entry.recordNo,
      (entry) => timeOf(entry.updatedAt),
      { size: () => data.employers.length + data.persons.length },
    );
  }

  /** At most `size` records strictly after the cursor (all, from the start, without one). */
  page(after: SocialInsuranceFeedCursor | null, size: number): SocialInsuranceFeedPage {
    const { records, hasMore } = this.index.page(
      after === null ? null : { time: timeOf(after.updatedAt), id: after.recordNo },
      size,
    );
    return { records, hasMore };
  }

  /** The record numbered `recordNo` (the first one, should two share a number). */
  find(recordNo: string): SocialInsuranceFeedEntry | undefined {
    return this.index.find(recordNo);
  }

  /** Files an entry of `find` where its record's `updated_at` now puts it, at the next read. */
  refile(entry: SocialInsuranceFeedEntry): void {
    entry.updatedAt =
      entry.kind === 'employer' ? employerUpdatedAt(entry.record) : personUpdatedAt(entry.record);
    this.index.touched(entry);
  }
}

/**
 * One feed per pair of record arrays, shared by every simulator serving them
 * and by `updateSocialInsuranceRecord`: keyed by the arrays rather than the
 * data object, so `{ employers, persons }` rebuilt around the same arrays
 * (e.g. from a `GeneratedSocialInsuranceData`) is the same system.
 */
const feeds = new WeakMap<
  readonly SocialInsuranceEmployerRecord[],
  WeakMap<readonly SocialInsurancePersonRecord[], SocialInsuranceChangeFeed>
>();

export function changeFeedOf(data: SocialInsuranceData): SocialInsuranceChangeFeed {
  let byPersons = feeds.get(data.employers);
  if (!byPersons) {
    byPersons = new WeakMap();
    feeds.set(data.employers, byPersons);
  }
  let feed = byPersons.get(data.persons);
  if (!feed) {
    feed = new SocialInsuranceChangeFeed(data);
    byPersons.set(data.persons, feed);
  }
  return feed;
}

/** Sets or, given '', removes an optional text field: a clerk clearing a phone number. */
function setOptional<R extends object, K extends keyof R>(record: R, key: K, value: string): void {
  if (value === '') delete record[key];
  else record[key] = value as R[K];
}

/**
 * Applies a department-side change to the record numbered `localId` (a
 * `unit_no` or `personal_no`) in `data` — the very objects a simulator
 * created with `data` serves, so its lookups answer the new values at once —
 * and stamps it `updated_at` = `change.changedAt` (北京时间, to the second), so
 * the change feed lists it again after any cursor read before that time.
 *
 * For a unit: `name` → `unit_name`, `phone` → `contact_phone`, `address` →
 * `unit_address`, `legalRepresentative` → `legal_rep`. For a person: `name`,
 * `phone` → `mobile`, `address`; a person has no legal representative, so that
 * field is ignored. An empty string clears an optional field. Returns false,
 * changing nothing, when no record has that number; throws a `RangeError` for
 * an empty name or an invalid `changedAt`.
 */
export function updateSocialInsuranceRecord(
  data: SocialInsuranceData,
  localId: string,
  change: RecordChange,
): boolean {
  const updatedAt = socialInsuranceTime(change.changedAt);
  if (change.name !== undefined && change.name.trim() === '')
    throw new RangeError('a record needs a name');
  const feed = changeFeedOf(data);
  const entry = feed.find(localId);
  if (!entry) return false;
  if (entry.kind === 'employer') {
    const record = entry.record;
    if (change.name !== undefined) record.unit_name = change.name;
    if (change.phone !== undefined) setOptional(record, 'contact_phone', change.phone);
    if (change.address !== undefined) setOptional(record, 'unit_address', change.address);
    if (change.legalRepresentative !== undefined)
      setOptional(record, 'legal_rep', change.legalRepresentative);
    record.updated_at = updatedAt;
  } else {
    const record = entry.record;
    if (change.name !== undefined) record.name = change.name;
    if (change.phone !== undefined) setOptional(record, 'mobile', change.phone);
    if (change.address !== undefined) setOptional(record, 'address', change.address);
    record.updated_at = updatedAt;
  }
  feed.refile(entry);
  return true;
}
