import { parseLooseDate, type LooseDate } from '../compare';
import {
  normalizeAddress,
  normalizeIdentifierForMatching,
  normalizePersonName,
  normalizePhone,
  normalizeText,
  parseEnterpriseName,
  pinyinOfNormalized,
  toSimplified,
} from '../normalize';
import { MatchingError, MatchingErrorCode } from '../matching.errors';
import type { FieldSpec, FieldType, MatchSpec } from '../spec/match-spec';

/**
 * One field of every record, normalized once, column by column (a million
 * records stay a few arrays, not a million objects). `values` holds what
 * comparisons see; the optional columns hold what a field type adds.
 */
export interface PreparedField {
  readonly spec: FieldSpec;
  /** Normalized value; null when missing. */
  readonly values: (string | null)[];
  /** Toneless pinyin (names). */
  readonly pinyin?: (string | null)[];
  /** Enterprise names: 字号 + 行业 without region, legal form and branch. */
  readonly core?: (string | null)[];
  readonly region?: (string | null)[];
  readonly branch?: (string | null)[];
  readonly dates?: (LooseDate | null)[];
  /** Identifiers: 1 where the check character is right (a key), 0 where not (a weak signal). */
  readonly valid?: (0 | 1)[];
}

export interface PreparedRecords {
  readonly size: number;
  readonly ids: string[];
  /** Which input each record came from (0 for the first). */
  readonly source: Int32Array;
  readonly fields: ReadonlyMap<string, PreparedField>;
}

/** A record as read from a file: column → raw text. */
export type RawRecord = Readonly<Record<string, string | null | undefined>>;

function empty(value: string): string | null {
  return value === '' ? null : value;
}

function prepareField(spec: FieldSpec, column: (string | null | undefined)[]): PreparedField {
  const n = column.length;
  const values = new Array<string | null>(n);
  switch (spec.type) {
    case 'text':
    case 'code': {
      const pinyin = spec.type === 'text' ? new Array<string | null>(n) : undefined;
      for (let i = 0; i < n; i++) {
        const v = empty(toSimplified(normalizeText(column[i])));
        values[i] = v;
        if (pinyin) pinyin[i] = v === null ? null : empty(pinyinOfNormalized(v));
      }
      return { spec, values, pinyin };
    }
    case 'personName': {
      const pinyin = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const v = empty(normalizePersonName(column[i] ?? ''));
        values[i] = v;
        pinyin[i] = v === null ? null : empty(pinyinOfNormalized(v, { personName: true }));
      }
      return { spec, values, pinyin };
    }
    case 'enterpriseName': {
      const core = new Array<string | null>(n);
      const region = new Array<string | null>(n);
      const branch = new Array<string | null>(n);
      const pinyin = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const raw = column[i];
        if (raw === null || raw === undefined || raw.trim() === '') {
          values[i] = core[i] = region[i] = branch[i] = pinyin[i] = null;
          continue;
        }
        const parsed = parseEnterpriseName(raw);
        values[i] = empty(parsed.full);
        core[i] = empty(parsed.core);
        region[i] = parsed.region;
        branch[i] = parsed.branch;
        pinyin[i] = core[i] === null ? null : empty(pinyinOfNormalized(parsed.core));
      }
      return { spec, values, core, region, branch, pinyin };
    }
    case 'address':
      for (let i = 0; i < n; i++) values[i] = empty(normalizeAddress(column[i] ?? ''));
      return { spec, values };
    case 'phone':
      for (let i = 0; i < n; i++) values[i] = normalizePhone(column[i]);
      return { spec, values };
    case 'date': {
      const dates = new Array<LooseDate | null>(n);
      for (let i = 0; i < n; i++) {
        const d = column[i] ? parseLooseDate(column[i]!) : null;
        dates[i] = d;
        values[i] = d === null ? null : dateKey(d);
      }
      return { spec, values, dates };
    }
    case 'residentId':
    case 'uscc': {
      const valid = new Array<0 | 1>(n);
      const scheme = spec.type === 'residentId' ? 'RESIDENT_ID' : 'USCC';
      for (let i = 0; i < n; i++) {
        const id = normalizeIdentifierForMatching(scheme, column[i]);
        values[i] = id === null ? null : id.value;
        valid[i] = id?.valid ? 1 : 0;
      }
      return { spec, values, valid };
    }
    case 'identifier':
      for (let i = 0; i < n; i++)
        values[i] = empty(normalizeText(column[i]).replace(/[\s-]/g, '').toUpperCase());
      return { spec, values };
    default:
      return assertNever(spec.type);
  }
}

function dateKey(d: LooseDate): string {
  return `${String(d.year).padStart(4, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
}

function assertNever(type: never): never {
  throw new Error(`unknown field type ${String(type)}`);
}

/**
 * Normalizes every field the spec declares, for records from one or more
 * inputs. Record ids must be unique within an input; across inputs they are
 * told apart by `source`.
 */
export function prepareRecords(
  spec: MatchSpec,
  inputs: readonly (readonly RawRecord[])[],
): PreparedRecords {
  const records = inputs.flat();
  const source = new Int32Array(records.length);
  let at = 0;
  const problems: string[] = [];
  for (const [k, input] of inputs.entries()) {
    const seen = new Set<string>();
    for (const [row, record] of input.entries()) {
      source[at++] = k;
      const id = record[spec.id];
      if (id === null || id === undefined || id === '') {
        if (problems.length < 10) problems.push(`input ${k + 1}, row ${row + 1}: no ${spec.id}`);
      } else if (seen.has(id)) {
        if (problems.length < 10)
          problems.push(`input ${k + 1}, row ${row + 1}: ${spec.id} ${id} repeats`);
      } else seen.add(id);
    }
  }
  for (const [k, input] of inputs.entries()) {
    if (input.length === 0) continue;
    for (const field of spec.fields) {
      for (const column of [field.column ?? field.name, field.when?.column]) {
        if (column !== undefined && !(column in input[0]))
          problems.push(`input ${k + 1} has no column ${column}`);
      }
    }
  }
  if (problems.length > 0) throw new MatchingError(MatchingErrorCode.INVALID_INPUT, problems);
  const fields = new Map<string, PreparedField>();
  for (const field of spec.fields) {
    const column = field.column ?? field.name;
    const when = field.when;
    fields.set(
      field.name,
      prepareField(
        field,
        records.map((r) => (when && r[when.column] !== when.equals ? null : r[column])),
      ),
    );
  }
  return { size: records.length, ids: records.map((r) => r[spec.id]!), source, fields };
}

/** The field types whose values are identifiers (exact agreement is strong evidence). */
export const IDENTIFIER_TYPES: readonly FieldType[] = ['residentId', 'uscc', 'identifier'];
