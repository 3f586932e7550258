import { Converter } from 'opencc-js';
import { pinyin } from 'pinyin-pro';

/**
 * Characters that are invisible in every department system's UI but make two
 * strings differ: control characters, format characters (zero-width space and
 * joiners, BOM, soft hyphen, bidi marks) and variation selectors (some systems
 * store a rare name character as base + IVS, others as the bare base
 * character). Removed *before* NFKC so that the result is already NFKC-normal;
 * the whitespace controls become spaces instead.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** Controls that separate words (tab, line breaks, NEL U+0085 from some exports). */
const WHITESPACE_CONTROLS: ReadonlySet<string> = new Set(['\t', '\n', '\v', '\f', '\r', '\u0085']);

function dropInvisible(ch: string): string {
  return WHITESPACE_CONTROLS.has(ch) ? ' ' : '';
}

/** JS `\s` covers U+3000 and NBSP. */
const WHITESPACE_RUN = /\s+/g;

/** Anything but printable ASCII: the only inputs opencc can change. */
const NOT_PRINTABLE_ASCII = /[^ -~]/;

/**
 * Normalizes free text for comparison: NFKC (full-width letters and digits to
 * ASCII), invisible characters removed, all whitespace (including the
 * ideographic space U+3000) collapsed to one space, trimmed, lower-cased.
 * Missing input is the empty string so callers never branch on null.
 */
export function normalizeText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .replace(INVISIBLE, dropInvisible)
    .normalize('NFKC')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .toLowerCase();
}

type ConvertFn = (text: string) => string;
let traditionalToSimplified: ConvertFn | undefined;

/**
 * 繁体 → 简体 (長興縣 → 长兴县). The Hong Kong preset is used because it also
 * folds the variant forms the Taiwan and plain presets leave alone (衞, 敍, 衹,
 * 粧) while keeping 著 as 著 (the Taiwan preset turns it into 着). The
 * converter's dictionaries take ~10 ms to build, so it is made on first use
 * and then shared; it holds no per-input cache.
 */
export function toSimplified(s: string): string {
  if (!NOT_PRINTABLE_ASCII.test(s)) return s;
  traditionalToSimplified ??= Converter({ from: 'hk', to: 'cn' });
  return traditionalToSimplified(s);
}

export interface PinyinOptions {
  /** Read the first character as a 姓 (surname): 单 → shan, 曾 → zeng, 解 → xie, 区 → ou. */
  personName?: boolean;
}

/** Runs of Han characters (read as pinyin) or of other letters/digits (kept as one token). */
const TOKEN_RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/** A pinyin-pro syllable, as opposed to a character it could not read and returned unchanged. */
const SYLLABLE = /^[a-z]+$/;

/**
 * Variant characters pinyin-pro has no reading for, mapped to the standard
 * character they are written for. Only certain, well-known pairs belong here.
 */
const HAN_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['𠮷', '吉'], // 土吉: the 吉 of the 吉野家 / 𠮷田 family names
]);

const PINYIN_PLAIN = { toneType: 'none', type: 'array', v: true } as const;
const PINYIN_SURNAME = { ...PINYIN_PLAIN, surname: 'head' } as const;

function readHanRun(run: string, asSurname: boolean, out: string[]): void {
  const syllables = pinyin(run, asSurname ? PINYIN_SURNAME : PINYIN_PLAIN);
  for (const syllable of syllables) {
    if (SYLLABLE.test(syllable)) {
      out.push(syllable);
      continue;
    }
    const variant = HAN_VARIANTS.get(syllable);
    const reading = variant === undefined ? undefined : pinyin(variant, PINYIN_PLAIN)[0];
    out.push(reading !== undefined && SYLLABLE.test(reading) ? reading : syllable);
  }
}

/** Tokens shared by {@link toPinyin} and {@link pinyinInitials}. */
function pinyinTokens(s: string, options?: PinyinOptions): string[] {
  return pinyinTokensOfNormalized(toSimplified(normalizeText(s)), options);
}

/** As `pinyinTokens`, for text already normalized and simplified (what `prepare` holds). */
function pinyinTokensOfNormalized(text: string, options?: PinyinOptions): string[] {
  const out: string[] = [];
  let surnamePending = options?.personName === true;
  TOKEN_RUN.lastIndex = 0;
  for (let m = TOKEN_RUN.exec(text); m !== null; m = TOKEN_RUN.exec(text)) {
    if (m[1] !== undefined) {
      readHanRun(m[1], surnamePending, out);
    } else {
      out.push(m[2]);
    }
    // Only the very first token of a name can be its surname.
    surnamePending = false;
  }
  return out;
}

/**
 * Toneless lower-case pinyin, syllables joined by single spaces, so that
 * homophone variants of a name (王伟/王玮) compare equal. ü is written `v`
 * (吕 → lv) to keep the key ASCII. Latin letters and digits stay as their
 * own lower-cased tokens; punctuation is dropped. A character pinyin-pro
 * cannot read is kept as it is.
 */
export function toPinyin(s: string, options?: PinyinOptions): string {
  return pinyinTokens(s, options).join(' ');
}

/**
 * `toPinyin` of text already through `normalizeText` and `toSimplified` (as
 * prepared records hold it): the same result without normalizing twice.
 */
export function pinyinOfNormalized(text: string, options?: PinyinOptions): string {
  return pinyinTokensOfNormalized(text, options).join(' ');
}

/** First letter of each pinyin syllable, without separators: 王伟 → `ww`. */
export function pinyinInitials(s: string, options?: PinyinOptions): string {
  return initialsOfTokens(pinyinTokens(s, options));
}

/** Initials of a `toPinyin` result (syllables separated by spaces). */
export function initialsOfPinyin(pinyin: string): string {
  return initialsOfTokens(pinyin.split(' '));
}

function initialsOfTokens(tokens: readonly string[]): string {
  let initials = '';
  for (const token of tokens) {
    // A kept astral character (a surrogate pair) stays whole.
    if (token !== '') initials += String.fromCodePoint(token.codePointAt(0) ?? 0);
  }
  return initials;
}

/** Spaces and the 间隔号 variants (·・•‧ and look-alikes) that separate parts of minority and foreign names. */
const NAME_SEPARATORS = /[\s\u00b7\u30fb\u2022\u2027\u2219\u22c5\u0387.]/g;

/**
 * A person's name as a comparison key: normalized, simplified, and with no
 * spaces or middle dots, because 阿卜杜·热合曼, 阿卜杜.热合曼 and 阿卜杜热合曼 are
 * the same name typed on different keyboards.
 */
export function normalizePersonName(s: string | null | undefined): string {
  return toSimplified(normalizeText(s)).replace(NAME_SEPARATORS, '');
}
