import {
  changesPageSize as checkedPageSize,
  type ChangeCursor,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import type { Project } from './project-approval.types';

/** Most records one `changes` call returns: the 增量查询's page size limit. */
export const PROJECT_APPROVAL_MAX_CHANGES = 500;

/** The procedures (contracts/procedures.json) the platform takes submissions of. */
export const PROJECT_APPROVAL_PROCEDURES: readonly string[] = ['INVESTMENT_PROJECT_APPROVAL'];

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

  /**
   * Files an INVESTMENT_PROJECT_APPROVAL submission as a 项目申报 and
   * resolves to the platform's 受理回执 (受理号, 受理时间). Idempotent by
   * `submission.idempotencyKey`: delivering the same key again resolves to
   * the same receipt with `duplicate: true`, never a second case. One
   * attempt, under the timeout and breaker — retrying (with the same key) is
   * the caller's outbox's job. Rejects with a `SourceError`:
   * SOURCE_REJECTED when the platform refused the content (final: sending it
   * again is refused again); SOURCE_UNAVAILABLE / SOURCE_TIMEOUT when it
   * could not be reached or did not answer in time; SOURCE_INVALID_RESPONSE
   * for an answer off the contract (whether it was received is unknown —
   * delivering the same key again is safe). Rejects with a RangeError, before
   * any request, when the submission cannot be put in the platform's format
   * (another procedure, a required item missing, a value not of its type).
   */
  abstract submit(submission: DepartmentSubmission): Promise<SubmissionReceipt>;
}

/** `limit` of `changes`, checked and capped at the platform's page limit. */
export function changesPageSize(limit: number): number {
  return checkedPageSize('project-approval', limit, PROJECT_APPROVAL_MAX_CHANGES);
}
