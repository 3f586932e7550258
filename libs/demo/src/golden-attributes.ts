import type { DemoAttribute, DemoSourceRecord } from './demo.types';

export const PERSON_ATTRIBUTES = [
  'gender',
  'birthDate',
  'phone',
  'address',
  'divisionCode',
] as const;

export const ENTERPRISE_ATTRIBUTES = [
  'legalRepresentative',
  'address',
  'phone',
  'registeredCapital',
  'industry',
  'establishedOn',
  'divisionCode',
] as const;

/**
 * Golden values by the simplest survivorship rule: for each attribute, the
 * most recently observed source record that carries it (under that canonical
 * name in `normalized`) wins. A name no record carries is left out.
 */
export function goldenAttributes(
  records: readonly DemoSourceRecord[],
  names: readonly string[],
): DemoAttribute[] {
  const attributes: DemoAttribute[] = [];
  for (const name of names) {
    let best: DemoSourceRecord | undefined;
    for (const record of records) {
      const value = record.normalized[name];
      if (typeof value !== 'string' || value === '') continue;
      if (!best || record.observedAt.getTime() > best.observedAt.getTime()) best = record;
    }
    if (!best) continue;
    attributes.push({
      name,
      value: best.normalized[name] as string,
      sourceSystem: best.system,
      sourceLocalId: best.localId,
      // The record's own Date, not a copy: a Date costs ~110 bytes and a big run has
      // millions of attributes. Both mean the same instant; treat them as read-only.
      observedAt: best.observedAt,
    });
  }
  // An array of exactly its length (`push` left room for 16 more), as applicants may number a million.
  return attributes.slice();
}
