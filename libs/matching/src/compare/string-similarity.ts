import { loadA, loadB, nextStamp, scratch } from './code-points';
import { boundedEditDistance } from './edit-distance';

/**
 * String comparators for the Fellegi–Sunter field comparisons. All of them measure length and
 * position in Unicode code points, so 𠮷 (U+20BB7, a surrogate pair) is one character like 吉.
 * Comparison is exact on code points: normalize (NFKC, case, 繁简 folding) before calling.
 */

/** Jaro similarity of the first `la` / `lb` code points already loaded into the scratch buffers. */
function jaroLoaded(la: number, lb: number): number {
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  const a = scratch.a;
  const b = scratch.b;
  const stamp = nextStamp(la, lb);
  const fa = scratch.flagsA;
  const fb = scratch.flagsB;
  const longer = la > lb ? la : lb;
  const window = longer >> 1 > 1 ? (longer >> 1) - 1 : 0;

  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > window ? i - window : 0;
    const hi = i + window + 1 < lb ? i + window + 1 : lb;
    const c = a[i];
    for (let j = lo; j < hi; j++) {
      if (b[j] === c && fb[j] !== stamp) {
        fa[i] = stamp;
        fb[j] = stamp;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  // Matched characters that appear in a different order, counted in both strings (halved below).
  let outOfOrder = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (fa[i] !== stamp) continue;
    while (fb[j] !== stamp) j++;
    if (a[i] !== b[j]) outOfOrder++;
    j++;
  }
  return (matches / la + matches / lb + (matches - outOfOrder / 2) / matches) / 3;
}

/**
 * Jaro similarity in [0, 1]: matching characters within a window of ⌊max(len)/2⌋ − 1, penalized
 * for transpositions. Two empty strings are identical (1); an empty and a non-empty string share
 * nothing (0).
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  return jaroLoaded(loadA(a), loadB(b));
}

/**
 * Jaro–Winkler similarity in [0, 1]: `jaro + ℓ·p·(1 − jaro)` where ℓ is the common prefix length
 * in code points, capped at 4, and p is `prefixScale`.
 *
 * Convention: the prefix boost is applied whatever the Jaro score — there is no 0.7 "boost
 * threshold" as in Winkler's original program — so the function is continuous in the Jaro score
 * and the level cut-offs of the linkage model do all the thresholding.
 *
 * @param prefixScale p, in [0, 0.25] so the result cannot exceed 1; Winkler's standard value 0.1.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  if (!(prefixScale >= 0 && prefixScale <= 0.25)) {
    throw new RangeError(`jaroWinkler prefixScale must be in [0, 0.25], got ${prefixScale}`);
  }
  if (a === b) return 1;
  const la = loadA(a);
  const lb = loadB(b);
  const j = jaroLoaded(la, lb);
  const limit = la < lb ? (la < 4 ? la : 4) : lb < 4 ? lb : 4;
  const sa = scratch.a;
  const sb = scratch.b;
  let prefix = 0;
  while (prefix < limit && sa[prefix] === sb[prefix]) prefix++;
  return j + prefix * prefixScale * (1 - j);
}

function checkMax(name: string, max: number): void {
  if (!(Number.isInteger(max) && max >= 0)) {
    throw new RangeError(`${name} max must be a non-negative integer, got ${max}`);
  }
}

/**
 * Levenshtein distance (insertions, deletions, substitutions) in code points.
 *
 * @param max optional cut-off: when the distance exceeds it the result is `max + 1` and the
 *   computation stops early — a blocking pass only needs to know "more than k".
 */
export function levenshtein(a: string, b: string, max?: number): number {
  if (max !== undefined) checkMax('levenshtein', max);
  if (a === b) return 0;
  const la = loadA(a);
  const lb = loadB(b);
  return boundedEditDistance(la, lb, max ?? (la > lb ? la : lb), false);
}

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions at cost 1 (restricted
 * Damerau–Levenshtein: no substring is edited more than once, so 'CA' → 'ABC' is 3, not 2). The
 * transposition is the typical keying error in identifiers and dates.
 *
 * @param max optional cut-off, as for {@link levenshtein}.
 */
export function osaDistance(a: string, b: string, max?: number): number {
  if (max !== undefined) checkMax('osaDistance', max);
  if (a === b) return 0;
  const la = loadA(a);
  const lb = loadB(b);
  return boundedEditDistance(la, lb, max ?? (la > lb ? la : lb), true);
}

/** `1 − levenshtein / max(length)` in code points, in [0, 1]; 1 for two empty strings. */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const la = loadA(a);
  const lb = loadB(b);
  const longer = la > lb ? la : lb;
  if (longer === 0) return 1;
  return 1 - boundedEditDistance(la, lb, longer, false) / longer;
}
