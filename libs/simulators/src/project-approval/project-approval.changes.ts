import type { RecordChange } from '../shared';
import type { ProjectApprovalSimulatorData } from './project-approval.data';
import type { ProjectApprovalRecord } from './project-approval.record';

/**
 * The platform's 增量查询 (`GET /api/v1/xmzl`) on the simulator's side: the
 * change time of a row is its own 更新时间 (`gxsj`), which the generated data
 * already carries (derived from the row's approval steps, so deterministic
 * and never after "today"); nothing is added to the data for the feed.
 *
 * Changes made with `updateProjectApprovalRecord` are applied to the very row
 * objects the simulator serves and written to a log kept per `projects`
 * array, from which every running simulator built on that array re-files the
 * changed rows in its feed order before it answers next.
 */

/** The platform writes times in China Standard Time without a zone. */
const CHINA_OFFSET_MS = 8 * 3600_000;
/** First and last instants `yyyy-MM-dd HH:mm:ss` can write in China time (years 0000–9999). */
const FIRST_WRITABLE_MS = Date.parse('0000-01-01T00:00:00Z') - CHINA_OFFSET_MS;
const LAST_WRITABLE_MS = Date.parse('9999-12-31T23:59:59.999Z') - CHINA_OFFSET_MS;

/** Rows changed through `updateProjectApprovalRecord`, in order, per `projects` array. */
const CHANGE_LOGS = new WeakMap<readonly ProjectApprovalRecord[], ProjectApprovalRecord[]>();
/** Position of each 项目代码 in its `projects` array, built on first update. */
const POSITIONS = new WeakMap<readonly ProjectApprovalRecord[], Map<string, number>>();

/**
 * The change log of a `projects` array (created empty on first use). A store
 * remembers how much of it it has applied; entries are only ever appended.
 */
export function projectApprovalChangeLog(
  projects: readonly ProjectApprovalRecord[],
): readonly ProjectApprovalRecord[] {
  let log = CHANGE_LOGS.get(projects);
  if (!log) {
    log = [];
    CHANGE_LOGS.set(projects, log);
  }
  return log;
}

/**
 * Applies a change the platform makes to one project (`localId` = 项目代码
 * `xmdm`) to `data`, the same rows a simulator created from `data` serves, and
 * sets its 更新时间 to `change.changedAt` (in China time, to the second: the
 * platform keeps no milliseconds), so the row comes next in the 增量查询 after
 * any cursor before that time. Fields: `name` → 项目单位 `xmdw`,
 * `legalRepresentative` → `fddbr`, `phone` → `lxdh` (`''` clears these two to
 * `null`). The platform holds no address of the unit (建设地点 is the site), so
 * `address` changes nothing but the 更新时间. False for an unknown 项目代码.
 * Throws a RangeError for a change the contract cannot carry (an empty
 * `name`, or a time `yyyy-MM-dd HH:mm:ss` cannot write).
 */
export function updateProjectApprovalRecord(
  data: ProjectApprovalSimulatorData,
  localId: string,
  change: RecordChange,
): boolean {
  const row = findRow(data.projects, localId);
  if (!row) return false;
  const gxsj = toChinaTime(change.changedAt);
  if (change.name !== undefined && change.name.length === 0) {
    throw new RangeError('project-approval: 项目单位 (xmdw) cannot be empty');
  }
  if (change.name !== undefined) row.xmdw = change.name;
  if (change.legalRepresentative !== undefined) row.fddbr = change.legalRepresentative || null;
  if (change.phone !== undefined) row.lxdh = change.phone || null;
  row.gxsj = gxsj;
  (projectApprovalChangeLog(data.projects) as ProjectApprovalRecord[]).push(row);
  return true;
}

function findRow(
  projects: readonly ProjectApprovalRecord[],
  xmdm: string,
): ProjectApprovalRecord | undefined {
  let positions = POSITIONS.get(projects);
  let at = positions?.get(xmdm);
  // The array may have changed since the index was built: check the hit, rebuild on a miss.
  if (positions === undefined || at === undefined || projects[at]?.xmdm !== xmdm) {
    positions = new Map();
    for (let i = 0; i < projects.length; i++) positions.set(projects[i].xmdm, i);
    POSITIONS.set(projects, positions);
    at = positions.get(xmdm);
  }
  return at === undefined ? undefined : projects[at];
}

/** `yyyy-MM-dd HH:mm:ss` in China time, to the second (milliseconds dropped). */
export function toChinaTime(time: Date): string {
  const ms = time.getTime();
  if (!(ms >= FIRST_WRITABLE_MS && ms <= LAST_WRITABLE_MS)) {
    throw new RangeError('project-approval: the change time is not a time the platform can write');
  }
  const local = Math.floor((ms + CHINA_OFFSET_MS) / 1000) * 1000;
  const iso = new Date(local).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** One row's place in the feed, with the key it was filed under (the row may change later). */
interface FeedEntry {
  gxsj: string;
  xmdm: string;
  row: ProjectApprovalRecord;
}

/**
 * The rows in the 增量查询's order, (`gxsj`, `xmdm`) ascending. Both are
 * fixed-width text, so text order is time order. A page is a binary search
 * and a slice; a change is re-filed by one removal and one insertion.
 */
export class ProjectApprovalChangeFeed {
  private readonly entries: FeedEntry[];
  private readonly byCode = new Map<string, FeedEntry>();
  private readonly log: readonly ProjectApprovalRecord[];
  private applied: number;

  constructor(rows: readonly ProjectApprovalRecord[]) {
    this.entries = rows.map((row) => ({ gxsj: row.gxsj, xmdm: row.xmdm, row }));
    this.entries.sort(compareEntries);
    for (const entry of this.entries) this.byCode.set(entry.xmdm, entry);
    this.log = projectApprovalChangeLog(rows);
    // Changes made before this feed existed are already in the rows it was built from.
    this.applied = this.log.length;
  }

  /** Rows strictly after (`gxsj`, `xmdm`), at most `size`, and how many there are after it in all. */
  after(
    cursor: { gxsj: string; xmdm: string } | null,
    size: number,
  ): { total: number; rows: ProjectApprovalRecord[] } {
    this.catchUp();
    const start = cursor === null ? 0 : this.firstAfter(cursor.gxsj, cursor.xmdm);
    return {
      total: this.entries.length - start,
      rows: this.entries.slice(start, start + size).map((entry) => entry.row),
    };
  }

  /** Re-files the rows changed since the last request, in the order they were changed. */
  private catchUp(): void {
    while (this.applied < this.log.length) {
      const row = this.log[this.applied++];
      const entry = this.byCode.get(row.xmdm);
      // A row added to the array after this feed was built is not served by it.
      if (!entry || entry.row !== row) continue;
      this.entries.splice(this.indexOf(entry), 1);
      entry.gxsj = row.gxsj;
      this.entries.splice(this.firstAfter(entry.gxsj, entry.xmdm), 0, entry);
    }
  }

  private indexOf(entry: FeedEntry): number {
    // xmdm is unique: the entry sits exactly where its own key is first reached.
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.entries[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose (gxsj, xmdm) is strictly after the pair. */
  private firstAfter(gxsj: string, xmdm: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.entries[mid];
      if (e.gxsj < gxsj || (e.gxsj === gxsj && e.xmdm <= xmdm)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compareEntries(a: FeedEntry, b: FeedEntry): number {
  if (a.gxsj !== b.gxsj) return a.gxsj < b.gxsj ? -1 : 1;
  return a.xmdm < b.xmdm ? -1 : a.xmdm > b.xmdm ? 1 : 0;
}
