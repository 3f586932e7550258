import fc from 'fast-check';
import {
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinSimilarity,
  osaDistance,
} from './string-similarity';

// Textbook full-matrix implementations over code points, to check the optimized ones against.
function naiveDistance(a: string, b: string, transpositions: boolean): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    d.push([]);
    for (let j = 0; j <= y.length; j++) {
      if (i === 0 || j === 0) {
        d[i].push(i + j);
        continue;
      }
      let v = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      if (transpositions && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        v = Math.min(v, d[i - 2][j - 2] + 1);
      }
      d[i].push(v);
    }
  }
  return d[x.length][y.length];
}

function naiveJaro(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(x.length, y.length) / 2) - 1);
  const usedY = y.map(() => false);
  const matchedX: string[] = [];
  x.forEach((c, i) => {
    for (let j = Math.max(0, i - window); j <= Math.min(y.length - 1, i + window); j++) {
      if (!usedY[j] && y[j] === c) {
        usedY[j] = true;
        matchedX.push(c);
        return;
      }
    }
  });
  const m = matchedX.length;
  if (m === 0) return 0;
  const matchedY = y.filter((_, j) => usedY[j]);
  const t = matchedX.filter((c, i) => c !== matchedY[i]).length / 2;
  return (m / x.length + m / y.length + (m - t) / m) / 3;
}

// A small alphabet, so random strings share characters; it mixes ASCII, BMP Chinese and astral
// characters (𠮷 is a surrogate pair), so a UTF-16 bug shows up.
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', 'd', '吉', '张', '𠮷', '😀'), { maxLength: 14 })
  .map((cs) => cs.join(''));

describe('jaro / jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.9611],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.8133],
    ['jellyfish', 'smellyfish', 0.8963],
  ])('jaroWinkler(%j, %j) ≈ %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 4);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 4);
  });

  it('has the textbook Jaro values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaro('dwayne', 'duane')).toBeCloseTo(0.8222, 4);
    expect(jaro('dixon', 'dicksonx')).toBeCloseTo(0.7667, 4);
  });

  it('treats two empty strings as identical and empty vs non-empty as nothing shared', () => {
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('', 'a')).toBe(0);
    expect(jaroWinkler('a', '')).toBe(0);
    expect(jaro('', '')).toBe(1);
    expect(jaro('abc', '')).toBe(0);
    expect(jaro('abc', 'xyz')).toBe(0);
  });

  it('counts an astral character as one character', () => {
    // 𠮷 is two UTF-16 units; counted as units, 张𠮷 would have length 3 and score lower.
    expect(jaro('张𠮷', '张吉')).toBeCloseTo((1 / 2 + 1 / 2 + 1) / 3, 10);
    expect(jaroWinkler('张𠮷明', '张𠮷华')).toBeCloseTo(7 / 9 + 2 * 0.1 * (2 / 9), 10);
    // Different astral characters share a high surrogate; they must not match each other.
    expect(jaro('𠮷', '𠮶')).toBe(0);
  });

  it('applies the prefix boost at any Jaro score, up to 4 code points', () => {
    const j = jaro('abcdefgh', 'abcdxyzw');
    expect(jaroWinkler('abcdefgh', 'abcdxyzw')).toBeCloseTo(j + 4 * 0.1 * (1 - j), 12);
    const low = jaro('ab', 'ac');
    expect(low).toBeLessThan(0.7);
    expect(jaroWinkler('ab', 'ac')).toBeCloseTo(low + 0.1 * (1 - low), 12);
    expect(jaroWinkler('abcdefgh', 'abcdxyzw', 0)).toBeCloseTo(j, 12);
  });

  it('rejects a prefix scale that could push the score above 1', () => {
    expect(() => jaroWinkler('a', 'b', 0.3)).toThrow(RangeError);
    expect(() => jaroWinkler('a', 'b', -0.1)).toThrow(RangeError);
    expect(() => jaroWinkler('a', 'b', Number.NaN)).toThrow(RangeError);
    expect(jaroWinkler('abcd', 'abce', 0.25)).toBeLessThanOrEqual(1);
  });

  it('handles strings longer than the initial scratch buffers', () => {
    const a = 'ab'.repeat(200) + '𠮷'.repeat(100);
    const b = 'ab'.repeat(200) + '𠮷'.repeat(99) + 'x';
    expect(jaro(a, b)).toBeCloseTo(naiveJaro(a, b), 12);
    expect(jaro('short', 'shrot')).toBeCloseTo(naiveJaro('short', 'shrot'), 12);
  });

  it('matches a reference implementation on random strings', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(jaro(a, b)).toBeCloseTo(naiveJaro(a, b), 12);
      }),
      { numRuns: 500 },
    );
  });

  it('stays in [0, 1], is 1 on equal strings, and never falls below Jaro', () => {
    fc.assert(
      fc.property(text, text, fc.double({ min: 0, max: 0.25, noNaN: true }), (a, b, p) => {
        const jw = jaroWinkler(a, b, p);
        expect(jw).toBeGreaterThanOrEqual(0);
        expect(jw).toBeLessThanOrEqual(1);
        expect(jw).toBeGreaterThanOrEqual(jaro(a, b) - 1e-12);
        expect(jaroWinkler(a, a, p)).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('levenshtein / osaDistance', () => {
  it.each([
    ['kitten', 'sitting', 3, 3],
    ['', 'abc', 3, 3],
    ['abc', '', 3, 3],
    ['ab', 'ba', 2, 1],
    ['CA', 'ABC', 3, 3],
    ['张三丰', '张丰三', 2, 1],
    ['𠮷田', '吉田', 1, 1],
    ['flaw', 'lawn', 2, 2],
  ])('%j vs %j: levenshtein %d, OSA %d', (a, b, lev, osa) => {
    expect(levenshtein(a, b)).toBe(lev);
    expect(levenshtein(b, a)).toBe(lev);
    expect(osaDistance(a, b)).toBe(osa);
    expect(osaDistance(b, a)).toBe(osa);
  });

  it('returns max + 1 once the distance exceeds max', () => {
    expect(levenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 0)).toBe(1);
    expect(levenshtein('a', 'abcdefgh', 2)).toBe(3);
    expect(osaDistance('abcd', 'badc', 1)).toBe(2);
    expect(osaDistance('abcd', 'badc', 2)).toBe(2);
    expect(levenshtein('same', 'same', 0)).toBe(0);
  });

  it('rejects a negative or fractional max', () => {
    expect(() => levenshtein('a', 'b', -1)).toThrow(RangeError);
    expect(() => osaDistance('a', 'b', 1.5)).toThrow(RangeError);
  });

  it('works on long strings with a small max', () => {
    const a = 'x'.repeat(5000) + 'abc' + 'y'.repeat(5000);
    const b = 'x'.repeat(5000) + 'bac' + 'y'.repeat(4999) + 'z';
    expect(osaDistance(a, b, 3)).toBe(2);
    expect(levenshtein(a, b, 2)).toBe(3);
    expect(levenshtein(a, b, 3)).toBe(3);
    const c = 'pq'.repeat(300);
    const d = 'qp'.repeat(300);
    expect(levenshtein(c, d)).toBe(2);
    expect(levenshtein(c, d, 1)).toBe(2);
    expect(osaDistance(c, d, 5)).toBe(2);
  });

  it('matches full-matrix reference implementations on random strings', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(levenshtein(a, b)).toBe(naiveDistance(a, b, false));
        expect(osaDistance(a, b)).toBe(naiveDistance(a, b, true));
      }),
      { numRuns: 1000 },
    );
  });

  it('is exact up to max and max + 1 beyond it', () => {
    fc.assert(
      fc.property(text, text, fc.nat({ max: 8 }), (a, b, max) => {
        const lev = naiveDistance(a, b, false);
        const osa = naiveDistance(a, b, true);
        expect(levenshtein(a, b, max)).toBe(lev <= max ? lev : max + 1);
        expect(osaDistance(a, b, max)).toBe(osa <= max ? osa : max + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('Levenshtein is a metric; OSA never exceeds it', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
        expect(levenshtein(a, b) === 0).toBe(a === b);
        expect(osaDistance(a, b)).toBeLessThanOrEqual(levenshtein(a, b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('levenshteinSimilarity', () => {
  it('is 1 − distance / longer length in code points', () => {
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('abc', '')).toBe(0);
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 12);
    expect(levenshteinSimilarity('张𠮷', '张吉')).toBe(0.5);
  });

  it('stays in [0, 1] and is 1 only on equal strings', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = levenshteinSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s === 1).toBe(a === b);
      }),
    );
  });
});
