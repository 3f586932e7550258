import {
  changesPageSize as checkedPageSize,
  type ChangeCursor,
  type DepartmentRecordPage,
} from '../shared';
import type { Project } from './project-approval.types';

/** Most records one `changes` call returns: the 增量查询's page size limit. */
export const PROJECT_APPROVAL_MAX_CHANGES = 500;

/**
 * The 投资项目在线审批监管平台 (发改), as the gateway needs it. Also the DI
 * token: inject `ProjectApprovalPort`, bind the HTTP adapter or the fake.
 */
export abstract class ProjectApprovalPort {
  /**
   * The projects declared by each applicant, by normalized 统一社会信用代码
   * (18 characters, upper case). The map is keyed exactly by the input keys;
   * a key that is absent means the platform knows no project for it (an
   * individual's resident ID, for instance, never matches). Rejects with a
   * `SourceError` when the platform cannot answer.
   */
  abstract projectsByUscc(usccs: readonly string[]): Promise<ReadonlyMap<string, Project[]>>;

  /**
   * The platform's change feed for the registry's sync: one record per
   * project (`localId` = 项目代码, the 项目单位 as held) changed strictly after
   * `after` (null: from the oldest, the initial load), oldest first by
   * (changedAt, localId), at most `limit` of them (values above 500 are read
   * as 500, the platform's page limit). `next` is the cursor to ask with next;
   * `hasMore` says whether more records follow it now. Rejects with a
   * `SourceError` when the platform cannot answer, and with a RangeError
   * for a `limit` below 1 or not an integer.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;
}

/** `limit` of `changes`, checked and capped at the platform's page limit. */
export function changesPageSize(limit: number): number {
  return checkedPageSize('project-approval', limit, PROJECT_APPROVAL_MAX_CHANGES);
}
