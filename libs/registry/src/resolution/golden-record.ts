import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  parseMatchSpec,
  type MatchSpec,
  normalizeAddress,
  normalizePersonName,
  normalizePhone,
  parseEnterpriseName,
  parseLooseDate,
} from '@oncegate/matching';
import type { ApplicantKind } from '../registry.types';
import type { AttributeConflict, RecordField } from './resolution.types';

/** 数源部门 of one attribute: whose value wins; null means the most recent wins. */
export interface GoldenRule {
  kind: ApplicantKind;
  attribute: Exclude<RecordField, 'uscc' | 'residentId'>;
  leadDepartment: string | null;
  basis: string;
}

export interface GoldenCatalogue {
  rules: readonly GoldenRule[];
}

const ATTRIBUTES = ['name', 'legalRepresentative', 'birthDate', 'phone', 'address'] as const;

/** Reads and checks `contracts/golden-record.json` (or the file given). */
export function loadGoldenCatalogue(
  file = findRepositoryFile('contracts/golden-record.json'),
): GoldenCatalogue {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { attributes?: unknown };
  if (!Array.isArray(json.attributes)) throw new Error(`${file}: "attributes" must be a list`);
  const rules = json.attributes.map((entry: unknown, i) => {
    const e = entry as Partial<GoldenRule>;
    if (
      (e.kind !== 'PERSON' && e.kind !== 'ENTERPRISE') ||
      !(ATTRIBUTES as readonly string[]).includes(String(e.attribute)) ||
      !(e.leadDepartment === null || typeof e.leadDepartment === 'string') ||
      typeof e.basis !== 'string'
    ) {
      throw new Error(
        `${file}: attributes/${i} needs kind (PERSON|ENTERPRISE), attribute (${ATTRIBUTES.join('|')}), leadDepartment (string or null) and basis`,
      );
    }
    return e as GoldenRule;
  });
  return { rules };
}

/** The matcher's spec for department records (default: the shipped `department-records.json`), checked. */
export function loadDepartmentRecordsSpec(
  file = findRepositoryFile('libs/matching/specs/department-records.json'),
): MatchSpec {
  return parseMatchSpec(JSON.parse(readFileSync(file, 'utf8')));
}

/** A file of the repository, found by walking up from here (same under jest and from dist/). */
export function findRepositoryFile(relative: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${relative} not found above ${__dirname}`);
    dir = parent;
  }
}

/** One source record's view for survivorship. */
export interface GoldenSource {
  id: string;
  system: string;
  observedAt: Date;
  fields: Partial<Record<RecordField, string | null>>;
}

export interface GoldenValue {
  name: string;
  value: string;
  sourceSystem: string;
  sourceRecordId: string;
  observedAt: Date;
}

/** Two values are the same fact when they normalize alike (full-width, traditional, spacing…). */
function comparable(kind: ApplicantKind, attribute: string, value: string): string {
  switch (attribute) {
    case 'name':
      return kind === 'ENTERPRISE' ? parseEnterpriseName(value).full : normalizePersonName(value);
    case 'legalRepresentative':
      return normalizePersonName(value);
    case 'address':
      return normalizeAddress(value);
    case 'phone':
      return normalizePhone(value) ?? value.trim();
    case 'birthDate': {
      const d = parseLooseDate(value);
      return d ? `${d.year}-${d.month}-${d.day}` : value.trim();
    }
    default:
      return value.trim();
  }
}

function attributesOf(kind: ApplicantKind): readonly string[] {
  return kind === 'ENTERPRISE'
    ? ['name', 'legalRepresentative', 'address', 'phone']
    : ['name', 'birthDate', 'address', 'phone'];
}

function valuesOf(sources: readonly GoldenSource[], attribute: string) {
  const out: { value: string; source: GoldenSource }[] = [];
  for (const source of sources) {
    const value = source.fields[attribute as RecordField];
    if (typeof value === 'string' && value.trim() !== '') out.push({ value: value.trim(), source });
  }
  // Most recent first; ties by record id so the choice never depends on load order.
  return out.sort(
    (a, b) =>
      b.source.observedAt.getTime() - a.source.observedAt.getTime() ||
      (a.source.id < b.source.id ? -1 : 1),
  );
}

/**
 * Survivorship: for each attribute, the most recent value from its lead
 * department (数源部门) when that department holds one, else the most recent
 * value from anyone.
 */
export function chooseGoldenValues(
  kind: ApplicantKind,
  sources: readonly GoldenSource[],
  catalogue: GoldenCatalogue,
): GoldenValue[] {
  const out: GoldenValue[] = [];
  for (const attribute of attributesOf(kind)) {
    const values = valuesOf(sources, attribute);
    if (values.length === 0) continue;
    const lead = catalogue.rules.find(
      (r) => r.kind === kind && r.attribute === attribute,
    )?.leadDepartment;
    const chosen = (lead ? values.find((v) => v.source.system === lead) : undefined) ?? values[0];
    out.push({
      name: attribute,
      value: chosen.value,
      sourceSystem: chosen.source.system,
      sourceRecordId: chosen.source.id,
      observedAt: chosen.source.observedAt,
    });
  }
  return out;
}

/** Attributes whose sources hold different facts (after normalization), each value with its source. */
export function conflictsOf(
  kind: ApplicantKind,
  sources: readonly GoldenSource[],
  golden: readonly { name: string; value: string }[],
): AttributeConflict[] {
  const out: AttributeConflict[] = [];
  for (const attribute of attributesOf(kind)) {
    const values = valuesOf(sources, attribute);
    const distinct = new Set(values.map((v) => comparable(kind, attribute, v.value)));
    if (distinct.size < 2) continue;
    out.push({
      attribute,
      chosen: golden.find((g) => g.name === attribute)?.value ?? null,
      values: values.map((v) => ({
        value: v.value,
        system: v.source.system,
        sourceRecordId: v.source.id,
        observedAt: v.source.observedAt,
      })),
    });
  }
  return out;
}
