import { DEPARTMENTS, type DepartmentId } from '@oncegate/adapters';
import { ConfigValidationError } from '../config/gateway.config';

/** Where a department receives change notices, and the secret they are signed with. */
export interface WebhookTarget {
  readonly department: DepartmentId;
  readonly url: string;
  readonly secret: string;
}

/** Shorter secrets are refused: the signature is only as strong as the secret. */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;

/** `project-approval` → `PROJECT_APPROVAL`, the prefix of the department's variables. */
export function webhookPrefix(department: DepartmentId): string {
  return department.toUpperCase().replace(/-/g, '_');
}

/**
 * Reads `<DEPT>_WEBHOOK_URL` and `<DEPT>_WEBHOOK_SECRET` for each department
 * (validated at boot: a bad pair stops the gateway naming the variable). A
 * department without a URL has no webhook: OnceGate enqueues no change
 * notices for it.
 */
export function readWebhookTargets(
  env: Readonly<Record<string, string | undefined>>,
): ReadonlyMap<DepartmentId, WebhookTarget> {
  const targets = new Map<DepartmentId, WebhookTarget>();
  const problems: string[] = [];
  for (const department of DEPARTMENTS) {
    const prefix = webhookPrefix(department);
    const url = env[`${prefix}_WEBHOOK_URL`]?.trim() ?? '';
    const secret = env[`${prefix}_WEBHOOK_SECRET`]?.trim() ?? '';
    if (url === '') {
      if (secret !== '')
        problems.push(`${prefix}_WEBHOOK_SECRET is set without ${prefix}_WEBHOOK_URL`);
      continue;
    }
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`${prefix}_WEBHOOK_URL is not a URL`);
    }
    if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      problems.push(`${prefix}_WEBHOOK_URL must be http or https`);
    if (secret.length < MIN_WEBHOOK_SECRET_LENGTH)
      problems.push(
        `${prefix}_WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters (it signs the webhooks to ${prefix}_WEBHOOK_URL)`,
      );
    targets.set(department, { department, url, secret });
  }
  if (problems.length > 0)
    throw new ConfigValidationError(
      `Invalid webhook configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return targets;
}
