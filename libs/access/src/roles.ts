/**
 * What a consumer is (DESIGN.md §7): a department system, an e-service built
 * on the graph, a data steward's tool, an auditor's, or an administrator's.
 */
export const ROLES = ['department', 'eservice', 'steward', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The roles that read applicant data at all; the sharing class and grants decide which items. */
export const DATA_READING_ROLES: readonly Role[] = ['department', 'eservice', 'steward'];
