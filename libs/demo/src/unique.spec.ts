import { Random } from './random';
import { probeFree, ProbeSpace } from './unique';

describe('ProbeSpace', () => {
  it('gives exactly the answers of probeFree while a space fills up, and then undefined', () => {
    for (const seed of [1, 2, 3]) {
      const rng = new Random(seed);
      const size = 300;
      const taken = new Set<number>();
      const space = new ProbeSpace();
      const free = (i: number) => (taken.has(i) ? undefined : i);
      while (taken.size < size) {
        // Clustered starts, as when many draws prefer the same block.
        const start = rng.chance(0.7) ? rng.int(100, 120) : rng.int(-size, 2 * size);
        const expected = probeFree(size, start, free);
        expect(space.probe(size, start, free)).toBe(expected);
        // Callers sometimes leave the answer unused (a name kind that falls back).
        if (expected !== undefined && rng.chance(0.8)) taken.add(expected);
        // Values taken behind its back (another space sharing names) are found too.
        if (rng.chance(0.1)) taken.add(rng.int(0, size - 1));
      }
      expect(space.probe(size, 42, free)).toBeUndefined();
    }
  });

  it('turns each candidate down at most once, so filling a space takes linear time', () => {
    const size = 5_000;
    const taken = new Set<number>();
    const space = new ProbeSpace();
    let calls = 0;
    const free = (i: number) => {
      calls++;
      return taken.has(i) ? undefined : i;
    };
    for (let n = 0; n < size; n++) {
      // Every search starts in the same, ever longer, run of taken candidates.
      const found = space.probe(size, 0, free);
      expect(found).toBe(n);
      taken.add(found as number);
    }
    // At most one refusal per candidate plus one success per search
    // (probeFree itself needs size² / 2 calls here).
    expect(calls).toBeLessThanOrEqual(2 * size);
    expect(space.probe(size, 7, free)).toBeUndefined();
  });

  it('serves searches of different sizes over the same candidates', () => {
    const taken = new Set<number>([5, 6, 7, 8, 9]);
    const space = new ProbeSpace();
    const free = (i: number) => (taken.has(i) ? undefined : i);
    expect(space.probe(20, 5, free)).toBe(10);
    // A smaller space wraps around before it reaches 10.
    expect(space.probe(10, 5, free)).toBe(0);
    expect(space.probe(0, 0, free)).toBeUndefined();
    expect(space.probe(Number.NaN, 0, free)).toBeUndefined();
  });
});
