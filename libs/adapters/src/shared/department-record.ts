import type { DepartmentId } from './department';

/**
 * One applicant record as a department system holds it, in our terms: what
 * the registry's sync attaches to an applicant. Values are as the department
 * holds them (15-digit IDs, traditional characters and all) — cleaning them
 * is the matcher's job, not the adapter's; only the wire format is gone.
 */
export interface DepartmentApplicantRecord {
  system: DepartmentId;
  /** The department's own key of the record (项目代码, 不动产单元号, 登记序号, 单位/个人编号). */
  localId: string;
  kind: 'PERSON' | 'ENTERPRISE';
  /** Person's or enterprise's name. */
  name: string;
  /** 统一社会信用代码, as held. */
  uscc: string | null;
  /** 居民身份证号码, as held. */
  residentId: string | null;
  /** 法定代表人 of an enterprise. */
  legalRepresentative: string | null;
  /** A person's date of birth, in the department's own text. */
  birthDate: string | null;
  phone: string | null;
  address: string | null;
  /** When the department last changed the record: the sync's cursor. */
  changedAt: Date;
  /** The record as it came over the wire (JSON-able), kept as provenance. */
  raw: unknown;
}

/** Where a change feed stopped: the last record read, by (changedAt, localId). */
export interface ChangeCursor {
  changedAt: Date;
  localId: string;
}

/**
 * One page of a department's change feed: records changed after the cursor,
 * oldest first, ties broken by localId. `next` is the cursor to ask with next
 * (the last record of this page); `hasMore` says whether to ask at once.
 */
export interface DepartmentRecordPage {
  records: DepartmentApplicantRecord[];
  next: ChangeCursor | null;
  hasMore: boolean;
}

/** Strict (changedAt, localId) order of the feeds. */
export function isAfterCursor(
  record: { changedAt: Date; localId: string },
  cursor: ChangeCursor | null,
): boolean {
  if (cursor === null) return true;
  const t = record.changedAt.getTime() - cursor.changedAt.getTime();
  return t > 0 || (t === 0 && record.localId > cursor.localId);
}

/** Feed order: (changedAt, localId) ascending. */
export function compareFeedOrder(
  a: { changedAt: Date; localId: string },
  b: { changedAt: Date; localId: string },
): number {
  return (
    a.changedAt.getTime() - b.changedAt.getTime() ||
    (a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0)
  );
}

/**
 * A `changes(after, limit)` limit, checked (a whole number, at least 1) and
 * capped at what the department serves per page.
 *
 * @throws RangeError for a limit below 1 or not a whole number
 */
export function changesPageSize(source: DepartmentId, limit: number, max: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`${source}: changes(limit) must be a whole number ≥ 1, not ${limit}`);
  }
  return Math.min(limit, max);
}

/** One page of a change feed over records held in memory (the fakes): after the cursor, in feed order. */
export function pageAfter(
  records: Iterable<DepartmentApplicantRecord>,
  after: ChangeCursor | null,
  pageSize: number,
): DepartmentRecordPage {
  const pending = [...records].filter((r) => isAfterCursor(r, after)).sort(compareFeedOrder);
  const page = pending.slice(0, pageSize);
  const last = page.at(-1);
  return {
    records: page,
    next: last ? { changedAt: last.changedAt, localId: last.localId } : after,
    hasMore: pending.length > page.length,
  };
}
