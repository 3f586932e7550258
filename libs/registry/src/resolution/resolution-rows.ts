import { normalizeIdentifierForMatching, type PairExplanation } from '@oncegate/matching';
import type { ApplicantKind, IdentifierScheme } from '../registry.types';
import { RECORD_FIELDS, type IngestReport, type RecordField } from './resolution.types';

/** The compared fields of one record (null where the department left one empty). */
export type Fields = Partial<Record<RecordField, string | null>>;

/**
 * The matcher's input columns (the shipped `department-records.json` spec
 * reads these): one row per record.
 */
export function matcherRow(record: {
  id: string;
  kind: ApplicantKind;
  fields: Fields;
}): Record<string, string> {
  const f = record.fields;
  return {
    record_id: record.id,
    kind: record.kind,
    name: f.name ?? '',
    uscc: f.uscc ?? '',
    resident_id: f.residentId ?? '',
    legal_rep: f.legalRepresentative ?? '',
    birth_date: f.birthDate ?? '',
    phone: f.phone ?? '',
    address: f.address ?? '',
  };
}

export function fieldsOf(normalized: Readonly<Record<string, unknown>>): Fields {
  const out: Fields = {};
  for (const field of RECORD_FIELDS) {
    const v = normalized[field];
    out[field] = typeof v === 'string' && v !== '' ? v : null;
  }
  return out;
}

export function sameFields(a: Fields, b: Fields): boolean {
  return RECORD_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
}

export interface HeldIdentifier {
  scheme: IdentifierScheme;
  value: string;
  originalValue: string | null;
}

/** The valid identifiers a group of records carries, `scheme|value` → identifier (15-digit IDs upgraded). */
export function validIdentifiers(
  records: readonly { fields: Fields }[],
): Map<string, HeldIdentifier> {
  const out = new Map<string, HeldIdentifier>();
  for (const record of records) {
    for (const [scheme, raw] of [
      ['USCC', record.fields.uscc],
      ['RESIDENT_ID', record.fields.residentId],
    ] as const) {
      const id = normalizeIdentifierForMatching(scheme, raw);
      if (!id?.valid) continue;
      const key = `${scheme}|${id.value}`;
      if (!out.has(key))
        out.set(key, {
          scheme,
          value: id.value,
          originalValue: id.upgradedFrom15 ? (raw ?? null) : null,
        });
    }
  }
  return out;
}

/** An explanation as history and the review queue keep it: rounded, without the record ids. */
export function compactExplanation(e: PairExplanation): Record<string, unknown> {
  return {
    probability: Number(e.probability.toFixed(6)),
    weight: Number(e.weight.toFixed(3)),
    prior: Number(e.prior.toFixed(3)),
    evidence: e.evidence.map((x) => ({
      comparison: x.comparison,
      level: x.level,
      weight: Number(x.weight.toFixed(3)),
    })),
  };
}

/** The kind most of a group's records say (ties: enterprise). */
export function kindOf(group: readonly { kind: ApplicantKind }[]): ApplicantKind {
  const enterprises = group.filter((g) => g.kind === 'ENTERPRISE').length;
  return enterprises * 2 >= group.length ? 'ENTERPRISE' : 'PERSON';
}

/** `a|b` with the smaller id first: how the review queue keys a record pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A report of an ingest that has done nothing yet. */
export function emptyIngestReport(mode: IngestReport['mode'], records: number): IngestReport {
  return {
    mode,
    records,
    newRecords: 0,
    updatedRecords: 0,
    applicantsCreated: 0,
    recordsLinked: 0,
    automaticMerges: 0,
    reviewsQueued: 0,
    identifiersHeldElsewhere: 0,
  };
}
