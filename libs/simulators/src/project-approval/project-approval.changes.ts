import type { RecordChange } from '../shared';
import { changeIndexOf, timestampDigits, type ChangeIndex } from '../shared/change-index';
import type { ProjectApprovalSimulatorData } from './project-approval.data';
import type { ProjectApprovalRecord } from './project-approval.record';

/**
 * The platform's 增量查询 (`GET /api/v1/xmzl`) on the simulator's side: the
 * change time of a row is its own 更新时间 (`gxsj`), which the generated data
 * already carries (derived from the row's approval steps, so deterministic
 * and never after "today"); nothing is added to the data for the feed.
 *
 * Changes made with `updateProjectApprovalRecord` are applied to the very row
 * objects the simulator serves and re-filed in the change index kept per
 * `projects` array (see `ChangeIndex`), which every simulator built on that
 * array reads.
 */

/** The platform writes times in China Standard Time without a zone. */
const CHINA_OFFSET_MS = 8 * 3600_000;
/** First and last instants `yyyy-MM-dd HH:mm:ss` can write in China time (years 0000–9999). */
const FIRST_WRITABLE_MS = Date.parse('0000-01-01T00:00:00Z') - CHINA_OFFSET_MS;
const LAST_WRITABLE_MS = Date.parse('9999-12-31T23:59:59.999Z') - CHINA_OFFSET_MS;

/** The change index of one `projects` array, in (`gxsj`, `xmdm`) order. */
function changeIndex(projects: readonly ProjectApprovalRecord[]) {
  return changeIndexOf(
    projects,
    (row) => row.xmdm,
    (row) => timestampDigits(row.gxsj),
  );
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
  const index = changeIndex(data.projects);
  const row = index.find(localId);
  if (!row) return false;
  const gxsj = toChinaTime(change.changedAt);
  if (change.name !== undefined && change.name.length === 0) {
    throw new RangeError('project-approval: 项目单位 (xmdw) cannot be empty');
  }
  if (change.name !== undefined) row.xmdw = change.name;
  if (change.legalRepresentative !== undefined) row.fddbr = change.legalRepresentative || null;
  if (change.phone !== undefined) row.lxdh = change.phone || null;
  row.gxsj = gxsj;
  index.touched(row);
  return true;
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

/**
 * The rows in the 增量查询's order, (`gxsj`, `xmdm`) ascending. Both are
 * fixed-width text, so text order is time order. Built at the first request;
 * a page is a binary search and a slice.
 */
export class ProjectApprovalChangeFeed {
  private readonly index: ChangeIndex<ProjectApprovalRecord>;

  constructor(rows: readonly ProjectApprovalRecord[]) {
    this.index = changeIndex(rows);
  }

  /** Rows strictly after (`gxsj`, `xmdm`), at most `size`, and how many there are after it in all. */
  after(
    cursor: { gxsj: string; xmdm: string } | null,
    size: number,
  ): { total: number; rows: ProjectApprovalRecord[] } {
    const page = this.index.page(
      cursor === null ? null : { time: timestampDigits(cursor.gxsj), id: cursor.xmdm },
      size,
    );
    return { total: page.remaining, rows: page.records };
  }
}
