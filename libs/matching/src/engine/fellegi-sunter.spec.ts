import type { Comparator } from './comparisons';
import { estimateParameters, TermFrequencies } from './fellegi-sunter';
import { seededRandom } from './random';

/** A comparator with levels missing / exact / different, for synthetic vectors. */
function comparator(name: string): Comparator {
  return {
    name,
    spec: { field: name, method: 'exact' },
    field: { spec: { name, type: 'code' }, values: [] },
    labels: ['missing', 'exact', 'different'],
    exactLevel: 1,
    level: () => 0,
  };
}

describe('estimateParameters (EM)', () => {
  // Three independent comparisons; 30% of candidate pairs are matches.
  const truth = {
    lambda: 0.3,
    m: [0.9, 0.8, 0.95],
    u: [0.1, 0.2, 0.05],
  };
  const comparators = ['a', 'b', 'c'].map(comparator);
  const random = seededRandom(3);
  const pairs = 40_000;
  const vectors = new Uint8Array(pairs * 3);
  for (let p = 0; p < pairs; p++) {
    const match = random() < truth.lambda;
    for (let c = 0; c < 3; c++) {
      const agree = random() < (match ? truth.m[c] : truth.u[c]);
      // One value in twenty is missing: it must weigh nothing either way.
      vectors[p * 3 + c] = random() < 0.05 ? 0 : agree ? 1 : 2;
    }
  }
  // The random-pair estimate of u: far fewer agreements than among candidates.
  const randomU = comparators.map(() => [1, 0.01, 0.99]);

  const result = estimateParameters(comparators, vectors, randomU, {
    maxIterations: 500,
    randomPairs: 1_000_000,
    comparablePairs: 10_000_000,
  });

  it('recovers the share of matches and m without labels', () => {
    expect(result.converged).toBe(true);
    expect(result.lambda).toBeCloseTo(truth.lambda, 1);
    for (let c = 0; c < 3; c++)
      expect(result.comparisons[c].levels[1].m).toBeCloseTo(truth.m[c], 1);
  });

  it('weighs with u from random pairs and the prior of two random records matching', () => {
    const exact = result.comparisons[0].levels[1];
    expect(exact.u).toBe(0.01);
    expect(exact.weight).toBeCloseTo(Math.log2(exact.m / 0.01), 10);
    expect(result.comparisons[0].levels[0].weight).toBe(0);
    expect(result.matchProbability).toBeCloseTo((result.lambda * pairs) / 10_000_000, 12);
  });
});

describe('TermFrequencies', () => {
  it('gives common values a higher frequency than rare ones, never zero', () => {
    const tf = new TermFrequencies(['王伟', '王伟', '王伟', '欧阳修', null]);
    expect(tf.frequency('王伟')).toBe(0.75);
    expect(tf.frequency('欧阳修')).toBe(0.25);
    expect(tf.frequency('never seen')).toBe(0.25);
  });
});
