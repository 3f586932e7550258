import type {
  Applicant as RegistryApplicant,
  ApplicantIdentifier,
  GoldenAttribute as RegistryAttribute,
  SourceRecord as RegistrySourceRecord,
} from '@oncegate/registry';
import {
  Applicant,
  ApplicantKind,
  DepartmentSystem,
  GoldenAttribute,
  Identifier,
  IdentifierScheme,
  SourceRecord,
} from './models/applicant.model';

const SYSTEMS = new Set<string>(Object.values(DepartmentSystem));

export function toSystem(system: string): DepartmentSystem {
  if (!SYSTEMS.has(system)) throw new Error(`Unknown department system in the registry: ${system}`);
  return system as DepartmentSystem;
}

export function toApplicantModel(a: RegistryApplicant): Applicant {
  return { id: a.id, kind: a.kind as ApplicantKind, name: a.name };
}

export function toIdentifierModel(i: ApplicantIdentifier): Identifier {
  return { scheme: i.scheme as IdentifierScheme, value: i.value, legacyValue: i.originalValue };
}

export function toSourceRecordModel(r: RegistrySourceRecord): SourceRecord {
  return { id: r.id, system: toSystem(r.system), localId: r.localId, observedAt: r.observedAt };
}

export function toGoldenAttributeModel(
  a: RegistryAttribute,
  records: ReadonlyMap<string, RegistrySourceRecord>,
): GoldenAttribute {
  const record = a.sourceRecordId ? records.get(a.sourceRecordId) : undefined;
  return {
    name: a.name,
    value: a.value,
    source: toSystem(a.sourceSystem),
    sourceRecord: record ? toSourceRecordModel(record) : null,
    observedAt: a.observedAt,
  };
}
