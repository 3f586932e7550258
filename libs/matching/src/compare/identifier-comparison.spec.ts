import fc from 'fast-check';
import { compareIdentifiers, type IdentifierAgreement } from './identifier-comparison';
import { osaDistance } from './string-similarity';

describe('compareIdentifiers', () => {
  it.each<[string, string, IdentifierAgreement]>([
    ['9144030071526726XG', '9144030071526726XG', 'EXACT'],
    ['', '', 'EXACT'],
    ['9144030071526726XG', '9144030017526726XG', 'TRANSPOSITION'],
    ['9144030071526726XG', '9144030071526726GX', 'TRANSPOSITION'],
    ['9144030071526726XG', '1944030071526726XG', 'TRANSPOSITION'],
    ['9144030071526726XG', '9144030071526726XH', 'ONE_EDIT'],
    ['9144030071526726XG', '914403007152672XG', 'ONE_EDIT'],
    ['9144030071526726XG', '91440300715267266XG', 'ONE_EDIT'],
    ['9144030071526726XG', '9144030071526726xg', 'TWO_EDITS'],
    ['9144030071526726XG', '1944030071526726GX', 'TWO_EDITS'],
    ['9144030071526726XG', '914403007152672', 'DIFFERENT'],
    ['9144030071526726XG', '914403001922038216', 'DIFFERENT'],
    ['', 'AB', 'TWO_EDITS'],
    ['', 'ABC', 'DIFFERENT'],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(compareIdentifiers(a, b)).toBe(expected);
    expect(compareIdentifiers(b, a)).toBe(expected);
  });

  it('is case-sensitive: the input is expected to be normalized already', () => {
    expect(compareIdentifiers('11010519491231002X', '11010519491231002x')).toBe('ONE_EDIT');
  });

  it('swapping the same character twice is not a transposition', () => {
    // 'ABA' → 'BAA' is a transposition; 'AAB' → 'AAB' is equal; 'ABC' → 'BCA' needs two edits.
    expect(compareIdentifiers('ABA', 'BAA')).toBe('TRANSPOSITION');
    expect(compareIdentifiers('ABC', 'BCA')).toBe('TWO_EDITS');
    expect(compareIdentifiers('ABCD', 'BADC')).toBe('TWO_EDITS');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(compareIdentifiers('A𠮷', '𠮷A')).toBe('TRANSPOSITION');
    expect(compareIdentifiers('A𠮷B', 'A吉B')).toBe('ONE_EDIT');
  });

  it('agrees with the OSA distance, and TRANSPOSITION is exactly one neighbour swap', () => {
    const id = fc
      .array(fc.constantFrom('1', '2', '3', 'X', '𠮷'), { maxLength: 10 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(id, id, (a, b) => {
        const level = compareIdentifiers(a, b);
        const d = osaDistance(a, b);
        const expected: IdentifierAgreement =
          d === 0 ? 'EXACT' : d === 1 ? 'ONE_EDIT' : d === 2 ? 'TWO_EDITS' : 'DIFFERENT';
        const x = Array.from(a);
        const y = Array.from(b);
        const swap =
          x.length === y.length &&
          x.some(
            (_, i) =>
              i + 1 < x.length &&
              x[i] !== x[i + 1] &&
              [...x.slice(0, i), x[i + 1], x[i], ...x.slice(i + 2)].join('') === b,
          );
        expect(level).toBe(swap ? 'TRANSPOSITION' : expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a transposition introduced anywhere in a random identifier', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), minLength: 2 }),
        fc.nat(),
        (a, n) => {
          const i = n % (a.length - 1);
          fc.pre(a[i] !== a[i + 1]);
          const b = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
          expect(compareIdentifiers(a, b)).toBe('TRANSPOSITION');
        },
      ),
    );
  });
});
