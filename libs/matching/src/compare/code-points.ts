/**
 * Module-level scratch space shared by the string comparators.
 *
 * The comparators run on tens of millions of candidate pairs, so they must not allocate per call:
 * each call decodes its two strings into these Int32Arrays (grown on demand, never shrunk) and works
 * on code points, so a name with an astral character such as 𠮷 (U+20BB7) counts as one character,
 * not two UTF-16 units. Everything here is synchronous, so one set of buffers is safe to share — as
 * long as a comparator never calls another one between loading and reading the buffers.
 */
export const scratch = {
  a: new Int32Array(64),
  b: new Int32Array(64),
  /**
   * Jaro "already matched" marks: a position is marked when it holds the current `stamp`, so the
   * buffers never need clearing between calls (clearing cost more than the comparison itself).
   */
  flagsA: new Int32Array(64),
  flagsB: new Int32Array(64),
  stamp: 0,
  /** Three dynamic-programming rows for the edit distances (the third for OSA transpositions). */
  row0: new Int32Array(64),
  row1: new Int32Array(64),
  row2: new Int32Array(64),
};

function capacityFor(n: number): number {
  let size = 64;
  while (size < n) size *= 2;
  return size;
}

/**
 * Decodes `s` into `buf` as code points and returns how many there are. A string never has more
 * code points than UTF-16 units, so `buf.length >= s.length` is enough. The non-surrogate branch
 * is the fast path (all of ASCII and the BMP, which covers nearly all Chinese names); lone
 * surrogates are kept as they are rather than rejected, since dirty records contain them.
 */
function decode(s: string, buf: Int32Array): number {
  const n = s.length;
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800 || c > 0xdbff || i + 1 === n) {
      buf[len++] = c;
      continue;
    }
    const d = s.charCodeAt(i + 1);
    if (d < 0xdc00 || d > 0xdfff) {
      buf[len++] = c;
      continue;
    }
    buf[len++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    i++;
  }
  return len;
}

/** Loads `s` into `scratch.a`; returns its length in code points. */
export function loadA(s: string): number {
  if (scratch.a.length < s.length) scratch.a = new Int32Array(capacityFor(s.length));
  return decode(s, scratch.a);
}

/** Loads `s` into `scratch.b`; returns its length in code points. */
export function loadB(s: string): number {
  if (scratch.b.length < s.length) scratch.b = new Int32Array(capacityFor(s.length));
  return decode(s, scratch.b);
}

/**
 * Makes the Jaro mark buffers hold at least `na` / `nb` entries and returns a fresh stamp: no
 * position of either buffer holds it yet.
 */
export function nextStamp(na: number, nb: number): number {
  if (scratch.flagsA.length < na) scratch.flagsA = new Int32Array(capacityFor(na));
  if (scratch.flagsB.length < nb) scratch.flagsB = new Int32Array(capacityFor(nb));
  if (scratch.stamp === 0x7fffffff) {
    scratch.flagsA.fill(0);
    scratch.flagsB.fill(0);
    scratch.stamp = 0;
  }
  return ++scratch.stamp;
}

/** Makes each dynamic-programming row hold at least `n` cells (contents unspecified). */
export function ensureRows(n: number): void {
  if (scratch.row0.length >= n) return;
  const size = capacityFor(n);
  scratch.row0 = new Int32Array(size);
  scratch.row1 = new Int32Array(size);
  scratch.row2 = new Int32Array(size);
}
