import type { RecordChange } from '../shared';
import { changeIndexOf, timestampDigits, type ChangeIndex } from '../shared/change-index';
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
 * The change index of one parcels array, in (更新时间 `GXSJ`, 不动产单元号)
 * order. Data and simulators share the record objects, and every simulator
 * serving the array and `updateLandPlanningRecord` share this index, so a
 * change is seen by all of them, whenever they were built.
 */
function changeIndex(parcels: readonly LandPlanningParcelRecord[]) {
  return changeIndexOf(
    parcels,
    (record) => record.BDCDYH,
    (record) => timestampDigits(record.GXSJ),
  );
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
  const index = changeIndex(data.parcels);
  const record = index.find(localId);
  if (!record) return false;
  if (change.name !== undefined) record.QLRMC = change.name;
  if (change.phone !== undefined) record.LXDH = change.phone;
  if (change.address !== undefined) record.TXDZ = change.address;
  if (change.legalRepresentative !== undefined && !landPlanningHolderIsPerson(record)) {
    record.FDDBR = change.legalRepresentative;
  }
  record.GXSJ = changedAt;
  index.touched(record);
  return true;
}

/** Where a page starts: after `time` and, at that very second, after `unitNo` (after the whole second without one). */
export interface LandPlanningFeedCursor {
  /** `yyyy-MM-dd HH:mm:ss` */
  readonly time: string;
  readonly unitNo?: string;
}

/**
 * The feed of one parcels array: every record by (更新时间, 不动产单元号), so a
 * page is a binary search and a slice; built on the first page, and kept in
 * order through `updateLandPlanningRecord` (see `ChangeIndex`).
 */
export class LandPlanningChangeFeed {
  private readonly index: ChangeIndex<LandPlanningParcelRecord>;

  constructor(parcels: readonly LandPlanningParcelRecord[]) {
    this.index = changeIndex(parcels);
  }

  /** Up to `limit` records strictly after the cursor (from the start for null), oldest first; `hasMore` when others follow. */
  page(
    after: LandPlanningFeedCursor | null,
    limit: number,
  ): { records: LandPlanningParcelRecord[]; hasMore: boolean } {
    const { records, hasMore } = this.index.page(
      after === null
        ? null
        : { time: timestampDigits(after.time), id: after.unitNo ?? AFTER_EVERY_UNIT },
      limit,
    );
    return { records, hasMore };
  }
}
