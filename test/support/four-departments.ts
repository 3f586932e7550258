import type { DepartmentSimulators } from '@oncegate/simulators';

/** One enterprise read from all four departments at once (one call to each). */
export const FOUR_DEPARTMENTS_QUERY = `query FourDepartments($v: String!) {
  applicantByIdentifier(scheme: USCC, value: $v) {
    id name
    projects { projectCode }
    landParcels { realEstateUnitNo }
    tax { taxpayerId status }
    socialInsurance { employer { uscc insuredCount } }
  }
}`;

/** The department call each part of FOUR_DEPARTMENTS_QUERY makes: department, port operation. */
export const FOUR_DEPARTMENT_CALLS = [
  ['project-approval', 'projectsByUscc'],
  ['land-planning', 'parcelsByHolder'],
  ['tax', 'taxpayers'],
  ['social-insurance', 'insured'],
] as const;

/** An enterprise (USCC key) that every department has a record of. */
export function enterpriseInAllFour(sims: DepartmentSimulators): string {
  const systems = new Map<string, Set<string>>();
  for (const row of sims.truth) {
    const set = systems.get(row.applicantKey) ?? new Set<string>();
    set.add(row.system);
    systems.set(row.applicantKey, set);
  }
  const key = [...systems].find(([k, s]) => s.size === 4 && !/^\d{17}[\dX]$/.test(k))?.[0];
  if (!key) throw new Error('the simulated data has no enterprise in all four departments');
  return key;
}
