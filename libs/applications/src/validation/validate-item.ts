import {
  hasProvincePrefix,
  IdentifierReason,
  validateProjectCode,
  validateRealEstateUnitNo,
  validateResidentId,
  validateUscc,
  type IdentifierIssue,
  type ValidationResult,
} from '@oncegate/identifiers';
import type { FormItem } from '../catalogue/procedure-catalogue';
import { isRealDate } from '../calendar/china-date';
import { accept, itemMessage, ItemProblemCode as P, refuse, type ItemResult } from './item-problem';
import {
  compareDecimal,
  decimalOfNumber,
  formatDecimal,
  parseDecimal,
  type ParsedDecimal,
} from './numbers';
import { lacksAreaCode, parseLandline, parseMobile } from './phone';

export interface ValidateItemOptions {
  /** "Today" for rules that look at it (a birth date not in the future, a project code's time group); default now. */
  readonly now?: Date;
}

/** Dates outside these years are typing errors in an application form (0202, 20266). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/**
 * Checks and normalizes one value typed for one item. `raw` is the text as
 * entered; the result's `value` is what is stored and sent to departments
 * (the catalogue's normal form of the item type, see the README). A blank
 * value is refused (`EMPTY`): whether it may be left out is the form's
 * question (`validateForm`). Messages never repeat the value of a personal item.
 */
export function validateItem(
  item: FormItem,
  raw: string,
  options: ValidateItemOptions = {},
): ItemResult {
  if (typeof raw !== 'string') return refuse(item, P.FORMAT, '应为文本', 'must be text');
  if (raw.normalize('NFKC').trim() === '') {
    return refuse(item, P.EMPTY, '不能为空', 'must not be empty');
  }
  const now = options.now ?? new Date();
  switch (item.type) {
    case 'text':
      return validateText(item, raw);
    case 'uscc':
      return identifier(item, validateUscc(raw));
    case 'residentId':
      return identifier(item, validateResidentId(raw, { today: now }));
    case 'projectCode':
      return identifier(item, validateProjectCode(raw, now));
    case 'realEstateUnitNo':
      return identifier(item, validateRealEstateUnitNo(raw));
    case 'divisionCode':
      return validateDivisionCode(item, raw);
    case 'mobile': {
      const mobile = parseMobile(raw);
      return mobile !== null
        ? accept(mobile)
        : refuse(item, P.FORMAT, '应为11位手机号码', 'must be an 11-digit mainland mobile number');
    }
    case 'phone':
      return validatePhone(item, raw);
    case 'decimal':
      return validateDecimal(item, raw);
    case 'integer':
      return validateInteger(item, raw);
    case 'date':
      return validateDate(item, raw);
    case 'code':
      return validateCode(item, raw);
    case 'codes':
      return validateCodes(item, raw);
    case 'bankAccount': {
      const account = raw.normalize('NFKC').replace(/\s/g, '');
      return /^\d{8,32}$/.test(account)
        ? accept(account)
        : refuse(item, P.FORMAT, '应为8至32位数字', 'must be 8 to 32 digits');
    }
  }
}

function validateText(item: FormItem, raw: string): ItemResult {
  const value = raw.normalize('NFKC').trim();
  // Unpaired surrogates cannot be stored as utf8mb4; control characters are nothing a person types.
  if (/[\p{Cc}\p{Cs}]/u.test(value)) {
    return refuse(
      item,
      P.INVALID_CHARACTER,
      '含有控制字符或无法保存的字符',
      'contains control characters or characters that cannot be stored',
    );
  }
  // Characters as people count them (and as utf8mb4 columns do): 𠮷 is one, not two UTF-16 units.
  if (item.maxLength !== undefined && [...value].length > item.maxLength) {
    return refuse(
      item,
      P.TOO_LONG,
      `最多${item.maxLength}个字符`,
      `at most ${item.maxLength} characters`,
    );
  }
  return accept(value);
}

/** Expected length, for the message of a personal identifier of the wrong length. */
const LENGTH_HINTS: Partial<Record<FormItem['type'], [string, string]>> = {
  uscc: ['应为18位', 'has 18 characters'],
  residentId: ['应为18位（或旧版15位）', 'has 18 characters (or 15 in the old form)'],
  projectCode: ['应为24位（含4个连字符）', 'has 24 characters with 4 hyphens'],
  realEstateUnitNo: ['应为28位', 'has 28 characters'],
};

/**
 * Words for an identifier problem that contain nothing of the value: used for
 * resident ID numbers and any item marked personal, where the identifiers
 * library's own messages (which quote digits to help a clerk) must not go.
 */
function withoutValue(item: FormItem, code: IdentifierReason): [string, string] {
  switch (code) {
    case IdentifierReason.EMPTY:
      return ['不能为空', 'must not be empty'];
    case IdentifierReason.LENGTH:
      return LENGTH_HINTS[item.type] ?? ['位数不对', 'has the wrong number of characters'];
    case IdentifierReason.CHARSET:
      return [
        '含有不允许的字符（形近字母不会自动更正）',
        'contains characters that are not allowed (look-alike letters are not corrected)',
      ];
    case IdentifierReason.CHECK_CHARACTER:
      return ['校验码不符，请逐位核对', 'the check character does not match: check each character'];
    case IdentifierReason.X_POSITION:
      return ['字母X只能是最后一位', 'X may only be the last character'];
    case IdentifierReason.BIRTH_DATE_INVALID:
      return ['其中的出生日期不是有效日期', 'the birth date in it is not a real date'];
    case IdentifierReason.BIRTH_DATE_FUTURE:
      return ['其中的出生日期晚于今天', 'the birth date in it is in the future'];
    case IdentifierReason.PROVINCE_PREFIX:
      return ['前两位不是省级行政区划代码', 'the first two digits are not a province code'];
    case IdentifierReason.DIVISION_CODE:
      return ['其中的行政区划代码无效', 'the division code in it is not valid'];
    case IdentifierReason.ORGANIZATION_CODE_CHECK:
      return [
        '主体标识码校验位不符（仅提示）',
        'the organization code fails its check (warning only)',
      ];
    case IdentifierReason.FORMAT:
      return ['格式不对', 'is not in the expected format'];
    case IdentifierReason.TIME_CODE:
      return ['时间代码无效', 'the time code is not valid'];
    case IdentifierReason.OWNERSHIP_FLAG:
      return ['宗地特征码无效', 'the ownership flag is not valid'];
    case IdentifierReason.RIGHT_TYPE:
      return ['权利类型特征码无效', 'the right-type flag is not valid'];
    case IdentifierReason.FIXTURE_FLAG:
      return ['定着物特征码无效', 'the fixture flag is not valid'];
    case IdentifierReason.SEQUENCE:
      return ['宗地顺序号无效', 'the parcel sequence is not valid'];
    case IdentifierReason.UNIT_NUMBER:
      return ['定着物单元编号无效', 'the fixture unit number is not valid'];
  }
}

function problemCodeOf(code: IdentifierReason): P {
  switch (code) {
    case IdentifierReason.EMPTY:
      return P.EMPTY;
    case IdentifierReason.LENGTH:
    case IdentifierReason.CHARSET:
    case IdentifierReason.X_POSITION:
    case IdentifierReason.FORMAT:
      return P.FORMAT;
    case IdentifierReason.CHECK_CHARACTER:
      return P.CHECK_CHARACTER;
    case IdentifierReason.BIRTH_DATE_INVALID:
    case IdentifierReason.BIRTH_DATE_FUTURE:
    case IdentifierReason.PROVINCE_PREFIX:
    case IdentifierReason.DIVISION_CODE:
    case IdentifierReason.ORGANIZATION_CODE_CHECK:
    case IdentifierReason.TIME_CODE:
    case IdentifierReason.OWNERSHIP_FLAG:
    case IdentifierReason.RIGHT_TYPE:
    case IdentifierReason.FIXTURE_FLAG:
    case IdentifierReason.SEQUENCE:
    case IdentifierReason.UNIT_NUMBER:
      return P.INVALID_IDENTIFIER;
  }
}

function identifier<T>(item: FormItem, result: ValidationResult<T>): ItemResult {
  const personal = item.personal || item.type === 'residentId';
  const words = (issue: IdentifierIssue): string =>
    personal
      ? itemMessage(item, ...withoutValue(item, issue.code))
      : itemMessage(item, issue.message.zh, issue.message.en);
  if (result.valid) return accept(result.value, result.warnings.map(words));
  return { ok: false, code: problemCodeOf(result.reason.code), message: words(result.reason) };
}

function validateDivisionCode(item: FormItem, raw: string): ItemResult {
  const code = raw.normalize('NFKC').replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) {
    return refuse(
      item,
      P.FORMAT,
      '应为6位数字行政区划代码（GB/T 2260）',
      'must be a 6-digit GB/T 2260 division code',
    );
  }
  return hasProvincePrefix(code)
    ? accept(code)
    : refuse(
        item,
        P.INVALID_IDENTIFIER,
        '前两位不是省级行政区划代码',
        'the first two digits are not a province code',
      );
}

function validatePhone(item: FormItem, raw: string): ItemResult {
  const number = parseMobile(raw) ?? parseLandline(raw);
  if (number !== null) return accept(number);
  return lacksAreaCode(raw)
    ? refuse(
        item,
        P.FORMAT,
        '固定电话须带区号（如 0572-6021234）',
        'a landline needs its area code, e.g. 0572-6021234',
      )
    : refuse(
        item,
        P.FORMAT,
        '应为手机号码或带区号的固定电话（如 0572-6021234）',
        'must be a mobile number or a landline with its area code, e.g. 0572-6021234',
      );
}

/** min/max of a numeric item, as a refusal if the value is outside them. */
function outsideBounds(item: FormItem, value: ParsedDecimal): ItemResult | null {
  const below = item.min !== undefined && compareDecimal(value, decimalOfNumber(item.min)) < 0;
  const above = item.max !== undefined && compareDecimal(value, decimalOfNumber(item.max)) > 0;
  if (!below && !above) return null;
  if (item.min !== undefined && item.max !== undefined) {
    return refuse(
      item,
      P.OUT_OF_RANGE,
      `应在${item.min}至${item.max}之间`,
      `must be from ${item.min} to ${item.max}`,
    );
  }
  return below
    ? refuse(item, P.OUT_OF_RANGE, `不得小于${item.min}`, `must be at least ${item.min}`)
    : refuse(item, P.OUT_OF_RANGE, `不得大于${item.max}`, `must be at most ${item.max}`);
}

function validateDecimal(item: FormItem, raw: string): ItemResult {
  const value = parseDecimal(raw.normalize('NFKC').trim());
  if (value === null) {
    return refuse(item, P.FORMAT, '应为数字（如 1234.56）', 'must be a number, e.g. 1234.56');
  }
  if (item.scale !== undefined && value.fraction.length > item.scale) {
    return item.scale === 0
      ? refuse(item, P.TOO_MANY_DECIMALS, '应为整数', 'must be a whole number')
      : refuse(
          item,
          P.TOO_MANY_DECIMALS,
          `最多${item.scale}位小数`,
          `at most ${item.scale} decimal places`,
        );
  }
  return outsideBounds(item, value) ?? accept(formatDecimal(value));
}

function validateInteger(item: FormItem, raw: string): ItemResult {
  const text = raw.normalize('NFKC').trim();
  const value = text.includes('.') ? null : parseDecimal(text);
  if (value === null) {
    return refuse(item, P.FORMAT, '应为整数', 'must be a whole number');
  }
  return outsideBounds(item, value) ?? accept(formatDecimal(value));
}

/** 2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日, 20260105. */
const DATE_FORMS = [
  /^(?<year>\d{4})(?<sep>[-/.])(?<month>\d{1,2})\k<sep>(?<day>\d{1,2})$/,
  /^(?<year>\d{4})年(?<month>\d{1,2})月(?<day>\d{1,2})日?$/,
  /^(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})$/,
];

function validateDate(item: FormItem, raw: string): ItemResult {
  const text = raw.normalize('NFKC').replace(/\s/g, '');
  const parts = DATE_FORMS.map((form) => form.exec(text)?.groups).find((g) => g !== undefined);
  if (parts === undefined) {
    return refuse(
      item,
      P.FORMAT,
      '应为日期，格式 YYYY-MM-DD（如 2026-01-05）',
      'must be a date as YYYY-MM-DD, e.g. 2026-01-05',
    );
  }
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  if (year < FIRST_YEAR || year > LAST_YEAR || !isRealDate(year, month, day)) {
    return refuse(
      item,
      P.INVALID_DATE,
      `不是${FIRST_YEAR}至${LAST_YEAR}年间的有效日期`,
      `is not a real date between ${FIRST_YEAR} and ${LAST_YEAR}`,
    );
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return accept(`${year}-${pad(month)}-${pad(day)}`);
}

function codeTable(item: FormItem): Readonly<Record<string, string>> {
  return item.codes ?? {};
}

function choices(item: FormItem): [string, string] {
  const entries = Object.entries(codeTable(item));
  return [
    entries.map(([code, label]) => `${code} ${label}`).join('、'),
    entries.map(([code]) => code).join(', '),
  ];
}

function validateCode(item: FormItem, raw: string): ItemResult {
  const code = raw.normalize('NFKC').trim().toUpperCase();
  if (Object.hasOwn(codeTable(item), code)) return accept(code);
  const [zh, en] = choices(item);
  return refuse(item, P.UNKNOWN_CODE, `不是可选的值（可选：${zh}）`, `must be one of ${en}`);
}

/** Comma-separated codes (also ，、；), each a key of the table, once; normalized to catalogue order. */
function validateCodes(item: FormItem, raw: string): ItemResult {
  const table = codeTable(item);
  const given = raw
    .normalize('NFKC')
    .split(/[,、;]/)
    .map((part) => part.trim().toUpperCase())
    .filter((part) => part !== '');
  if (given.length === 0) return refuse(item, P.EMPTY, '不能为空', 'must not be empty');
  if (given.some((code) => !Object.hasOwn(table, code))) {
    const [zh, en] = choices(item);
    return refuse(
      item,
      P.UNKNOWN_CODE,
      `含有不可选的值（可选：${zh}）`,
      `each must be one of ${en}`,
    );
  }
  if (new Set(given).size !== given.length) {
    return refuse(item, P.DUPLICATE_CODE, '有重复的选项', 'lists a choice twice');
  }
  return accept(
    Object.keys(table)
      .filter((code) => given.includes(code))
      .join(','),
  );
}
