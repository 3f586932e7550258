import { hasProvincePrefix } from './division';
import {
  checkCharacterIssue,
  IdentifierReason as R,
  invalid,
  issue,
  type IdentifierIssue,
  type ValidationResult,
} from './identifier-issue';
import { normalizeIdentifierInput } from './normalize';

/** 居民身份证号码 (公民身份号码, GB 11643-1999): what the number itself tells. */
export interface ResidentIdParts {
  /** 地址码: the county where the household was registered when the number was issued. */
  areaCode: string;
  provinceCode: string;
  /** 出生日期 as `YYYY-MM-DD`. */
  birthDate: string;
  /** 顺序码 digit 17: odd is male, even is female. */
  gender: 'MALE' | 'FEMALE';
  /** The 15-digit number (GB 11643-1989) this one was upgraded from, kept for the record. */
  upgradedFrom: string | null;
}

export interface ResidentIdOptions {
  /** "Today" for the not-in-the-future rule; defaults to now. */
  today?: Date;
  /** Century for upgrading a 15-digit number: '19', or '18' for the centenarian sequence codes. */
  century?: '18' | '19';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('residentIdCheckChar needs exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Upgrades a 15-digit number (area 6 + YYMMDD + sequence 3, no check digit)
 * to 18 digits: the century goes in after the area code and the check
 * character is computed (GB 11643-1999).
 */
export function upgradeResidentId15(id15: string, century: '18' | '19' = '19'): string {
  const id = normalizeIdentifierInput(id15);
  if (!/^\d{15}$/.test(id)) {
    throw new RangeError('upgradeResidentId15 needs exactly 15 digits');
  }
  const first17 = id.slice(0, 6) + century + id.slice(6);
  return first17 + residentIdCheckChar(first17);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function todayKey(today: Date): string {
  // Birth dates are calendar dates in China Standard Time (UTC+8), the zone the number was issued in.
  const cst = new Date(today.getTime() + 8 * 3600_000);
  return cst.toISOString().slice(0, 10);
}

/** Validates and normalizes a 居民身份证号码, upgrading 15-digit numbers. */
export function validateResidentId(
  raw: string,
  options: ResidentIdOptions = {},
): ValidationResult<ResidentIdParts> {
  const input = raw;
  let value = normalizeIdentifierInput(raw);
  if (value.length === 0) {
    return invalid(
      input,
      value,
      issue(R.EMPTY, '身份证号码为空', 'The resident ID number is empty'),
    );
  }
  let upgradedFrom: string | null = null;
  if (value.length === 15) {
    if (!/^\d{15}$/.test(value)) {
      return invalid(
        input,
        value,
        issue(
          R.CHARSET,
          '15位身份证号码只能由数字组成',
          'A 15-digit resident ID number has digits only',
        ),
      );
    }
    upgradedFrom = value;
    value = upgradeResidentId15(value, options.century ?? '19');
  }
  if (value.length !== 18) {
    return invalid(
      input,
      value,
      issue(
        R.LENGTH,
        `身份证号码应为18位（或旧版15位），实为${value.length}位`,
        `A resident ID number has 18 characters (or 15 in the old form), got ${value.length}`,
      ),
    );
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    const xInside = /X/.test(value.slice(0, 17)) && /^[\dX]{18}$/.test(value);
    return xInside
      ? invalid(
          input,
          value,
          issue(
            R.X_POSITION,
            '字母X只能出现在最后一位',
            'The letter X may only be the last character',
          ),
        )
      : invalid(
          input,
          value,
          issue(
            R.CHARSET,
            '身份证号码前17位应为数字，末位为数字或X（字母O、I等不会自动更正）',
            'The first 17 characters must be digits and the last a digit or X (look-alike letters such as O or I are not corrected)',
          ),
        );
  }
  if (!hasProvincePrefix(value)) {
    return invalid(
      input,
      value,
      issue(
        R.PROVINCE_PREFIX,
        `地址码前两位 ${value.slice(0, 2)} 不是省级行政区划代码`,
        `The first two digits ${value.slice(0, 2)} are not a province code`,
      ),
    );
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isRealDate(year, month, day) || year < 1800) {
    return invalid(
      input,
      value,
      issue(
        R.BIRTH_DATE_INVALID,
        `出生日期 ${value.slice(6, 14)} 不是有效日期`,
        `The birth date ${value.slice(6, 14)} is not a real date`,
      ),
    );
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > todayKey(options.today ?? new Date())) {
    return invalid(
      input,
      value,
      issue(
        R.BIRTH_DATE_FUTURE,
        `出生日期 ${birthDate} 晚于今天`,
        `The birth date ${birthDate} is in the future`,
      ),
    );
  }
  const expected = residentIdCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return invalid(input, value, checkCharacterIssue(expected, value[17]));
  }
  const warnings: IdentifierIssue[] = [];
  return {
    valid: true,
    value,
    input,
    warnings,
    parts: {
      areaCode: value.slice(0, 6),
      provinceCode: value.slice(0, 2),
      birthDate,
      gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
      upgradedFrom,
    },
  };
}
