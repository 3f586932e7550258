import fc from 'fast-check';
import { ensureRows, loadA, loadB, nextStamp, scratch } from './code-points';

function loadedA(s: string): number[] {
  return Array.from(scratch.a.subarray(0, loadA(s)));
}

describe('code-point scratch buffers', () => {
  it('decodes surrogate pairs to one code point and keeps lone surrogates', () => {
    expect(loadedA('张𠮷a')).toEqual([0x5f20, 0x20bb7, 0x61]);
    expect(loadedA('\ud842')).toEqual([0xd842]);
    expect(loadedA('\udfb7\ud842')).toEqual([0xdfb7, 0xd842]);
    expect(loadedA('\ud842x')).toEqual([0xd842, 0x78]);
    expect(loadedA('')).toEqual([]);
  });

  it('agrees with String.prototype.codePointAt on any string, growing the buffers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const expected = Array.from(s, (c) => c.codePointAt(0));
        expect(Array.from(scratch.b.subarray(0, loadB(s)))).toEqual(expected);
        expect(scratch.b.length).toBeGreaterThanOrEqual(s.length);
      }),
    );
  });

  it('hands out a stamp no mark position holds yet, growing the mark buffers', () => {
    const first = nextStamp(10, 3);
    scratch.flagsA.fill(first, 0, 10);
    scratch.flagsB.fill(first, 0, 3);
    const second = nextStamp(1000, 2);
    expect(second).not.toBe(first);
    expect(scratch.flagsA.length).toBeGreaterThanOrEqual(1000);
    expect(scratch.flagsA.includes(second)).toBe(false);
    expect(scratch.flagsB.includes(second)).toBe(false);
  });

  it('clears the marks when the stamp wraps around', () => {
    scratch.stamp = 0x7fffffff;
    scratch.flagsA.fill(1);
    scratch.flagsB.fill(1);
    expect(nextStamp(4, 4)).toBe(1);
    expect(scratch.flagsA.includes(1)).toBe(false);
    expect(scratch.flagsB.includes(1)).toBe(false);
  });

  it('grows the dynamic-programming rows together', () => {
    ensureRows(5000);
    expect(scratch.row0.length).toBeGreaterThanOrEqual(5000);
    expect(scratch.row1.length).toBe(scratch.row0.length);
    expect(scratch.row2.length).toBe(scratch.row0.length);
  });
});
