import type { RecordChange } from '../shared';
import { landPlanningHolderIsPerson } from './land-planning.export';
import type {
  LandPlanningData,
  LandPlanningParcelChange,
  LandPlanningParcelRecord,
} from './land-planning.records';

/**
 * The platform's change feed (`GET /api/v2/parcels/changes`): records in
 * (更新时间 `GXSJ`, 不动产单元号 `BDCDYH`) order, and the one way to change a
 * record so that the feed sees it (`updateLandPlanningRecord`).
 */

/** Most items one page of the change feed carries (the contract's `pageSize` maximum). */
export const LAND_PLANNING_MAX_PAGE_SIZE = 500;

/** The contract's default `pageSize`. */
export const LAND_PLANNING_DEFAULT_PAGE_SIZE = 100;

/**
 * 更新时间 of a record that has no 登簿时间 and came without one: the night the
 * paper-era registrations were migrated into the unified 不动产登记 database,
 * just before it opened on 2016-01-01.
 */
export const LAND_PLANNING_MIGRATED_AT = '2015-12-31 22:00:00';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Sorts after every 不动产单元号: a cursor without a unit stands after the whole second. */
const AFTER_EVERY_UNIT = '\uffff';

/** A `yyyy-MM-dd HH:mm:ss` China-time timestamp (更新时间, 登簿时间) as epoch milliseconds, or null when it is no real time. */
export function parseLandPlanningTime(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return null;
  }
  return utc - CHINA_OFFSET_MS;
}

/** A time as the platform writes it, `yyyy-MM-dd HH:mm:ss` in China time; the column holds whole seconds, so milliseconds are dropped. */
export function formatLandPlanningTime(at: Date): string {
  const ms = at.getTime();
  const iso = Number.isFinite(ms) ? new Date(ms + CHINA_OFFSET_MS).toISOString() : '';
  // Outside years 0000–9999 toISOString grows a sign and six digits: no 更新时间 can say that.
  if (iso.length !== 24) throw new RangeError('a time the platform can record (years 0000–9999)');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The 更新时间 a record without one gets (an export from before the column was shared): its 登簿时间, else the migration night. */
export function defaultLandPlanningChangeTime(
  record: Pick<LandPlanningParcelRecord, 'DBSJ'>,
): string {
  return record.DBSJ ?? LAND_PLANNING_MIGRATED_AT;
}

/** The feed item of a record (`ParcelChange`): its unit, 权利人 columns and 更新时间. */
export function landPlanningParcelChange(
  record: LandPlanningParcelRecord,
): LandPlanningParcelChange {
  return {
    BDCDYH: record.BDCDYH,
    ZDDM: record.ZDDM,
    QLLX: record.QLLX,
    QLXZ: record.QLXZ,
    QLRMC: record.QLRMC,
    ZJZL: record.ZJZL,
    ZJH: record.ZJH,
    FDDBR: record.FDDBR,
    LXDH: record.LXDH,
    TXDZ: record.TXDZ,
    ZL: record.ZL,
    DBSJ: record.DBSJ,
    GXSJ: record.GXSJ,
  };
}

/**
 * A record's place in the feed. `GXSJ` has a fixed width, so comparing the
 * concatenation compares (更新时间, 不动产单元号) — the order the contract
 * promises — with one string comparison and no allocation while searching.
 */
function feedKey(record: Pick<LandPlanningParcelRecord, 'GXSJ' | 'BDCDYH'>): string {
  return record.GXSJ + record.BDCDYH;
}

/** A change applied to a record: where it stood in the feed and where it stands now. */
interface LoggedChange {
  readonly record: LandPlanningParcelRecord;
  readonly from: string;
  readonly to: string;
}

interface ChangeLog {
  /** 不动产单元号 → record, built at the first update. */
  byUnit: Map<string, LandPlanningParcelRecord> | null;
  readonly entries: LoggedChange[];
}

/**
 * Changes per parcels array. Data and simulators share the record objects,
 * so keying the log by the array lets every simulator serving that array
 * (there may be several, and they may be built before or after a change)
 * move the changed records in its feed index without rescanning the data.
 */
const changeLogs = new WeakMap<readonly LandPlanningParcelRecord[], ChangeLog>();

function changeLogOf(parcels: readonly LandPlanningParcelRecord[]): ChangeLog {
  let log = changeLogs.get(parcels);
  if (!log) {
    log = { byUnit: null, entries: [] };
    changeLogs.set(parcels, log);
  }
  return log;
}

/**
 * Applies a department-side change to the record with 不动产单元号 `localId`,
 * in place — the very objects the simulators serve — and sets its 更新时间 to
 * `change.changedAt` (to the second), so the change feed serves it again
 * after any cursor from before that time. `name` is the 权利人名称, `phone`
 * and `address` the 联系电话 and 通讯地址; `legalRepresentative` only applies
 * to a unit holder (a person's record has no 法定代表人, and keeps none).
 * False for an unknown unit number. Records must change only through here:
 * the simulators' feed index learns of changes from it.
 */
export function updateLandPlanningRecord(
  data: Pick<LandPlanningData, 'parcels'>,
  localId: string,
  change: RecordChange,
): boolean {
  const changedAt = formatLandPlanningTime(change.changedAt);
  if (change.name !== undefined && change.name.trim() === '') {
    throw new RangeError('a 权利人名称 cannot be empty');
  }
  const log = changeLogOf(data.parcels);
  log.byUnit ??= new Map(data.parcels.map((record) => [record.BDCDYH, record]));
  const record = log.byUnit.get(localId);
  if (!record) return false;
  const from = feedKey(record);
  if (change.name !== undefined) record.QLRMC = change.name;
  if (change.phone !== undefined) record.LXDH = change.phone;
  if (change.address !== undefined) record.TXDZ = change.address;
  if (change.legalRepresentative !== undefined && !landPlanningHolderIsPerson(record)) {
    record.FDDBR = change.legalRepresentative;
  }
  record.GXSJ = changedAt;
  log.entries.push({ record, from, to: feedKey(record) });
  return true;
}

/** Where a page starts: after `time` and, at that very second, after `unitNo` (after the whole second without one). */
export interface LandPlanningFeedCursor {
  /** `yyyy-MM-dd HH:mm:ss` */
  readonly time: string;
  readonly unitNo?: string;
}

/** First index whose key is ≥ `key` (`upper`: > `key`). */
function search(keys: readonly string[], key: string, upper: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key || (upper && keys[mid] === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to this many pending changes are moved one by one; more are merged in one pass. */
const MOVE_ONE_BY_ONE = 32;

const byKey = (a: { key: string }, b: { key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * The feed index of one simulator: every record sorted once by
 * (更新时间, 不动产单元号), so a page is a binary search and a slice. Changes
 * made since (`updateLandPlanningRecord`) are moved into place when the next
 * page is asked for: a few each by two binary searches, many (a benchmark's
 * burst of changes) by one merge pass over the index.
 */
export class LandPlanningChangeFeed {
  private readonly log: ChangeLog;
  private applied: number;
  private keys: string[];
  private records: LandPlanningParcelRecord[];

  constructor(parcels: readonly LandPlanningParcelRecord[]) {
    this.log = changeLogOf(parcels);
    // Changes logged so far are already in the records' 更新时间.
    this.applied = this.log.entries.length;
    const order = parcels.map((record) => ({ key: feedKey(record), record }));
    order.sort(byKey);
    this.keys = order.map((entry) => entry.key);
    this.records = order.map((entry) => entry.record);
  }

  /** Up to `limit` records strictly after the cursor (from the start for null), oldest first; `hasMore` when others follow. */
  page(
    after: LandPlanningFeedCursor | null,
    limit: number,
  ): { records: LandPlanningParcelRecord[]; hasMore: boolean } {
    this.catchUp();
    const start =
      after === null ? 0 : search(this.keys, after.time + (after.unitNo ?? AFTER_EVERY_UNIT), true);
    const end = Math.min(start + limit, this.keys.length);
    return { records: this.records.slice(start, end), hasMore: end < this.keys.length };
  }

  private catchUp(): void {
    const { entries } = this.log;
    if (entries.length - this.applied > MOVE_ONE_BY_ONE) this.merge();
    for (; this.applied < entries.length; this.applied++) {
      const { record, from, to } = entries[this.applied];
      const at = search(this.keys, from, false);
      if (this.records[at] === record) {
        this.keys.splice(at, 1);
        this.records.splice(at, 1);
      }
      const into = search(this.keys, to, false);
      this.keys.splice(into, 0, to);
      this.records.splice(into, 0, record);
    }
  }

  /** Takes every changed record out, sorts them by where they stand now, and merges them back: O(n + k log k). */
  private merge(): void {
    const moved = new Set<LandPlanningParcelRecord>();
    for (let i = this.applied; i < this.log.entries.length; i++) {
      moved.add(this.log.entries[i].record);
    }
    this.applied = this.log.entries.length;
    const incoming = [...moved].map((record) => ({ key: feedKey(record), record })).sort(byKey);
    const keys: string[] = [];
    const records: LandPlanningParcelRecord[] = [];
    let next = 0;
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i];
      if (moved.has(record)) continue;
      const key = this.keys[i];
      for (; next < incoming.length && incoming[next].key < key; next++) {
        keys.push(incoming[next].key);
        records.push(incoming[next].record);
      }
      keys.push(key);
      records.push(record);
    }
    for (; next < incoming.length; next++) {
      keys.push(incoming[next].key);
      records.push(incoming[next].record);
    }
    this.keys = keys;
    this.records = records;
  }
}
