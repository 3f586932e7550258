import {
  compareDates,
  compareIdentifiers,
  jaroWinkler,
  levenshtein,
  type DateAgreement,
  type IdentifierAgreement,
} from '../compare';
import { comparisonName, type ComparisonSpec } from '../spec/match-spec';
import type { PreparedField, PreparedRecords } from './prepare';

/** Level 0 of every comparison: a value is missing on either side (no evidence either way). */
export const MISSING = 0;

/**
 * A comparison ready to run: `level(i, j)` is the agreement level of two
 * records, 0 for missing, 1 for the strongest agreement, the last for
 * disagreement. `labels[level]` names each one in explanations.
 */
export interface Comparator {
  readonly name: string;
  readonly spec: ComparisonSpec;
  readonly field: PreparedField;
  readonly labels: readonly string[];
  /** Level of "exact agreement", where term-frequency adjustment applies. */
  readonly exactLevel: number;
  level(i: number, j: number): number;
}

const DATE_LEVELS: readonly DateAgreement[] = [
  'EXACT',
  'DAY_MONTH_SWAPPED',
  'ONE_DIGIT_DIFFERS',
  'ONE_COMPONENT_DIFFERS',
  'WITHIN_YEAR',
  'DIFFERENT',
];
const IDENTIFIER_LEVELS: readonly IdentifierAgreement[] = [
  'EXACT',
  'TRANSPOSITION',
  'ONE_EDIT',
  'TWO_EDITS',
  'DIFFERENT',
];

/** The level of similarity `s` against descending floors, the first of which is level `first`. */
function floorLevel(s: number, floors: readonly number[], first: number): number {
  for (let k = 0; k < floors.length; k++) if (s >= floors[k]) return first + k;
  return first + floors.length;
}

function similarityLevels(
  values: (string | null)[],
  thresholds: readonly number[],
  similarity: (a: string, b: string) => number,
): (i: number, j: number) => number {
  return (i, j) => {
    const a = values[i];
    const b = values[j];
    if (a === null || b === null) return MISSING;
    if (a === b) return 1;
    return floorLevel(similarity(a, b), thresholds, 2);
  };
}

/** Builds the comparator a spec entry describes, over prepared records. */
export function buildComparator(spec: ComparisonSpec, records: PreparedRecords): Comparator {
  const field = records.fields.get(spec.field)!;
  const v = field.values;
  const name = comparisonName(spec);
  const base = { name, spec, field, exactLevel: 1 };
  switch (spec.method) {
    case 'exact':
      return {
        ...base,
        labels: ['missing', 'exact', 'different'],
        level: (i, j) => {
          const a = v[i];
          const b = v[j];
          if (a === null || b === null) return MISSING;
          return a === b ? 1 : 2;
        },
      };
    case 'jaroWinkler': {
      const t = spec.thresholds ?? [0.92, 0.8];
      return {
        ...base,
        labels: ['missing', 'exact', ...t.map((x) => `Jaro-Winkler ≥ ${x}`), 'different'],
        level: similarityLevels(v, t, jaroWinkler),
      };
    }
    case 'levenshtein': {
      const t = spec.thresholds ?? [1, 2];
      const max = t[t.length - 1];
      const negated = t.map((x) => -x);
      return {
        ...base,
        labels: ['missing', 'exact', ...t.map((x) => `edit distance ≤ ${x}`), 'different'],
        level: (i, j) => {
          const a = v[i];
          const b = v[j];
          if (a === null || b === null) return MISSING;
          if (a === b) return 1;
          // Distances are ceilings: negate them to use the same floors.
          return floorLevel(-levenshtein(a, b, max), negated, 2);
        },
      };
    }
    case 'name': {
      // Homophones (王伟/王玮) agree in pinyin; typos and variants by similarity
      // of characters or of pinyin, whichever is closer.
      const t = spec.thresholds ?? [0.92, 0.8];
      const p = field.pinyin!;
      return {
        ...base,
        labels: [
          'missing',
          'exact',
          'same pinyin',
          ...t.map((x) => `similarity ≥ ${x}`),
          'different',
        ],
        level: (i, j) => {
          const a = v[i];
          const b = v[j];
          if (a === null || b === null) return MISSING;
          if (a === b) return 1;
          const pa = p[i];
          const pb = p[j];
          if (pa !== null && pa === pb) return 2;
          let s = jaroWinkler(a, b);
          if (pa !== null && pb !== null && s < t[0]) s = Math.max(s, jaroWinkler(pa, pb));
          return floorLevel(s, t, 3);
        },
      };
    }
    case 'enterpriseName': {
      // Same 字号+行业 with a different legal-form spelling or region placement
      // is nearly as strong as the same full name; region and branch stay
      // features (a branch is kept apart by the cannot-link rule).
      // The same 字号 registered in two counties is two enterprises: a known,
      // different region gets its own level, whose weight EM learns.
      const t = spec.thresholds ?? [0.9];
      const core = field.core!;
      const pinyin = field.pinyin!;
      const region = field.region!;
      const otherRegion = (i: number, j: number) =>
        region[i] !== null && region[j] !== null && region[i] !== region[j];
      return {
        ...base,
        labels: [
          'missing',
          'exact',
          'same core name',
          'same core pinyin',
          ...t.map((x) => `core similarity ≥ ${x}`),
          'same core name, other region',
          'different',
        ],
        level: (i, j) => {
          const a = v[i];
          const b = v[j];
          if (a === null || b === null) return MISSING;
          if (a === b) return 1;
          const ca = core[i];
          const cb = core[j];
          if (ca === null || cb === null) return t.length + 5;
          if (ca === cb) return otherRegion(i, j) ? t.length + 4 : 2;
          if (pinyin[i] !== null && pinyin[i] === pinyin[j]) return 3;
          return otherRegion(i, j) ? t.length + 5 : floorLevel(jaroWinkler(ca, cb), t, 4);
        },
      };
    }
    case 'date': {
      const d = field.dates!;
      return {
        ...base,
        labels: ['missing', ...DATE_LEVELS.map((x) => x.toLowerCase().replaceAll('_', ' '))],
        level: (i, j) => {
          const a = d[i];
          const b = d[j];
          if (a === null || b === null) return MISSING;
          return DATE_LEVELS.indexOf(compareDates(a, b)) + 1;
        },
      };
    }
    case 'identifier':
      return {
        ...base,
        labels: ['missing', ...IDENTIFIER_LEVELS.map((x) => x.toLowerCase().replaceAll('_', ' '))],
        level: (i, j) => {
          const a = v[i];
          const b = v[j];
          if (a === null || b === null) return MISSING;
          if (a === b) return 1;
          return IDENTIFIER_LEVELS.indexOf(compareIdentifiers(a, b)) + 1;
        },
      };
    default:
      throw new Error(`unknown comparison method ${String(spec.method)}`);
  }
}
