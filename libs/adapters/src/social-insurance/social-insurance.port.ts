import type {
  ChangeCursor,
  DepartmentRecordPage,
  DepartmentSubmission,
  SubmissionReceipt,
} from '../shared';
import type { InsuredEmployer, InsuredPerson } from './social-insurance.types';

/** The procedures (contracts/procedures.json) the system takes submissions of. */
export const SOCIAL_INSURANCE_PROCEDURES: readonly string[] = ['SI_UNIT_REGISTRATION'];

/**
 * The county's social-insurance system (人社/医保), as the gateway reads it.
 * The DI token. Keys are normalized identifiers (USCC; 18-character 公民身份号码);
 * the returned map is keyed exactly by the given keys, and a key that is absent
 * means the system knows nothing about it. Failures are `SourceError`s.
 */
export abstract class SocialInsurancePort {
  /** 参保单位 by 统一社会信用代码. */
  abstract employers(usccs: readonly string[]): Promise<ReadonlyMap<string, InsuredEmployer>>;
  /** 参保人员 by 公民身份号码 (= 社会保障号码). */
  abstract persons(residentIds: readonly string[]): Promise<ReadonlyMap<string, InsuredPerson>>;
  /**
   * The change feed (变更记录) for the registry's sync: 参保单位 and 参保人员
   * records (by `unit_no` / `personal_no`) changed strictly after `after`
   * (from the start when null), oldest first, ties by local id; at most
   * `limit` records (a whole number ≥ 1; the system pages by at most 500).
   * Values as the system holds them; never cached.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;
  /**
   * Files an SI_UNIT_REGISTRATION submission as a 单位参保登记 and resolves
   * to the system's receipt (受理号, 受理时间). Idempotent by
   * `submission.idempotencyKey`: the same key again resolves to the same
   * receipt with `duplicate: true`, never a second case. One attempt, signed,
   * under the timeout and breaker; retrying (with the same key, signed
   * afresh) is the caller's. Rejects with a `SourceError` — SOURCE_REJECTED
   * when the system refused the content (400, 409, 422: final);
   * SOURCE_UNAVAILABLE / SOURCE_TIMEOUT when it could not be reached, refused
   * the signature (401) or did not answer in time; SOURCE_INVALID_RESPONSE for
   * an answer off the contract (received or not is unknown: the same key
   * again is safe) — or with a RangeError, before any request, when the
   * submission cannot be put in the system's format.
   */
  abstract submit(submission: DepartmentSubmission): Promise<SubmissionReceipt>;
}
