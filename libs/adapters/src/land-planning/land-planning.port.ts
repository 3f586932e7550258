import type {
  ChangeCursor,
  DepartmentRecordPage,
  DepartmentSubmission,
  SubmissionReceipt,
} from '../shared';
import type { LandParcel } from './land-planning.types';

/** The procedures (contracts/procedures.json) the platform takes applications for. */
export const LAND_PLANNING_PROCEDURES: readonly string[] = [
  'LAND_PREEXAM_SITE_SELECTION',
  'LAND_USE_PLANNING_PERMIT',
];

/**
 * 自然资源和规划 / 不动产登记: the parcels a right holder holds. The DI token
 * of the land-planning adapter.
 */
export abstract class LandPlanningPort {
  /**
   * Parcels per holder, for normalized 18-character USCCs or resident IDs.
   * The map is keyed exactly by the input keys; a key that is absent means
   * the department knows no parcel of that holder. One upstream call per
   * batch (chunked at the department's limit); fails with a `SourceError`.
   */
  abstract parcelsByHolder(
    holderIds: readonly string[],
  ): Promise<ReadonlyMap<string, LandParcel[]>>;

  /**
   * The change feed, for the registry's sync: the holder records of the
   * 不动产单元 changed after `after` (from the start for null), oldest first by
   * (更新时间, 不动产单元号), at most `limit` (a positive integer; one page
   * carries at most 500). `localId` is the 不动产单元号. Never cached; fails
   * with a `SourceError`.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;

  /**
   * Files a LAND_PREEXAM_SITE_SELECTION (建设项目用地预审与选址意见书) or
   * LAND_USE_PLANNING_PERMIT (建设用地规划许可证) submission as an application
   * and resolves to the platform's receipt (受理编号, 受理时间). Idempotent by
   * `submission.idempotencyKey`: the same key again resolves to the same
   * receipt with `duplicate: true`, never a second case. One attempt under
   * the timeout and breaker; retrying (with the same key) is the caller's.
   * Rejects with a `SourceError` — SOURCE_REJECTED when the platform refused
   * the content (final); SOURCE_UNAVAILABLE / SOURCE_TIMEOUT when it could
   * not be reached or did not answer in time; SOURCE_INVALID_RESPONSE for an
   * answer off the contract (received or not is unknown: the same key again
   * is safe) — or with a RangeError, before any request, when the submission
   * cannot be put in the platform's format.
   */
  abstract submit(submission: DepartmentSubmission): Promise<SubmissionReceipt>;
}
