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

/** 统一社会信用代码 (GB 32100-2015): what the code itself tells. */
export interface UsccParts {
  /** 登记管理部门代码, position 1 (`9` = market regulator). */
  registrationAuthority: string;
  /** 机构类别代码, positions 1–2 read together (`91` enterprise, `92` 个体工商户 …). */
  entityCategory: string;
  /** 登记管理机关行政区划码: the registering office, not the business address. */
  divisionCode: string;
  /** 主体标识码 = 组织机构代码 (GB 11714), positions 9–17. */
  organizationCode: string;
}

/** The 31 symbols of GB 32100: I, O, S, V and Z are never used. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Weighted sum mod 31 check character over the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`'${first17[i]}' is not a USCC character`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 11714-1997 organization-code check character over its first 8 characters.
 * Its own value table: digits, then all 26 letters A=10 … Z=35 (so M is 22
 * here but 21 in the USCC table).
 */
export function organizationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError('organizationCodeCheckChar needs 8 digits or capital letters');
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8.charCodeAt(i);
    const v = ch <= 57 ? ch - 48 : ch - 55;
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates and normalizes a 统一社会信用代码. */
export function validateUscc(raw: string): ValidationResult<UsccParts> {
  const input = raw;
  const value = normalizeIdentifierInput(raw);
  if (value.length === 0) {
    return invalid(
      input,
      value,
      issue(R.EMPTY, '统一社会信用代码为空', 'The unified social credit code is empty'),
    );
  }
  if (value.length !== 18) {
    return invalid(
      input,
      value,
      issue(
        R.LENGTH,
        `统一社会信用代码应为18位，实为${value.length}位`,
        `A unified social credit code has 18 characters, got ${value.length}`,
      ),
    );
  }
  if (!USCC_PATTERN.test(value)) {
    const badAt = [...value].findIndex((c) => !USCC_ALPHABET.includes(c));
    if (badAt < 0) {
      return invalid(
        input,
        value,
        issue(
          R.CHARSET,
          '第3至8位应为行政区划代码（数字）',
          'Positions 3 to 8 must be a division code (digits)',
        ),
      );
    }
    const bad = value[badAt];
    // At the check position, say what the check character should have been: that is what the clerk needs to fix it.
    const hint =
      badAt === 17 && USCC_PATTERN.test(value.slice(0, 17) + '0')
        ? {
            zh: `，校验码应为 ${usccCheckChar(value.slice(0, 17))}`,
            en: `; the check character is expected ${usccCheckChar(value.slice(0, 17))}`,
          }
        : { zh: '', en: '' };
    return invalid(
      input,
      value,
      issue(
        R.CHARSET,
        `第${badAt + 1}位含有不允许的字符 ${bad}（统一社会信用代码不使用 I、O、S、V、Z）${hint.zh}`,
        `Character ${bad} at position ${badAt + 1} is not allowed (the code never uses I, O, S, V or Z)${hint.en}`,
      ),
    );
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return invalid(input, value, checkCharacterIssue(expected, value[17]));
  }
  const warnings: IdentifierIssue[] = [];
  const organizationCode = value.slice(8, 17);
  if (organizationCodeCheckChar(organizationCode.slice(0, 8)) !== organizationCode[8]) {
    warnings.push(
      issue(
        R.ORGANIZATION_CODE_CHECK,
        `主体标识码 ${organizationCode} 未通过 GB 11714 校验（仅提示）`,
        `The organization code ${organizationCode} fails its GB 11714 check (warning only)`,
      ),
    );
  }
  if (!hasProvincePrefix(value.slice(2, 8))) {
    warnings.push(
      issue(
        R.DIVISION_CODE,
        `登记管理机关行政区划码 ${value.slice(2, 8)} 的省级前缀未知（仅提示）`,
        `The registering office's division code ${value.slice(2, 8)} has an unknown province prefix (warning only)`,
      ),
    );
  }
  return {
    valid: true,
    value,
    input,
    warnings,
    parts: {
      registrationAuthority: value[0],
      entityCategory: value.slice(0, 2),
      divisionCode: value.slice(2, 8),
      organizationCode,
    },
  };
}
