import { MISSING, type Comparator } from './comparisons';
import type { CandidatePairs } from './blocking';
import type { PreparedRecords } from './prepare';
import { seededRandom } from './random';

export interface LevelParameters {
  label: string;
  /** P(level | same applicant). */
  m: number;
  /** P(level | different applicants). */
  u: number;
  /** log2(m / u): the evidence this level gives, in bits. */
  weight: number;
}

export interface ComparisonParameters {
  name: string;
  levels: LevelParameters[];
  termFrequency: boolean;
}

/**
 * Everything learned from the data: enough to score any pair of records.
 *
 * EM runs over the candidate pairs, where u and λ are those of pairs that
 * share a blocking key; it separates matches from non-matches there and so
 * yields m. The weights then use u from random pairs and, as the prior, the
 * probability that two random records match: a candidate pair's agreement on
 * its blocking key is evidence too, counted once, by its own weight.
 */
export interface FellegiSunterParameters {
  /** Share of candidate pairs that EM found to be matches. */
  lambda: number;
  /** Probability that two records drawn at random are the same applicant: the prior. */
  matchProbability: number;
  comparisons: ComparisonParameters[];
  iterations: number;
  converged: boolean;
  randomPairs: number;
}

/** Levels of every candidate pair: `levels[pair * K + k]` for comparison k. */
export function comparisonVectors(
  comparators: readonly Comparator[],
  pairs: CandidatePairs,
): Uint8Array {
  const k = comparators.length;
  const out = new Uint8Array(pairs.count * k);
  for (let p = 0; p < pairs.count; p++) {
    const i = pairs.left[p];
    const j = pairs.right[p];
    for (let c = 0; c < k; c++) out[p * k + c] = comparators[c].level(i, j);
  }
  return out;
}

/**
 * u from random pairs: almost every random pair is two different applicants,
 * so the level frequencies among them estimate u without labels. In `link`
 * mode both records of a sampled pair come from different inputs.
 */
export function estimateU(
  comparators: readonly Comparator[],
  records: PreparedRecords,
  samples: number,
  seed: number,
  mode: 'dedupe' | 'link',
): number[][] {
  const random = seededRandom(seed);
  const n = records.size;
  const counts = comparators.map((c) => new Float64Array(c.labels.length));
  if (n < 2) return counts.map((c) => Array.from(c, () => 1 / c.length));
  let drawn = 0;
  for (let attempt = 0; drawn < samples && attempt < samples * 20; attempt++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    if (i === j) continue;
    if (mode === 'link' && records.source[i] === records.source[j]) continue;
    drawn++;
    for (let c = 0; c < comparators.length; c++) counts[c][comparators[c].level(i, j)]++;
  }
  return counts.map((levels) => {
    let total = 0;
    for (let l = 1; l < levels.length; l++) total += levels[l];
    // Half a count of smoothing: a level never seen among random pairs is rare, not impossible.
    const smoothed = total + 0.5 * (levels.length - 1);
    return Array.from(levels, (count, l) => (l === MISSING ? 1 : (count + 0.5) / smoothed));
  });
}

/**
 * Expectation–maximisation of λ, m and u over the candidate pairs' comparison
 * patterns (pairs with the same levels everywhere are counted once), u
 * starting from its random-pair estimate. No labels are used.
 */
export function estimateParameters(
  comparators: readonly Comparator[],
  vectors: Uint8Array,
  initialU: number[][],
  options: { maxIterations: number; randomPairs: number; comparablePairs: number },
): FellegiSunterParameters {
  const k = comparators.length;
  const pairs = k === 0 ? 0 : vectors.length / k;
  // Patterns: mixed-radix code of the levels → count.
  const radix = comparators.map((c) => c.labels.length);
  const counts = new Map<number, number>();
  for (let p = 0; p < pairs; p++) {
    let code = 0;
    for (let c = 0; c < k; c++) code = code * radix[c] + vectors[p * k + c];
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const patterns: { levels: Uint8Array; count: number }[] = [];
  for (const [code, count] of counts) {
    const levels = new Uint8Array(k);
    let rest = code;
    for (let c = k - 1; c >= 0; c--) {
      levels[c] = rest % radix[c];
      rest = Math.floor(rest / radix[c]);
    }
    patterns.push({ levels, count });
  }
  let m = comparators.map((c) => {
    const raw = c.labels.map((_, l) => (l === MISSING ? 1 : 0.2 ** (l - 1)));
    const total = raw.slice(1).reduce((a, b) => a + b, 0);
    return raw.map((x, l) => (l === MISSING ? 1 : x / total));
  });
  let u = initialU;
  let lambda = 0.1;
  let iterations = 0;
  let converged = false;
  // One pseudo-pair per level (Laplace): a level EM never sees among matches is
  // rare, not impossible, and must not weigh −25 bits.
  const smoothing = 1;
  while (iterations < options.maxIterations && !converged && pairs > 0) {
    iterations++;
    const mSums = comparators.map((c) => new Float64Array(c.labels.length));
    const uSums = comparators.map((c) => new Float64Array(c.labels.length));
    let matchTotal = 0;
    for (const { levels, count } of patterns) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let c = 0; c < k; c++) {
        const l = levels[c];
        if (l === MISSING) continue;
        pm *= m[c][l];
        pu *= u[c][l];
      }
      const g = pm / (pm + pu);
      const weight = g * count;
      matchTotal += weight;
      for (let c = 0; c < k; c++) {
        mSums[c][levels[c]] += weight;
        uSums[c][levels[c]] += (1 - g) * count;
      }
    }
    const normalize = (sums: Float64Array) => {
      let total = 0;
      for (let l = 1; l < sums.length; l++) total += sums[l];
      const denominator = total + smoothing * (sums.length - 1);
      return Array.from(sums, (s, l) => (l === MISSING ? 1 : (s + smoothing) / denominator));
    };
    const next = mSums.map(normalize);
    u = uSums.map(normalize);
    const nextLambda = Math.min(Math.max(matchTotal / pairs, 1e-9), 1 - 1e-9);
    let change = Math.abs(nextLambda - lambda);
    for (let c = 0; c < k; c++)
      for (let l = 1; l < next[c].length; l++)
        change = Math.max(change, Math.abs(next[c][l] - m[c][l]));
    m = next;
    lambda = nextLambda;
    converged = change < 1e-7;
  }
  const randomU = initialU;
  const expectedMatches = lambda * pairs;
  return {
    lambda,
    matchProbability: Math.min(
      Math.max(expectedMatches / Math.max(options.comparablePairs, 1), 1e-15),
      1 - 1e-9,
    ),
    iterations,
    converged,
    randomPairs: options.randomPairs,
    comparisons: comparators.map((c, ci) => ({
      name: c.name,
      termFrequency: c.spec.termFrequency === true,
      levels: c.labels.map((label, l) => ({
        label,
        m: m[ci][l],
        u: randomU[ci][l],
        weight: l === MISSING ? 0 : Math.log2(m[ci][l] / randomU[ci][l]),
      })),
    })),
  };
}

/**
 * How often each value occurs, for term-frequency adjustment: agreeing on a
 * value shared by 1 in 50 records (王伟) is weaker evidence than agreeing on
 * one shared by 1 in 100,000.
 */
export class TermFrequencies {
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(values: readonly (string | null)[]) {
    for (const v of values) {
      if (v === null) continue;
      this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
      this.total++;
    }
  }

  /** P(a random record has this value), never below one record in all. */
  frequency(value: string): number {
    if (this.total === 0) return 1;
    return Math.max(this.counts.get(value) ?? 1, 1) / this.total;
  }
}
