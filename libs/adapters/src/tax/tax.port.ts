import type {
  ChangeCursor,
  DepartmentRecordPage,
  DepartmentSubmission,
  SubmissionReceipt,
} from '../shared';
import type { TaxProfile } from './tax.types';

/** The procedures (contracts/procedures.json) the tax system takes submissions of. */
export const TAX_PROCEDURES: readonly string[] = ['TAX_INFO_CONFIRMATION'];

/**
 * The county tax system (税务, 金税), as OnceGate reads it. Also the DI token:
 * inject `TaxPort`, bind the SOAP adapter in production and `FakeTaxAdapter`
 * in unit tests.
 */
export abstract class TaxPort {
  /**
   * Taxpayers by 纳税人识别号 (a USCC or an 18-character resident ID, already
   * normalized). The map is keyed exactly by the given ids; an id that is
   * absent is one the tax office does not know. Fails with a `SourceError`.
   */
  abstract taxpayers(taxpayerIds: readonly string[]): Promise<ReadonlyMap<string, TaxProfile>>;

  /**
   * The change feed (GetTaxpayerInfoChanges): up to `limit` registrations
   * (登记序号) changed strictly after `after` (from the first when null), in
   * (changedAt, localId) order, as applicant records; localId is the 登记序号.
   * `limit` is 1 or more; above the contract's 500 it is 500. Never cached.
   * Fails with a `SourceError`.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;

  /**
   * Files a TAX_INFO_CONFIRMATION submission (SubmitTaxInfoConfirmation,
   * 新办纳税人税务信息确认) and resolves to the tax office's 受理回执 (回执号,
   * 受理时间). Idempotent by `submission.idempotencyKey`, sent as the
   * 请求流水号: the same key again resolves to the same receipt with
   * `duplicate: true`, never a second case. One attempt under the timeout and
   * breaker; retrying (with the same key) is the caller's. Rejects with a
   * `SourceError` — SOURCE_REJECTED for a soap:Client fault refusing the
   * content (final); SOURCE_UNAVAILABLE / SOURCE_TIMEOUT when the system could
   * not be reached, failed inside (9999) or did not answer in time;
   * SOURCE_INVALID_RESPONSE for an answer off the contract (received or not is
   * unknown: the same key again is safe) — or with a RangeError, before any
   * request, when the submission cannot be put in the contract's format.
   */
  abstract submit(submission: DepartmentSubmission): Promise<SubmissionReceipt>;
}
