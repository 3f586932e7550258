import { ensureRows, scratch } from './code-points';

/**
 * Edit distance between the first `la` code points of `scratch.a` and the first `lb` of
 * `scratch.b`: Levenshtein, or optimal string alignment (OSA: an adjacent transposition costs 1,
 * no substring is edited twice) when `transpositions` is set.
 *
 * Returns the exact distance when it is ≤ `max`, otherwise `max + 1`. `max` must be a
 * non-negative integer. The cost is O(min(max, len) × len) rather than O(len²): the common prefix
 * and suffix are stripped first (both distances are unchanged by that), then only the diagonal band
 * |i − j| ≤ max is filled — a cell outside it is already more than `max` — and the loop stops as
 * soon as every cell a path could still pass through exceeds `max`.
 */
export function boundedEditDistance(
  la: number,
  lb: number,
  max: number,
  transpositions: boolean,
): number {
  const a = scratch.a;
  const b = scratch.b;
  let start = 0;
  while (start < la && start < lb && a[start] === b[start]) start++;
  let endA = la;
  let endB = lb;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0) return m > max ? max + 1 : m;
  if (m === 0) return n > max ? max + 1 : n;
  if ((n > m ? n - m : m - n) > max) return max + 1;

  // Band half-width; never wider than the matrix, so `big` stays a small int32.
  const k = max < (n > m ? n : m) ? max : n > m ? n : m;
  const big = k + 1;
  ensureRows(m + 1);
  let prev2 = scratch.row0;
  let prev = scratch.row1;
  let cur = scratch.row2;
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : big;

  for (let i = 1; i <= n; i++) {
    const lo = i - k > 1 ? i - k : 1;
    const hi = i + k < m ? i + k : m;
    const left = lo === 1 && i <= k ? i : big;
    cur[lo - 1] = left;
    let rowMin = left;
    const ai = a[start + i - 1];
    const aBefore = i > 1 ? a[start + i - 2] : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b[start + j - 1];
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (transpositions && j > 1 && aBefore === bj && ai === b[start + j - 2]) {
        const t = prev2[j - 2] + 1;
        if (t < v) v = t;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads prev[hi + 1]; it lies outside this row's band.
    if (hi < m) cur[hi + 1] = big;
    // Every path crosses this row, so the distance is at least its minimum. A transposition skips
    // a row, but the substitution path beside it, (i−2, j−2) → (i−1, j−1), costs no more.
    if (rowMin > k) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m];
  return d > max ? max + 1 : d;
}
