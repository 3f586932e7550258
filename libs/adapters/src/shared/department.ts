/** The four department systems OnceGate reads from. */
export const DEPARTMENTS = [
  'project-approval',
  'land-planning',
  'tax',
  'social-insurance',
] as const;
export type DepartmentId = (typeof DEPARTMENTS)[number];
