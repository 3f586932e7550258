/**
 * Why an identifier was refused (or warned about). Codes are stable: clients
 * branch on them; messages are for people, in Chinese and English.
 */
export enum IdentifierReason {
  EMPTY = 'EMPTY',
  LENGTH = 'LENGTH',
  CHARSET = 'CHARSET',
  CHECK_CHARACTER = 'CHECK_CHARACTER',
  X_POSITION = 'X_POSITION',
  BIRTH_DATE_INVALID = 'BIRTH_DATE_INVALID',
  BIRTH_DATE_FUTURE = 'BIRTH_DATE_FUTURE',
  PROVINCE_PREFIX = 'PROVINCE_PREFIX',
  DIVISION_CODE = 'DIVISION_CODE',
  ORGANIZATION_CODE_CHECK = 'ORGANIZATION_CODE_CHECK',
  FORMAT = 'FORMAT',
  TIME_CODE = 'TIME_CODE',
  OWNERSHIP_FLAG = 'OWNERSHIP_FLAG',
  RIGHT_TYPE = 'RIGHT_TYPE',
  FIXTURE_FLAG = 'FIXTURE_FLAG',
  SEQUENCE = 'SEQUENCE',
  UNIT_NUMBER = 'UNIT_NUMBER',
}

export interface LocalizedMessage {
  zh: string;
  en: string;
}

export interface IdentifierIssue {
  code: IdentifierReason;
  message: LocalizedMessage;
}

export function issue(code: IdentifierReason, zh: string, en: string): IdentifierIssue {
  return { code, message: { zh, en } };
}

/** What every validator returns: the normalized value when valid, the reason when not. */
export type ValidationResult<TParts> =
  | {
      valid: true;
      /** The normalized value to store. */
      value: string;
      /** The input exactly as given, to keep for audit. */
      input: string;
      parts: TParts;
      /** Rules that are not certain enough to reject on (china-domain.md markers [M]/[I]). */
      warnings: IdentifierIssue[];
    }
  | {
      valid: false;
      input: string;
      /** The input after normalization, for showing the user what was checked. */
      normalized: string;
      reason: IdentifierIssue;
    };

export function invalid<T>(
  input: string,
  normalized: string,
  reason: IdentifierIssue,
): ValidationResult<T> {
  return { valid: false, input, normalized, reason };
}

/** The same words for every check-character failure, naming what was expected. */
export function checkCharacterIssue(expected: string, actual: string): IdentifierIssue {
  return issue(
    IdentifierReason.CHECK_CHARACTER,
    `校验码错误：末位应为 ${expected}，实为 ${actual}`,
    `Check character mismatch: expected ${expected}, got ${actual}`,
  );
}
