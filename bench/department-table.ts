import { generateDemoApplicants } from '@oncegate/demo';
import type { RawRecord } from '@oncegate/matching';
import { generateDepartmentData, labelledDepartmentRecords } from '@oncegate/simulators';

/** The seed every matching benchmark uses, so their figures describe the same county. */
export const BENCH_SEED = 20261125;

/**
 * Every department record of a simulated county of `applicants` people and
 * enterprises (2:1) as one table (what `npm run sim -- --export` writes),
 * with the true applicant of each record.
 */
export function departmentTable(applicants: number): { records: RawRecord[]; keys: string[] } {
  const enterprises = Math.round(applicants / 3);
  const population = generateDemoApplicants({
    seed: BENCH_SEED,
    persons: applicants - enterprises,
    enterprises,
  });
  const records: RawRecord[] = [];
  const keys: string[] = [];
  for (const { row, applicantKey } of labelledDepartmentRecords(
    generateDepartmentData(population, { seed: BENCH_SEED }),
  )) {
    records.push(row as unknown as RawRecord);
    keys.push(applicantKey);
  }
  return { records, keys };
}
