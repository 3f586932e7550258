import { loadA, loadB, scratch } from './code-points';
import { boundedEditDistance } from './edit-distance';

/**
 * How close two identifiers (统一社会信用代码, 居民身份证号码, 项目代码, …) are. The levels follow
 * the keying errors clerks actually make: a swapped pair of neighbouring characters is the most
 * common, then a single wrong, missing or extra character.
 */
export type IdentifierAgreement =
  'EXACT' | 'TRANSPOSITION' | 'ONE_EDIT' | 'TWO_EDITS' | 'DIFFERENT';

/**
 * True when the first `n` code points of the scratch buffers differ by exactly one swap of two
 * neighbouring, different characters.
 */
function isOneTransposition(n: number): boolean {
  const a = scratch.a;
  const b = scratch.b;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i + 1 >= n || a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
  for (let j = i + 2; j < n; j++) if (a[j] !== b[j]) return false;
  return true;
}

/**
 * Compares two already-normalized identifiers, case-sensitively, by optimal string alignment
 * distance: EXACT; TRANSPOSITION (one adjacent swap); ONE_EDIT (one substitution, insertion or
 * deletion); TWO_EDITS (OSA distance 2); otherwise DIFFERENT. The distance is cut off at 2, and
 * lengths more than 2 apart are DIFFERENT without any matrix work.
 */
export function compareIdentifiers(a: string, b: string): IdentifierAgreement {
  if (a === b) return 'EXACT';
  const la = loadA(a);
  const lb = loadB(b);
  if (la - lb > 2 || lb - la > 2) return 'DIFFERENT';
  // Lone surrogates decode one-to-one, so different strings always differ as code points too.
  if (la === lb && isOneTransposition(la)) return 'TRANSPOSITION';
  switch (boundedEditDistance(la, lb, 2, true)) {
    case 1:
      return 'ONE_EDIT';
    case 2:
      return 'TWO_EDITS';
    default:
      return 'DIFFERENT';
  }
}
