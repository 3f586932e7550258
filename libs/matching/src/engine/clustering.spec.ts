import { clusterPairs, type CannotLinkConstraint } from './clustering';

function run(
  size: number,
  pairs: [number, number, number][],
  constraints: CannotLinkConstraint[] = [],
) {
  return clusterPairs(
    size,
    Int32Array.from(pairs.map((p) => p[0])),
    Int32Array.from(pairs.map((p) => p[1])),
    Float64Array.from(pairs.map((p) => p[2])),
    () => true,
    constraints,
  );
}

describe('clusterPairs', () => {
  it('joins linked records transitively and numbers clusters densely', () => {
    const c = run(5, [
      [0, 1, 10],
      [1, 2, 8],
    ]);
    expect(c.clusters).toBe(3);
    expect(c.clusterOf[0]).toBe(c.clusterOf[2]);
    expect(c.clusterOf[3]).not.toBe(c.clusterOf[4]);
    expect(Math.max(...c.clusterOf)).toBe(2);
  });

  it('never puts two different valid identifiers in one cluster, keeping the stronger link', () => {
    // 0 and 2 hold different valid codes; 1 has none. 1–2 is stronger than 0–1.
    const codes = ['A', undefined, 'B'];
    const c = run(
      3,
      [
        [0, 1, 5],
        [1, 2, 9],
      ],
      [{ name: 'uscc', value: (i) => codes[i] }],
    );
    expect(c.clusterOf[1]).toBe(c.clusterOf[2]);
    expect(c.clusterOf[0]).not.toBe(c.clusterOf[1]);
    expect(Array.from(c.refused)).toEqual([1, 0]);
    expect(Array.from(c.refusedBy)).toEqual([0, -1]);
  });

  it('lets records with the same identifier or none join', () => {
    const codes = ['A', undefined, 'A'];
    const c = run(
      3,
      [
        [0, 1, 5],
        [1, 2, 4],
      ],
      [{ name: 'uscc', value: (i) => codes[i] }],
    );
    expect(c.clusters).toBe(1);
  });

  it('skips pairs that are not linkable', () => {
    const c = clusterPairs(
      2,
      Int32Array.of(0),
      Int32Array.of(1),
      Float64Array.of(3),
      () => false,
      [],
    );
    expect(c.clusters).toBe(2);
  });
});

describe('clusterPairs with people’s decisions', () => {
  it('joins `together` pairs first, whatever the scores', () => {
    const c = clusterPairs(3, Int32Array.of(), Int32Array.of(), Float64Array.of(), () => true, [], {
      together: [[0, 2]],
    });
    expect(c.clusterOf[0]).toBe(c.clusterOf[2]);
    expect(c.clusters).toBe(2);
  });

  it('never joins `apart` pairs, not even through a third record', () => {
    const c = clusterPairs(
      3,
      Int32Array.of(0, 1),
      Int32Array.of(1, 2),
      Float64Array.of(9, 8),
      () => true,
      [],
      { apart: [[0, 2]] },
    );
    expect(c.clusterOf[0]).toBe(c.clusterOf[1]);
    expect(c.clusterOf[2]).not.toBe(c.clusterOf[0]);
    expect(Array.from(c.refusedBy)).toEqual([-1, 0]);
  });
});
