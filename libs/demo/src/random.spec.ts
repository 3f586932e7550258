import { Random } from './random';
import { fromMixedRadix, mixedRadix, probeFree } from './unique';

describe('Random (mulberry32)', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    for (const x of first) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('derives independent streams by label', () => {
    expect(Random.derive(1, 'persons').next()).toBe(Random.derive(1, 'persons').next());
    expect(Random.derive(1, 'persons').next()).not.toBe(Random.derive(1, 'enterprises').next());
    expect(Random.derive(1, 'persons').next()).not.toBe(Random.derive(2, 'persons').next());
  });

  it('draws integers in the closed range, reaching both ends', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(() => rng.int(2, 1)).toThrow(RangeError);
  });

  it('picks by weight and never picks a zero weight', () => {
    const rng = new Random(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) {
      counts[
        rng.weighted([
          ['a', 3],
          ['b', 1],
          ['c', 0],
        ] as const)
      ]++;
    }
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.4);
    expect(counts.a / counts.b).toBeLessThan(3.7);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('probeFree', () => {
  it('tries every candidate once, wrapping around, then gives up', () => {
    const tried: number[] = [];
    expect(
      probeFree(5, 3, (i) => {
        tried.push(i);
        return undefined;
      }),
    ).toBeUndefined();
    expect(tried).toEqual([3, 4, 0, 1, 2]);
  });

  it('returns the first free candidate from the start', () => {
    const taken = new Set([3, 4]);
    expect(probeFree(5, 3, (i) => (taken.has(i) ? undefined : i))).toBe(0);
    expect(probeFree(0, 0, (i) => i)).toBeUndefined();
  });

  it('fills a space completely without repeating', () => {
    const taken = new Set<number>();
    const rng = new Random(1);
    for (let n = 0; n < 100; n++) {
      const found = probeFree(100, rng.int(0, 99), (i) => (taken.has(i) ? undefined : i));
      expect(found).toBeDefined();
      taken.add(found as number);
    }
    expect(taken.size).toBe(100);
    expect(probeFree(100, 42, (i) => (taken.has(i) ? undefined : i))).toBeUndefined();
  });

  it('reads indexes as mixed-radix digits and back', () => {
    const radices = [3, 4, 5];
    for (let i = 0; i < 60; i++) expect(fromMixedRadix(mixedRadix(i, radices), radices)).toBe(i);
    expect(mixedRadix(7, radices)).toEqual([1, 2, 0]);
  });
});
