/** Stable codes of what this library refuses; the gateway maps them once (STYLE.md §6). */
export enum AccessErrorCode {
  /** `contracts/sharing-catalogue.json` (or the catalogue given) is not of the documented shape. */
  INVALID_CATALOGUE = 'INVALID_CATALOGUE',
}

/** A problem with what the caller gave this library; `problems` lists each one found. */
export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    readonly problems: readonly string[],
  ) {
    super(`${code}: ${problems.join('; ')}`);
    this.name = 'AccessError';
  }
}
