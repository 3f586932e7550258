import fc from 'fast-check';
import { bcubedMetrics, pairMetricsFromPairs, pairwiseMetrics } from './metrics';

type Clustering = Map<string, string>;

// --- Brute force: enumerate every pair / every record over the union of the two key sets. ---

function universe(a: Clustering, b: Clustering): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}

function together(c: Clustering, x: string, y: string): boolean {
  const cx = c.get(x);
  return cx !== undefined && cx === c.get(y);
}

function bruteCounts(predicted: Clustering, truth: Clustering) {
  const ids = universe(predicted, truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const p = together(predicted, ids[i], ids[j]);
      const t = together(truth, ids[i], ids[j]);
      if (p && t) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
  }
  return { tp, fp, fn };
}

function bruteBCubed(predicted: Clustering, truth: Clustering) {
  const ids = universe(predicted, truth);
  let precision = 0;
  let recall = 0;
  for (const id of ids) {
    const c = ids.filter((o) => o === id || together(predicted, id, o));
    const l = ids.filter((o) => o === id || together(truth, id, o));
    const both = c.filter((o) => l.includes(o)).length;
    precision += both / c.length;
    recall += both / l.length;
  }
  return ids.length === 0
    ? { precision: 1, recall: 1 }
    : { precision: precision / ids.length, recall: recall / ids.length };
}

// Up to 12 records, each in one of 4 clusters or absent, independently in each clustering.
const clusterings = fc
  .array(
    fc.record({
      predicted: fc.option(fc.constantFrom('p0', 'p1', 'p2', 'p3')),
      truth: fc.option(fc.constantFrom('t0', 't1', 't2', 't3')),
    }),
    { maxLength: 12 },
  )
  .map((rows) => {
    const predicted: Clustering = new Map();
    const truth: Clustering = new Map();
    rows.forEach((row, i) => {
      if (row.predicted !== null) predicted.set(`r${i}`, row.predicted);
      if (row.truth !== null) truth.set(`r${i}`, row.truth);
    });
    return { predicted, truth };
  });

function map(entries: Record<string, string>): Clustering {
  return new Map(Object.entries(entries));
}

describe('pairwiseMetrics', () => {
  it('counts pairs through the contingency table', () => {
    const truth = map({ a: '1', b: '1', c: '1', d: '2' });
    const predicted = map({ a: 'x', b: 'x', c: 'y', d: 'y' });
    const m = pairwiseMetrics(predicted, truth);
    expect(m).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(m.precision).toBeCloseTo(0.5, 12);
    expect(m.recall).toBeCloseTo(1 / 3, 12);
    expect(m.f1).toBeCloseTo(0.4, 12);
  });

  it('treats records missing from either map as singletons there', () => {
    // c is unknown to truth (a singleton), d was never linked (a predicted singleton).
    const truth = map({ a: '1', b: '1', d: '1' });
    const predicted = map({ a: 'x', b: 'x', c: 'x' });
    expect(pairwiseMetrics(predicted, truth)).toMatchObject({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 2,
    });
  });

  it('follows the conventions when there are no pairs', () => {
    expect(pairwiseMetrics(new Map(), new Map())).toEqual({
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
      f1: 1,
    });
    const truth = map({ a: '1', b: '1' });
    expect(pairwiseMetrics(map({ a: 'x', b: 'y' }), truth)).toMatchObject({
      precision: 1,
      recall: 0,
      f1: 0,
    });
    expect(pairwiseMetrics(map({ a: 'x', b: 'x' }), map({ a: '1', b: '2' }))).toMatchObject({
      precision: 0,
      recall: 1,
      f1: 0,
    });
  });

  it('handles a cluster far too large to enumerate', () => {
    const predicted: Clustering = new Map();
    const truth: Clustering = new Map();
    for (let i = 0; i < 200_000; i++) {
      predicted.set(`r${i}`, 'one');
      truth.set(`r${i}`, i < 100_000 ? 'left' : 'right');
    }
    const pairs = (n: number) => (n * (n - 1)) / 2;
    expect(pairwiseMetrics(predicted, truth)).toMatchObject({
      truePositives: 2 * pairs(100_000),
      falsePositives: pairs(200_000) - 2 * pairs(100_000),
      falseNegatives: 0,
      recall: 1,
    });
  });

  it('agrees with brute-force pair enumeration', () => {
    fc.assert(
      fc.property(clusterings, ({ predicted, truth }) => {
        const m = pairwiseMetrics(predicted, truth);
        const { tp, fp, fn } = bruteCounts(predicted, truth);
        expect(m).toMatchObject({ truePositives: tp, falsePositives: fp, falseNegatives: fn });
        expect(m.precision).toBeCloseTo(tp + fp === 0 ? 1 : tp / (tp + fp), 12);
        expect(m.recall).toBeCloseTo(tp + fn === 0 ? 1 : tp / (tp + fn), 12);
        if (m.precision + m.recall > 0) {
          expect(m.f1).toBeCloseTo((2 * m.precision * m.recall) / (m.precision + m.recall), 12);
        } else {
          expect(m.f1).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('swapping the two clusterings swaps precision and recall', () => {
    fc.assert(
      fc.property(clusterings, ({ predicted, truth }) => {
        const m = pairwiseMetrics(predicted, truth);
        const swapped = pairwiseMetrics(truth, predicted);
        expect(swapped.truePositives).toBe(m.truePositives);
        expect(swapped.falsePositives).toBe(m.falseNegatives);
        expect(swapped.precision).toBe(m.recall);
      }),
    );
  });
});

describe('bcubedMetrics', () => {
  it('averages per-record precision and recall', () => {
    const truth = map({ a: '1', b: '1', c: '1', d: '2' });
    const predicted = map({ a: 'x', b: 'x', c: 'y', d: 'y' });
    const m = bcubedMetrics(predicted, truth);
    expect(m.precision).toBeCloseTo(0.75, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3), 12);
  });

  it('is perfect on identical clusterings, and on no records at all', () => {
    const c = map({ a: '1', b: '1', c: '2' });
    expect(bcubedMetrics(c, map({ a: 'x', b: 'x', c: 'y' }))).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
    expect(bcubedMetrics(new Map(), new Map())).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('agrees with brute-force per-record computation', () => {
    fc.assert(
      fc.property(clusterings, ({ predicted, truth }) => {
        const m = bcubedMetrics(predicted, truth);
        const b = bruteBCubed(predicted, truth);
        expect(m.precision).toBeCloseTo(b.precision, 12);
        expect(m.recall).toBeCloseTo(b.recall, 12);
        expect(m.f1).toBeCloseTo((2 * b.precision * b.recall) / (b.precision + b.recall), 12);
      }),
      { numRuns: 500 },
    );
  });
});

describe('pairMetricsFromPairs', () => {
  it('counts each unordered pair once and ignores self-pairs', () => {
    const truth = map({ a: '1', b: '1', c: '1', d: '2' });
    const m = pairMetricsFromPairs(
      [
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
        ['c', 'd'],
        ['d', 'd'],
        ['e', 'a'],
      ],
      truth,
    );
    // TP ab; FP cd and ae (e is unknown to truth, a singleton); FN ac, bc.
    expect(m).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 2 });
    expect(m.precision).toBeCloseTo(1 / 3, 12);
    expect(m.recall).toBeCloseTo(1 / 3, 12);
  });

  it('accepts any iterable, read once', () => {
    function* pairs(): Generator<[string, string]> {
      yield ['a', 'b'];
      yield ['b', 'c'];
    }
    expect(pairMetricsFromPairs(pairs(), map({ a: '1', b: '1', c: '1' }))).toMatchObject({
      truePositives: 2,
      falsePositives: 0,
      falseNegatives: 1,
    });
  });

  it('agrees with brute force on random pair lists', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, id), { maxLength: 30 }),
        fc.dictionary(id, fc.constantFrom('1', '2', '3')),
        (pairs, truthRecord) => {
          const truth = map(truthRecord);
          const distinct = new Set(
            pairs.filter(([x, y]) => x !== y).map(([x, y]) => [x, y].sort().join('|')),
          );
          let tp = 0;
          for (const key of distinct) {
            const [x, y] = key.split('|');
            if (together(truth, x, y)) tp++;
          }
          const truePairs = bruteCounts(new Map(), truth).fn;
          expect(pairMetricsFromPairs(pairs, truth)).toMatchObject({
            truePositives: tp,
            falsePositives: distinct.size - tp,
            falseNegatives: truePairs - tp,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('matches pairwiseMetrics when the pairs are exactly a clustering’s pairs', () => {
    fc.assert(
      fc.property(clusterings, ({ predicted, truth }) => {
        const ids = [...predicted.keys()];
        const pairs: [string, string][] = [];
        for (const x of ids) for (const y of ids) if (together(predicted, x, y)) pairs.push([x, y]);
        expect(pairMetricsFromPairs(pairs, truth)).toEqual(pairwiseMetrics(predicted, truth));
      }),
    );
  });
});
