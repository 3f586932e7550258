import Ajv, { type ErrorObject } from 'ajv';
import { MatchingError, MatchingErrorCode } from '../matching.errors';

/**
 * How a column is read before it is compared. Each type brings its own
 * normalization (see `engine/prepare.ts`) and the derived keys blocking can use.
 */
export const FIELD_TYPES = [
  'text',
  'code',
  'personName',
  'enterpriseName',
  'address',
  'phone',
  'date',
  'residentId',
  'uscc',
  'identifier',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const COMPARISON_METHODS = [
  'exact',
  'jaroWinkler',
  'levenshtein',
  'name',
  'enterpriseName',
  'date',
  'identifier',
] as const;
export type ComparisonMethod = (typeof COMPARISON_METHODS)[number];

export const CANNOT_LINK_RULES = ['differentValidIdentifiers', 'differentBranch'] as const;
export type CannotLinkRule = (typeof CANNOT_LINK_RULES)[number];

export interface FieldSpec {
  /** The name comparisons and blocking keys use. */
  name: string;
  /** The input column; defaults to `name`. */
  column?: string;
  type: FieldType;
  /**
   * Read the column only on rows where another column has this value (a
   * table mixing people and enterprises: the name is a person's name on
   * PERSON rows, an enterprise's on ENTERPRISE rows); elsewhere it is missing.
   */
  when?: { column: string; equals: string };
}

export interface ComparisonSpec {
  /** Shown in explanations and output columns; defaults to the field name. */
  name?: string;
  field: string;
  method: ComparisonMethod;
  /**
   * Similarity floors (jaroWinkler, name, enterpriseName: 0–1, descending) or
   * distance ceilings (levenshtein: whole numbers, ascending), one level each.
   */
  thresholds?: number[];
  /** Weigh an exact agreement by how common the value is (王伟 = 王伟 counts less). */
  termFrequency?: boolean;
}

export interface CannotLinkSpec {
  field: string;
  rule: CannotLinkRule;
}

export interface MatchSpec {
  description?: string;
  /** The column holding each record's id (unique within one input). */
  id: string;
  fields: FieldSpec[];
  /**
   * Blocking rules: a pair is a candidate when, for some rule, all its keys are
   * equal and present. A key is a field name, or `field.transform` (see
   * `BLOCKING_TRANSFORMS`).
   */
  blocking: string[][];
  comparisons: ComparisonSpec[];
  /** Match probabilities: at or above `link` the pair links; at or above `review` a person decides. */
  thresholds: { link: number; review: number };
  cannotLink?: CannotLinkSpec[];
  /** Blocks larger than this make no pairs (they are reported); default 1000. */
  maxBlockSize?: number;
  em?: { maxIterations?: number; randomPairs?: number; seed?: number };
}

/**
 * Derived blocking keys: `pinyin` (names, toneless), `initials` (pinyin
 * initials), `core` (enterprise name without region, legal form, branch),
 * `region`, `year`, `monthDay` (dates), `valid` (identifiers with a correct
 * check character only), `prefix3`…`prefix8`, `suffix3`…`suffix8`.
 */
export const BLOCKING_TRANSFORMS = [
  'pinyin',
  'initials',
  'core',
  'region',
  'year',
  'monthDay',
  'valid',
  'prefix3',
  'prefix4',
  'prefix5',
  'prefix6',
  'prefix8',
  'suffix3',
  'suffix4',
  'suffix5',
  'suffix6',
  'suffix8',
] as const;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'fields', 'blocking', 'comparisons', 'thresholds'],
  properties: {
    $schema: { type: 'string' },
    description: { type: 'string' },
    id: { type: 'string', minLength: 1 },
    fields: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          column: { type: 'string', minLength: 1 },
          type: { enum: FIELD_TYPES },
          when: {
            type: 'object',
            additionalProperties: false,
            required: ['column', 'equals'],
            properties: { column: { type: 'string', minLength: 1 }, equals: { type: 'string' } },
          },
        },
      },
    },
    blocking: {
      type: 'array',
      minItems: 1,
      items: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    },
    comparisons: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'method'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          field: { type: 'string' },
          method: { enum: COMPARISON_METHODS },
          thresholds: { type: 'array', maxItems: 4, items: { type: 'number', minimum: 0 } },
          termFrequency: { type: 'boolean' },
        },
      },
    },
    thresholds: {
      type: 'object',
      additionalProperties: false,
      required: ['link', 'review'],
      properties: {
        link: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        review: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      },
    },
    cannotLink: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'rule'],
        properties: { field: { type: 'string' }, rule: { enum: CANNOT_LINK_RULES } },
      },
    },
    maxBlockSize: { type: 'integer', minimum: 2 },
    em: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxIterations: { type: 'integer', minimum: 1, maximum: 10000 },
        randomPairs: { type: 'integer', minimum: 1000 },
        seed: { type: 'integer' },
      },
    },
  },
} as const;

const validateShape = new Ajv({ allErrors: true }).compile(schema);

/** Which methods make sense for which field types. */
const METHODS_FOR: Record<FieldType, readonly ComparisonMethod[]> = {
  text: ['exact', 'jaroWinkler', 'levenshtein'],
  code: ['exact', 'jaroWinkler', 'levenshtein', 'identifier'],
  personName: ['exact', 'jaroWinkler', 'levenshtein', 'name'],
  enterpriseName: ['exact', 'enterpriseName'],
  address: ['exact', 'jaroWinkler', 'levenshtein'],
  phone: ['exact', 'levenshtein', 'identifier'],
  date: ['exact', 'date'],
  residentId: ['exact', 'identifier'],
  uscc: ['exact', 'identifier'],
  identifier: ['exact', 'identifier', 'levenshtein'],
};

const TRANSFORMS_FOR: Record<string, readonly FieldType[]> = {
  pinyin: ['personName', 'enterpriseName', 'text'],
  initials: ['personName', 'enterpriseName', 'text'],
  core: ['enterpriseName'],
  region: ['enterpriseName'],
  year: ['date'],
  monthDay: ['date'],
  valid: ['residentId', 'uscc'],
};

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the spec' : error.instancePath;
  const allowed =
    error.keyword === 'enum'
      ? ` (one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
      : error.keyword === 'additionalProperties'
        ? `: ${(error.params as { additionalProperty: string }).additionalProperty}`
        : '';
  return `${where} ${error.message ?? 'is invalid'}${allowed}`;
}

/**
 * Checks a parsed JSON spec and returns it typed, or throws
 * `MatchingError(INVALID_SPEC)` listing every problem found.
 */
export function parseMatchSpec(input: unknown): MatchSpec {
  if (!validateShape(input)) {
    throw new MatchingError(
      MatchingErrorCode.INVALID_SPEC,
      (validateShape.errors ?? []).map(describeAjvError),
    );
  }
  const spec = input as unknown as MatchSpec;
  const problems: string[] = [];
  const fields = new Map<string, FieldSpec>();
  for (const field of spec.fields) {
    if (fields.has(field.name)) problems.push(`field ${field.name} is declared twice`);
    fields.set(field.name, field);
  }
  const names = new Set<string>();
  for (const [i, c] of spec.comparisons.entries()) {
    const field = fields.get(c.field);
    const name = comparisonName(c);
    if (names.has(name))
      problems.push(`comparisons/${i}: the name ${name} is used twice (give one a "name")`);
    names.add(name);
    if (!field) {
      problems.push(`comparisons/${i}: unknown field ${c.field}`);
      continue;
    }
    if (!METHODS_FOR[field.type].includes(c.method)) {
      problems.push(
        `comparisons/${i}: method ${c.method} does not apply to ${field.type} field ${c.field} ` +
          `(use one of ${METHODS_FOR[field.type].join(', ')})`,
      );
    }
    const t = c.thresholds;
    if (t && (c.method === 'jaroWinkler' || c.method === 'name' || c.method === 'enterpriseName')) {
      if (t.some((x, k) => x > 1 || (k > 0 && x >= t[k - 1])))
        problems.push(`comparisons/${i}: similarity thresholds must be ≤ 1 and descending`);
    }
    if (t && c.method === 'levenshtein') {
      if (t.some((x, k) => !Number.isInteger(x) || x < 1 || (k > 0 && x <= t[k - 1])))
        problems.push(`comparisons/${i}: distance thresholds must be whole, ≥ 1 and ascending`);
    }
    if (t && !['jaroWinkler', 'levenshtein', 'name', 'enterpriseName'].includes(c.method))
      problems.push(`comparisons/${i}: method ${c.method} takes no thresholds`);
  }
  for (const [i, rule] of spec.blocking.entries()) {
    for (const key of rule) {
      const [fieldName, transform, extra] = key.split('.');
      const field = fields.get(fieldName);
      if (!field || extra !== undefined) {
        problems.push(`blocking/${i}: unknown key ${key}`);
        continue;
      }
      if (transform === undefined) continue;
      if (!(BLOCKING_TRANSFORMS as readonly string[]).includes(transform)) {
        problems.push(
          `blocking/${i}: unknown transform ${transform} (one of ${BLOCKING_TRANSFORMS.join(', ')})`,
        );
      } else if (TRANSFORMS_FOR[transform] && !TRANSFORMS_FOR[transform].includes(field.type)) {
        problems.push(
          `blocking/${i}: ${transform} does not apply to ${field.type} field ${fieldName}`,
        );
      }
    }
  }
  for (const [i, rule] of (spec.cannotLink ?? []).entries()) {
    const field = fields.get(rule.field);
    if (!field) problems.push(`cannotLink/${i}: unknown field ${rule.field}`);
    else if (
      rule.rule === 'differentValidIdentifiers' &&
      field.type !== 'residentId' &&
      field.type !== 'uscc'
    )
      problems.push(`cannotLink/${i}: differentValidIdentifiers needs a residentId or uscc field`);
    else if (rule.rule === 'differentBranch' && field.type !== 'enterpriseName')
      problems.push(`cannotLink/${i}: differentBranch needs an enterpriseName field`);
  }
  if (spec.thresholds.review > spec.thresholds.link)
    problems.push('thresholds: review must not be above link');
  if (problems.length > 0) throw new MatchingError(MatchingErrorCode.INVALID_SPEC, problems);
  return spec;
}

/** The name a comparison goes by in output and explanations. */
export function comparisonName(c: ComparisonSpec): string {
  return c.name ?? c.field;
}
