import { generateDemoApplicants } from '@oncegate/demo';
import { generateDepartmentData, labelledDepartmentRecords } from '@oncegate/simulators';
import type { IncomingRecord } from '../resolution/resolution.types';

/**
 * A small simulated county for resolution tests: every department record as
 * the sync hands it to the registry (one second apart from 2025-01-01), with
 * the applicant it truly belongs to.
 */
export function simulatedCounty(
  seed: number,
  persons: number,
  enterprises: number,
): { truth: string; record: IncomingRecord }[] {
  const population = generateDemoApplicants({ seed, persons, enterprises });
  const labelled = [...labelledDepartmentRecords(generateDepartmentData(population, { seed }))];
  return labelled.map(({ row, applicantKey }, k) => ({
    truth: applicantKey,
    record: {
      system: row.system,
      localId: row.record_id.slice(row.system.length + 1),
      kind: row.kind,
      name: row.name,
      uscc: row.uscc || null,
      residentId: row.resident_id || null,
      legalRepresentative: row.legal_rep || null,
      birthDate: row.birth_date || null,
      phone: row.phone || null,
      address: row.address || null,
      changedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, k)),
      raw: { row },
    },
  }));
}
