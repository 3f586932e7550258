import { DEPARTMENTS } from '@oncegate/applications';
import { isRole, type Role } from './roles';

export interface ConsumerInput {
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string | null;
}

/** Names as they appear in logs and audit records: lower-case words, digits and hyphens. */
const NAME = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;

/**
 * Everything wrong with a consumer to register, at once: its name, its roles
 * (at least one, each known), and its department (required for the
 * `department` role, one of the four; optional for the others, naming the
 * department that runs an e-service).
 */
export function consumerInputProblems(input: ConsumerInput): string[] {
  const problems: string[] = [];
  if (!NAME.test(input.name))
    problems.push(
      'name must be 3–64 lower-case letters, digits and hyphens, starting with a letter (e.g. tax-core-system)',
    );
  if (input.roles.length === 0) problems.push('at least one role is needed');
  for (const role of input.roles)
    if (!isRole(role))
      problems.push(`unknown role ${role} (department, eservice, steward, auditor, admin)`);
  if (new Set(input.roles).size !== input.roles.length) problems.push('a role is given twice');
  if (input.department !== null && !(DEPARTMENTS as readonly string[]).includes(input.department))
    problems.push(`unknown department ${input.department} (${DEPARTMENTS.join(', ')})`);
  if (input.roles.includes('department' satisfies Role) && input.department === null)
    problems.push('a consumer with the department role must name its department');
  return problems;
}
