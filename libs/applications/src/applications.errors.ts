/**
 * Stable codes of what this library refuses; the gateway maps them once
 * (STYLE.md §6). Item-level problems in a form are not errors: they are
 * returned as data by `validateForm` (see `ItemProblemCode`).
 */
export enum ApplicationsErrorCode {
  /** `contracts/procedures.json` (or the catalogue given) is not of the documented shape. */
  INVALID_CATALOGUE = 'INVALID_CATALOGUE',
  /** `contracts/working-calendar.json` (or the calendar given) is not of the documented shape. */
  INVALID_CALENDAR = 'INVALID_CALENDAR',
  /** A procedure code the catalogue does not declare. */
  UNKNOWN_PROCEDURE = 'UNKNOWN_PROCEDURE',
  /** A form item id the catalogue does not declare. */
  UNKNOWN_ITEM = 'UNKNOWN_ITEM',
}

/** A problem with what the caller gave this library; `problems` lists each one found, not only the first. */
export class ApplicationsError extends Error {
  constructor(
    readonly code: ApplicationsErrorCode,
    readonly problems: readonly string[],
  ) {
    super(`${code}: ${problems.join('; ')}`);
    this.name = 'ApplicationsError';
  }
}

/** Procedure codes asked of the catalogue that it does not declare, all of them at once. */
export class UnknownProcedureError extends ApplicationsError {
  constructor(readonly codes: readonly string[]) {
    super(
      ApplicationsErrorCode.UNKNOWN_PROCEDURE,
      codes.map((code) => `unknown procedure ${code}`),
    );
    this.name = 'UnknownProcedureError';
  }
}
