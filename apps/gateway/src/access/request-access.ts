import {
  decideAccess,
  type AccessDecision,
  type ActiveGrant,
  type DataItem,
  type Role,
  type SharingCatalogue,
} from '@oncegate/access';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import type { AuthenticatedConsumer } from './consumer-authenticator';

/** `X-Case-Id` (办件编号) and `X-User-Id`: letters, digits and `._:/@-`, at most 100 characters. */
const TRACE_VALUE = /^[\p{L}\p{N}._:/@-]{1,100}$/u;

/** The request headers access reads, whatever the transport (HTTP headers or graphql-ws connectionParams). */
export interface AccessHeaders {
  authorization?: string;
  purpose?: string;
  caseId?: string;
  userId?: string;
}

/** The purpose and trace headers, checked: PURPOSE_REQUIRED, or BAD_USER_INPUT for a malformed id. */
export function checkedTrace(
  headers: AccessHeaders,
  catalogue: SharingCatalogue,
): { purpose: string; caseId: string | null; userId: string | null } {
  const purpose = headers.purpose?.trim() ?? '';
  if (purpose === '')
    throw new GatewayError(
      GatewayErrorCode.PURPOSE_REQUIRED,
      'State the purpose of this request in X-Purpose (a purpose code of the sharing catalogue)',
      { purposes: catalogue.purposes().map((p) => p.code) },
    );
  if (!catalogue.purpose(purpose))
    throw new GatewayError(
      GatewayErrorCode.PURPOSE_REQUIRED,
      'X-Purpose is not a purpose code of the sharing catalogue',
      {
        purposes: catalogue.purposes().map((p) => p.code),
      },
    );
  const optional = (name: string, value: string | undefined): string | null => {
    const v = value?.trim();
    if (!v) return null;
    if (!TRACE_VALUE.test(v))
      throw new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `${name} must be 1–100 letters, digits or ._:/@- characters`,
      );
    return v;
  };
  return {
    purpose,
    caseId: optional('X-Case-Id', headers.caseId),
    userId: optional('X-User-Id', headers.userId),
  };
}

/**
 * Who is asking, for what, in one request: the consumer, the stated purpose,
 * the case and the official, the consumer's grants (read once per request,
 * when a conditional item is first met), and the data items refused so far.
 */
export class RequestAccess {
  private grantsOnce: Promise<readonly ActiveGrant[]> | null = null;
  /** Items refused in this request, by id: for the answer and the audit. */
  readonly denied = new Map<string, string>();
  /** Items read in this request. */
  readonly read = new Set<string>();
  /** Applicants whose data this request touched. */
  readonly applicants = new Set<string>();

  constructor(
    readonly consumer: AuthenticatedConsumer,
    readonly purpose: string,
    readonly caseId: string | null,
    readonly userId: string | null,
    private readonly loadGrants: (consumerId: string) => Promise<readonly ActiveGrant[]>,
  ) {}

  /** A fresh access for one operation of a connection: the same caller, reads of its own. */
  forOperation(): RequestAccess {
    return new RequestAccess(
      this.consumer,
      this.purpose,
      this.caseId,
      this.userId,
      this.loadGrants,
    );
  }

  /**
   * Forgets what was read and refused, and the grants: a subscription's
   * access starts afresh with every event, so that each event is audited on
   * its own and a grant revoked meanwhile counts from the next event.
   */
  reset(): void {
    this.read.clear();
    this.denied.clear();
    this.applicants.clear();
    this.grantsOnce = null;
  }

  hasRole(...roles: readonly Role[]): boolean {
    return this.consumer.roles.some((r) => roles.includes(r));
  }

  /** Who acts, as history and audit record it: the official through their system, or the system. */
  get actor(): string {
    return this.userId
      ? `user:${this.userId}@${this.consumer.name}`
      : `consumer:${this.consumer.name}`;
  }

  async decide(item: DataItem, now = new Date()): Promise<AccessDecision> {
    const needsGrants = item.sharingClass === 'CONDITIONAL';
    const grants = needsGrants ? await this.grants() : [];
    const decision = decideAccess(
      {
        consumerId: this.consumer.id,
        roles: this.consumer.roles,
        department: this.consumer.department,
        purpose: this.purpose,
      },
      item,
      grants,
      now,
    );
    if (decision.allowed) this.read.add(item.id);
    else this.denied.set(item.id, decision.reason);
    return decision;
  }

  private grants(): Promise<readonly ActiveGrant[]> {
    this.grantsOnce ??= this.loadGrants(this.consumer.id);
    return this.grantsOnce;
  }
}
