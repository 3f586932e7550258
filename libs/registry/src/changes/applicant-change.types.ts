/** Where a golden value came from: a department system's record, as observed. */
export interface ChangeSource {
  system: string;
  /** OnceGate's id of the source record (null for a value registered without one). */
  recordId: string | null;
  observedAt: Date;
}

/**
 * One golden attribute of one applicant that changed. `oldValue` is null
 * when the attribute appeared, `newValue` (and `source`) null when it
 * disappeared.
 */
export interface ApplicantChange {
  /** Counts up in commit order: a reader that has seen a change has seen every earlier one. */
  id: string;
  applicantId: string;
  attribute: string;
  oldValue: string | null;
  newValue: string | null;
  source: ChangeSource | null;
  changedAt: Date;
}

/** A change about to be logged (its id and time are given when it is written). */
export type NewApplicantChange = Omit<ApplicantChange, 'id' | 'changedAt'>;

/** A golden value as the change log compares it. */
export interface GoldenValue {
  name: string;
  value: string;
  sourceSystem: string;
  sourceRecordId: string | null;
  observedAt: Date;
}

/**
 * What a department is told about a change (the body of its webhook, and
 * the stored payload of its CHANGE_NOTICE delivery). Dates are ISO 8601.
 */
export interface ChangeNotice {
  type: 'applicant.changed';
  changeId: string;
  /** The department this notice is for. */
  department: string;
  applicant: {
    id: string;
    /** Every identifier the applicant holds (USCC, resident ID), normalized. */
    identifiers: { scheme: string; value: string }[];
    /** The department's own records of this applicant: its local ids. */
    records: { localId: string }[];
  };
  attribute: string;
  oldValue: string | null;
  newValue: string | null;
  /** Where the new value came from; null when the attribute disappeared. */
  source: { system: string; observedAt: string } | null;
  changedAt: string;
}
