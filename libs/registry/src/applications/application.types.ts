/** Where an item's value came from. */
export type ItemOrigin = 'TYPED' | 'PREFILLED';

/** One item of a stored application: its value and provenance. */
export interface StoredItem {
  value: string;
  origin: ItemOrigin;
  /** For prefilled items: the department system and when it last said so. */
  source?: { system: string; observedAt: string } | null;
}

export const APPLICATION_STATUSES = ['ACTIVE', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * A procedure's status at its department. OnceGate sets SUBMITTED (stored,
 * waiting for delivery), DELIVERED (the department acknowledged it),
 * DELIVERY_REJECTED (the department refused the submission) and
 * DELIVERY_FAILED (never delivered); the department reports the rest.
 */
export const PROCEDURE_STATUSES = [
  'SUBMITTED',
  'DELIVERED',
  'DELIVERY_REJECTED',
  'DELIVERY_FAILED',
  'RECEIVED',
  'ACCEPTED',
  'RETURNED',
  'APPROVED',
  'REJECTED',
] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

export const APPLICATION_EVENT_TYPES = [
  'SUBMITTED',
  'DELIVERY_FAILED',
  'DELIVERED',
  'DELIVERY_REJECTED',
  'DELIVERY_DEAD',
  'RECEIVED',
  'ACCEPTED',
  'RETURNED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationEventType = (typeof APPLICATION_EVENT_TYPES)[number];

export type DeliveryKind = 'SUBMISSION' | 'CHANGE_NOTICE';
export type DeliveryState = 'PENDING' | 'DELIVERED' | 'REJECTED' | 'DEAD';

export interface StoredApplication {
  id: string;
  applicationNo: string;
  applicantId: string;
  clientKey: string;
  submittedBy: string;
  requestHash: string;
  procedures: string[];
  items: Record<string, StoredItem>;
  status: ApplicationStatus;
  submittedAt: Date;
  updatedAt: Date;
}

export interface StoredProcedure {
  applicationId: string;
  procedure: string;
  department: string;
  status: ProcedureStatus;
  statusAt: Date;
  receivedAt: Date | null;
  receiptNo: string | null;
}

export interface StoredApplicationEvent {
  id: string;
  applicationId: string;
  seq: number;
  procedure: string | null;
  department: string | null;
  type: ApplicationEventType;
  actor: string;
  note: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export interface StoredDelivery {
  id: string;
  kind: DeliveryKind;
  applicationId: string | null;
  procedure: string | null;
  target: string;
  idempotencyKey: string;
  payload: unknown;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  receiptNo: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}
