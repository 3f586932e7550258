import type { ApplicantKind } from '../registry.types';

/**
 * One department record as the sync hands it to the registry: the fields the
 * matcher compares, as the department holds them, plus the raw record.
 */
export interface IncomingRecord {
  readonly system: string;
  readonly localId: string;
  readonly kind: ApplicantKind;
  readonly name: string;
  readonly uscc: string | null;
  readonly residentId: string | null;
  readonly legalRepresentative: string | null;
  readonly birthDate: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  /** The department's change time of the record. */
  readonly changedAt: Date;
  readonly raw: unknown;
}

/** The fields of a source record the matcher and the golden record read. */
export const RECORD_FIELDS = [
  'name',
  'uscc',
  'residentId',
  'legalRepresentative',
  'birthDate',
  'phone',
  'address',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** What one ingest did, for logs, the CLI and tests. */
export interface IngestReport {
  /**
   * FULL: everything the registry holds matched again with the batch (bulk
   * loads, a process's first ingest); INDEXED: the batch alone, record by
   * record, against the in-memory match index.
   */
  mode: 'FULL' | 'INDEXED';
  /** Records the registry holds after the ingest. */
  records: number;
  newRecords: number;
  updatedRecords: number;
  applicantsCreated: number;
  recordsLinked: number;
  automaticMerges: number;
  reviewsQueued: number;
  /** Identifiers left off an applicant because another active applicant holds them. */
  identifiersHeldElsewhere: number;
}

export const MATCH_CANDIDATE_STATUSES = ['PENDING', 'LINKED', 'KEPT_APART'] as const;
export type MatchCandidateStatus = (typeof MATCH_CANDIDATE_STATUSES)[number];

/** A pair of records a person must decide on, with the matcher's reasons. */
export interface MatchCandidate {
  readonly id: string;
  readonly recordAId: string;
  readonly recordBId: string;
  readonly probability: number;
  readonly weight: number;
  /** The matcher's explanation: each comparison's level and weight. */
  readonly explanation: unknown;
  readonly status: MatchCandidateStatus;
  readonly decidedBy: string | null;
  readonly reason: string | null;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

export const APPLICANT_EVENT_TYPES = [
  'CREATED',
  'RECORD_LINKED',
  'MERGED',
  'MERGED_INTO',
  'SPLIT',
  'SPLIT_FROM',
  'REVIEW_DECIDED',
] as const;
export type ApplicantEventType = (typeof APPLICANT_EVENT_TYPES)[number];

/** One entry of an applicant's append-only history. */
export interface ApplicantEvent {
  readonly id: string;
  readonly applicantId: string;
  readonly type: ApplicantEventType;
  readonly relatedApplicantId: string | null;
  readonly actor: string;
  readonly reason: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

/** One value a department holds for an attribute, where departments disagree. */
export interface ConflictingValue {
  readonly value: string;
  readonly system: string;
  readonly sourceRecordId: string;
  readonly observedAt: Date;
}

/** An attribute whose departments disagree: every value, with its source and date. */
export interface AttributeConflict {
  readonly attribute: string;
  /** The value the golden record shows. */
  readonly chosen: string | null;
  readonly values: readonly ConflictingValue[];
}
