/**
 * Telephone numbers as applicants type them: `+86 138-1234-5678`,
 * `0572-1234567`, `(0572) 1234567-801`, `0572 1234567转801`.
 */

/** 手机号码: 11 digits, 1 then 3–9. */
const MOBILE = /^1[3-9]\d{9}$/;
/** +86 or 0086 in front of a landline, optionally in brackets. */
const COUNTRY_CODE = /^\(?(?:\+|00)86\)?/;
/** An extension named as one at the end: 转801, 分机801, ext. 801, x801, #801. */
const NAMED_EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
/** Fewest digits of a landline with its area code (3-digit area + 8, or 4-digit area + 7). */
const LANDLINE_MIN_DIGITS = 11;

/** NFKC (full-width digits, ＋, （）, －) and dash look-alikes as hyphens. */
function clean(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();
}

/**
 * A mainland mobile number as its 11 digits, or null. Tolerates a +86, 0086
 * or 86 country code, spaces, hyphens and brackets; nothing else.
 */
export function parseMobile(raw: string): string | null {
  let text = clean(raw);
  const country = /^\(?(?:\+|00)?86\)?/.exec(text);
  if (country !== null) text = text.slice(country[0].length);
  if (!/^[\d\s()-]+$/.test(text)) return null;
  const digits = text.replace(/[\s()-]/g, '');
  return MOBILE.test(digits) ? digits : null;
}

/**
 * A landline with its area code (区号) as `0572-1234567`, an extension as
 * `0572-1234567-801`; or null. Area codes are 010 and 02x (then 8-digit local
 * numbers) or 0xxx (7 or 8 digits); local numbers start with 2–9. Written
 * internationally (+86 572 …) the area code loses its 0, which comes back.
 */
export function parseLandline(raw: string): string | null {
  let text = clean(raw);
  let extension: string | null = null;
  const named = NAMED_EXTENSION.exec(text);
  if (named !== null) {
    extension = named[1];
    text = text.slice(0, named.index).trim();
  }
  const country = COUNTRY_CODE.exec(text);
  if (country !== null) text = text.slice(country[0].length).trim();
  if (!/^[\d\s()-]+$/.test(text)) return null;
  const groups = text.match(/\d+/g);
  if (groups === null) return null;
  if (country !== null && !groups[0].startsWith('0')) groups[0] = `0${groups[0]}`;

  // Groups are joined until the number is complete; one more group is a hyphenated extension (0572-1234567-801).
  let number = groups[0];
  let next = 1;
  while (next < groups.length && number.length < LANDLINE_MIN_DIGITS) number += groups[next++];
  if (next < groups.length) {
    if (extension !== null || next !== groups.length - 1 || groups[next].length > 6) return null;
    extension = groups[next];
  }

  const area = /^0[12]/.test(number) ? number.slice(0, 3) : number.slice(0, 4);
  const local = number.slice(area.length);
  const areaOk = area === '010' || /^02\d$/.test(area) || /^0[3-9]\d{2}$/.test(area);
  const localOk = area.length === 3 ? /^[2-9]\d{7}$/.test(local) : /^[2-9]\d{6,7}$/.test(local);
  if (!areaOk || !localOk) return null;
  return `${area}-${local}${extension === null ? '' : `-${extension}`}`;
}

/** A 7–8 digit local number written without its area code: worth its own message. */
export function lacksAreaCode(raw: string): boolean {
  return /^[2-9]\d{6,7}$/.test(clean(raw).replace(/[\s()-]/g, ''));
}
