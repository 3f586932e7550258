/** A consumer: a system allowed to call the gateway. */
export interface StoredConsumer {
  readonly id: string;
  readonly name: string;
  readonly department: string | null;
  readonly roles: readonly string[];
  readonly description: string | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedReason: string | null;
}

/** One API key of a consumer, without its secret. */
export interface StoredConsumerKey {
  readonly keyId: string;
  readonly consumerId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A key to store: its id and the SHA-256 of its secret (the secret itself never reaches the database). */
export interface NewConsumerKey {
  readonly keyId: string;
  readonly secretHash: string;
  readonly expiresAt: Date | null;
}

export const GRANT_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'REVOKED'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** A request for conditional items (有条件共享) and the provider's answer. */
export interface StoredDataGrant {
  readonly id: string;
  readonly consumerId: string;
  /** The department that provides the items and decides. */
  readonly provider: string;
  readonly items: readonly string[];
  readonly purpose: string;
  /** The consumer's legal or duty basis (申请依据). */
  readonly basis: string;
  readonly status: GrantStatus;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  /** When the provider's answer is due (10 working days). */
  readonly dueAt: Date;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly expiresAt: Date | null;
}
