import { normalizeText } from './text';

/** An explicit country code: +86, 0086, (+86). */
const COUNTRY_CODE = /^\(?(?:\+|00)\s*86\)?[\s.-]*(?:\(0\))?/;

/**
 * Where the first number ends: an extension (转, 分机, ext, x, #) or the
 * separator before a second number (0572-6021234/13812345678). Only the
 * first number is kept; concatenating two would match nothing.
 */
const END_OF_NUMBER = /转|分机|ext|[x#*/,;，；、|]|或/;

const DIGIT_GROUPS = /\d+/g;
const FIRST_DIGIT = /\d/;
/** A label in front of the number: 电话：, tel:, 手机 (but not the ( of (0572) or the + of +86). */
const LEADING_LABEL = /^[^\d+(]+/;
/** 手机号码: 11 digits, 1 then 3–9. */
const MOBILE = /^1[3-9]\d{9}$/;
/** 86 written without + or 00 before a mobile number: 8613812345678. */
const BARE_86_MOBILE = /^861[3-9]\d{9}/;

/** Digits a complete number has, judged from its start; anything after it is an extension. */
function completeLength(digits: string): number {
  if (digits.startsWith('0')) {
    // 区号 010 and 02x are three digits, all others four; local numbers have 7 or 8.
    return (digits[1] === '1' || digits[1] === '2' ? 3 : 4) + 7;
  }
  return digits.startsWith('1') ? 11 : 7;
}

/**
 * A phone number as a comparison key: digits only, the +86/0086 country
 * code dropped before a mobile number, landlines with their area code and
 * its leading 0 ('0572-6021234', '(0572)6021234' and '+86 572 6021234' all
 * give 05726021234), extensions dropped. Fewer than 7 digits is no number
 * (null): 95588 and 110 identify no one.
 */
export function normalizePhone(s: string | null | undefined): string | null {
  let text = normalizeText(s).replace(LEADING_LABEL, '');
  const country = COUNTRY_CODE.exec(text);
  if (country !== null) text = text.slice(country[0].length);
  const firstDigit = text.search(FIRST_DIGIT);
  if (firstDigit < 0) return null;
  const end = END_OF_NUMBER.exec(text.slice(firstDigit));
  if (end !== null) text = text.slice(0, firstDigit + end.index);

  const groups = text.match(DIGIT_GROUPS);
  if (groups === null) return null;
  const joined = groups.join('');
  if (MOBILE.test(joined.slice(0, 11)) && (country !== null || joined.length === 11)) {
    return joined.slice(0, 11);
  }
  if (country === null && BARE_86_MOBILE.test(joined)) return joined.slice(2, 13);
  if (country !== null && !joined.startsWith('0')) {
    // Written internationally, a landline loses the trunk 0 of its area code: +86 572 6021234.
    groups[0] = '0' + groups[0];
  }

  // Groups are joined until the number is complete; later groups are an extension (0572-6021234-123).
  let digits = groups[0];
  for (let i = 1; i < groups.length && digits.length < completeLength(digits); i++) {
    digits += groups[i];
  }
  return digits.length >= 7 ? digits : null;
}
