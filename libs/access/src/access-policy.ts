import type { Role } from './roles';
import { DATA_READING_ROLES } from './roles';
import type { DataItem } from './sharing-catalogue';

/** Who asks: a consumer's roles and department, and the purpose stated for this request. */
export interface Requester {
  readonly consumerId: string;
  readonly roles: readonly Role[];
  /** The department a department system belongs to; null for e-services and the rest. */
  readonly department: string | null;
  readonly purpose: string;
}

/** An approved grant of conditional items to one consumer for one purpose, until it expires. */
export interface ActiveGrant {
  readonly consumerId: string;
  readonly items: readonly string[];
  readonly purpose: string;
  readonly expiresAt: Date;
}

/** Why an item is refused: the code callers see in `extensions.reason`. */
export type DenialReason =
  /** 不予共享: never leaves the providing department. */
  | 'NOT_SHARED'
  /** The consumer's roles do not read applicant data (auditor, admin). */
  | 'ROLE_READS_NO_DATA'
  /** 有条件共享 with no approved grant for this consumer, item and purpose. */
  | 'NO_GRANT'
  /** A grant for this consumer, item and purpose exists but has expired. */
  | 'GRANT_EXPIRED';

export type AccessDecision =
  | { readonly allowed: true; readonly basis: 'UNCONDITIONAL' | 'PROVIDER' | 'GRANT' }
  | { readonly allowed: false; readonly reason: DenialReason };

/**
 * 以共享为原则、不共享为例外: may this requester read this item now?
 *
 * - NOT_SHARED: refused to everyone, the providing department's own systems
 *   included (they read it from their own system, not through the gateway).
 * - Only the data-reading roles (department, eservice, steward) read items.
 * - UNCONDITIONAL: allowed, whatever the purpose stated.
 * - CONDITIONAL: allowed to the providing department's own systems; to
 *   anyone else only with an approved grant naming this consumer, this item
 *   and this purpose, not yet expired.
 */
export function decideAccess(
  requester: Requester,
  item: DataItem,
  grants: readonly ActiveGrant[],
  now: Date,
): AccessDecision {
  if (item.sharingClass === 'NOT_SHARED') return { allowed: false, reason: 'NOT_SHARED' };
  if (!requester.roles.some((r) => DATA_READING_ROLES.includes(r)))
    return { allowed: false, reason: 'ROLE_READS_NO_DATA' };
  if (item.sharingClass === 'UNCONDITIONAL') return { allowed: true, basis: 'UNCONDITIONAL' };
  if (requester.roles.includes('department') && requester.department === item.provider)
    return { allowed: true, basis: 'PROVIDER' };
  const matching = grants.filter(
    (g) =>
      g.consumerId === requester.consumerId &&
      g.purpose === requester.purpose &&
      g.items.includes(item.id),
  );
  if (matching.some((g) => g.expiresAt.getTime() > now.getTime()))
    return { allowed: true, basis: 'GRANT' };
  return { allowed: false, reason: matching.length > 0 ? 'GRANT_EXPIRED' : 'NO_GRANT' };
}
