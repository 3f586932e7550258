/**
 * Stable codes for everything the registry refuses. Callers branch on the code;
 * the gateway maps each code to a GraphQL error once (STYLE.md §6). Messages are
 * for people and never carry identifier values: a 居民身份证号码 in an error
 * message would end up in logs.
 */
export enum RegistryErrorCode {
  /** DATABASE_URL is malformed or names an unsupported database. */
  INVALID_DATABASE_URL = 'INVALID_DATABASE_URL',
  /** A registration input breaks a rule the schema cannot check on every database. */
  INVALID_REGISTRATION = 'INVALID_REGISTRATION',
  /** An active applicant already holds one of the identifiers (scheme + value). */
  DUPLICATE_IDENTIFIER = 'DUPLICATE_IDENTIFIER',
  /** A department record (system + local id) is already linked to an applicant. */
  DUPLICATE_SOURCE_RECORD = 'DUPLICATE_SOURCE_RECORD',
  APPLICANT_NOT_FOUND = 'APPLICANT_NOT_FOUND',
  MERGE_INTO_SELF = 'MERGE_INTO_SELF',
  /** The survivor of a merge is itself merged; merge into its survivor instead. */
  SURVIVOR_NOT_ACTIVE = 'SURVIVOR_NOT_ACTIVE',
  /** The applicant to merge away is already merged. */
  ALREADY_MERGED = 'ALREADY_MERGED',
  /**
   * A merged applicant's chain of survivors is cyclic, too long or ends nowhere.
   * Merges cannot produce this; it means the data was changed behind the registry.
   */
  BROKEN_MERGE_CHAIN = 'BROKEN_MERGE_CHAIN',
  /** A split must move some, not all, of the applicant's own source records. */
  INVALID_SPLIT = 'INVALID_SPLIT',
  /** Merges, splits and review decisions must say why. */
  REASON_REQUIRED = 'REASON_REQUIRED',
  CANDIDATE_NOT_FOUND = 'CANDIDATE_NOT_FOUND',
  /** Someone decided the candidate first. */
  CANDIDATE_ALREADY_DECIDED = 'CANDIDATE_ALREADY_DECIDED',
  /** Another consumer has this name. */
  CONSUMER_EXISTS = 'CONSUMER_EXISTS',
  CONSUMER_NOT_FOUND = 'CONSUMER_NOT_FOUND',
  GRANT_NOT_FOUND = 'GRANT_NOT_FOUND',
  /** The grant was decided (or withdrawn) before. */
  GRANT_ALREADY_DECIDED = 'GRANT_ALREADY_DECIDED',
}

export class RegistryError extends Error {
  override readonly name = 'RegistryError';

  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** Log- and client-safe facts (ids, schemes, field names), never identifier values. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isRegistryError(error: unknown, code?: RegistryErrorCode): error is RegistryError {
  return error instanceof RegistryError && (code === undefined || error.code === code);
}
