import type { ApplicantIdentifierEntity } from './applicant-identifier.entity';
import type { ApplicantEntity } from './applicant.entity';
import type { GoldenAttributeEntity } from './golden-attribute.entity';
import type {
  Applicant,
  ApplicantIdentifier,
  GoldenAttribute,
  SourceRecord,
} from './registry.types';
import type { SourceRecordEntity } from './source-record.entity';

// Entities stop here: everything past the repository gets a fresh plain object,
// so no caller can mutate a row TypeORM might still track.

export function toApplicant(row: ApplicantEntity): Applicant {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    mergedIntoId: row.mergedIntoId ?? null,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function toApplicantIdentifier(row: ApplicantIdentifierEntity): ApplicantIdentifier {
  return {
    id: row.id,
    applicantId: row.applicantId,
    scheme: row.scheme,
    value: row.value,
    originalValue: row.originalValue ?? null,
    active: row.activeValue !== null && row.activeValue !== undefined,
  };
}

export function toSourceRecord(row: SourceRecordEntity): SourceRecord {
  const normalized: unknown = JSON.parse(row.normalized);
  return {
    id: row.id,
    applicantId: row.applicantId,
    system: row.system,
    localId: row.localId,
    rawPayload: JSON.parse(row.rawPayload) as unknown,
    // Only the repository writes this column, always from an object.
    normalized: isObject(normalized) ? normalized : {},
    observedAt: new Date(row.observedAt),
  };
}

export function toGoldenAttribute(row: GoldenAttributeEntity): GoldenAttribute {
  return {
    id: row.id,
    applicantId: row.applicantId,
    name: row.name,
    value: row.value,
    sourceSystem: row.sourceSystem,
    sourceRecordId: row.sourceRecordId ?? null,
    observedAt: new Date(row.observedAt),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
