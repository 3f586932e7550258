import { normalizeText, toSimplified } from './text';

/** `12#楼` is how clerks type 12号楼. */
const HASH_AFTER_DIGIT = /(\d)#/g;

/** Any dash between two digits (2－301, 2—301, 2 - 301) is the house-number hyphen. */
const DASH_BETWEEN_DIGITS = /(\d)\s*[-\u2010-\u2015\u2212\u2500\ufe58\ufe63]+\s*(?=\d)/g;

/**
 * Chinese numerals directly before a house-number unit: 十二号, 三幢, 二单元,
 * 一〇八室. Other numerals are left alone (五一路, 三里桥, 十字街): they are
 * parts of names, and rewriting them gains nothing.
 */
const NUMERAL_BEFORE_UNIT =
  /([〇零一二三四五六七八九十百千]+)(?=号|幢|栋|楼|层|室|单元|弄|组|座|期|排)/g;

/** Whitespace, punctuation and symbols, except the ASCII hyphen (handled next). */
const NOISE = /[\s\p{S}]|[^\P{P}-]/gu;
/** A hyphen that is not between two digits carries no information. */
const LOOSE_HYPHEN = /(?<!\d)-|-(?!\d)/g;

const DIGIT_VALUES: ReadonlyMap<string, number> = new Map([
  ['〇', 0],
  ['零', 0],
  ['一', 1],
  ['二', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);
const UNIT_VALUES: ReadonlyMap<string, number> = new Map([
  ['十', 10],
  ['百', 100],
  ['千', 1000],
]);

/**
 * 十二 → 12, 一百零五 → 105, 一〇八 → 108 (read digit by digit). null for
 * anything that is not a well-formed number (百 alone, 十十), which is then
 * left as written.
 */
function chineseNumeralToArabic(numeral: string): string | null {
  let hasUnit = false;
  for (const ch of numeral) if (UNIT_VALUES.has(ch)) hasUnit = true;
  if (!hasUnit) {
    let digits = '';
    for (const ch of numeral) digits += String(DIGIT_VALUES.get(ch));
    return digits;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (let i = 0; i < numeral.length; i++) {
    const ch = numeral[i];
    const unit = UNIT_VALUES.get(ch);
    if (unit === undefined) {
      const digit = DIGIT_VALUES.get(ch) ?? 0;
      if (digit === 0) {
        // 零 only fills a gap: 一百零五.
        if (pending !== null) return null;
        continue;
      }
      if (pending !== null) return null;
      pending = digit;
      continue;
    }
    if (unit >= lastUnit) return null;
    // A leading 十 means 一十 (十二 = 12); 百 and 千 need their digit.
    if (pending === null && !(unit === 10 && i === 0)) return null;
    total += (pending ?? 1) * unit;
    pending = null;
    lastUnit = unit;
  }
  return String(total + (pending ?? 0));
}

/**
 * An address as a comparison key: normalized and simplified, without
 * whitespace or punctuation; a dash between digits stays as `-` (2-301室),
 * `#` after a number becomes 号, and Chinese numerals in house numbers
 * become digits (十二号 → 12号, 三幢 → 3幢). Deliberately conservative: no
 * abbreviations are expanded and no administrative levels are dropped.
 */
export function normalizeAddress(s: string): string {
  return (
    toSimplified(normalizeText(s))
      .replace(HASH_AFTER_DIGIT, '$1号')
      .replace(DASH_BETWEEN_DIGITS, '$1-')
      .replace(NOISE, '')
      .replace(LOOSE_HYPHEN, '')
      // Last, so that 三 # 幢 and 三幢 agree (and a second pass changes nothing).
      .replace(NUMERAL_BEFORE_UNIT, (numeral: string) => chineseNumeralToArabic(numeral) ?? numeral)
  );
}
