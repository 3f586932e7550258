import {
  normalizeIdentifierInput,
  upgradeResidentId15,
  validateResidentId,
  validateUscc,
} from '@oncegate/identifiers';

/** 居民身份证号码 or 统一社会信用代码: the identifiers that link records across departments. */
export type MatchIdentifierScheme = 'RESIDENT_ID' | 'USCC';

/** An identifier as entity resolution uses it. */
export interface MatchIdentifier {
  /** Normalized (NFKC, upper case, no spaces or hyphens); 15-digit resident IDs in their 18-digit form. */
  value: string;
  /**
   * Whether the value passes its scheme's checks. An invalid value is a weak
   * signal (a typo may still agree with another record's typo), never a key.
   */
  valid: boolean;
  /** The record held the legacy 15-digit 身份证号码 (GB 11643-1989). */
  upgradedFrom15: boolean;
}

const FIFTEEN_DIGITS = /^\d{15}$/;
const ANY_DIGIT = /\d/;

/**
 * Normalizes an identifier for comparison. Empty input gives null, and so
 * does input without a single digit (无, 不详, N/A): such placeholders are
 * shared by many unrelated records and would otherwise agree as a signal.
 */
export function normalizeIdentifierForMatching(
  scheme: MatchIdentifierScheme,
  raw: string | null | undefined,
): MatchIdentifier | null {
  if (raw === null || raw === undefined) return null;
  const normalized = normalizeIdentifierInput(raw);
  if (!ANY_DIGIT.test(normalized)) return null;

  switch (scheme) {
    case 'RESIDENT_ID': {
      const upgradedFrom15 = FIFTEEN_DIGITS.test(normalized);
      // Upgrading is arithmetic (century + check digit), so it is done even when the number
      // then fails another rule: its 18-digit form is what other departments will have stored.
      const value = upgradedFrom15 ? upgradeResidentId15(normalized) : normalized;
      return { value, valid: validateResidentId(value).valid, upgradedFrom15 };
    }
    case 'USCC':
      return { value: normalized, valid: validateUscc(normalized).valid, upgradedFrom15: false };
  }
}
