export enum MatchingErrorCode {
  /** The comparison spec is not valid JSON of the documented shape. */
  INVALID_SPEC = 'INVALID_SPEC',
  /** An input lacks a column the spec names, or repeats a record id. */
  INVALID_INPUT = 'INVALID_INPUT',
}

/** A problem with what the caller gave the matcher; `problems` lists each one. */
export class MatchingError extends Error {
  constructor(
    readonly code: MatchingErrorCode,
    readonly problems: readonly string[],
  ) {
    super(`${code}: ${problems.join('; ')}`);
    this.name = 'MatchingError';
  }
}
