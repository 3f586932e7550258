/**
 * The registry's domain objects. Callers see only these plain, readonly shapes —
 * never the TypeORM entities behind them (STYLE.md §8).
 */

/** 自然人 (PERSON) or 企业/法人 (ENTERPRISE). */
export const APPLICANT_KINDS = ['PERSON', 'ENTERPRISE'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** A MERGED applicant points at its survivor, so its id keeps resolving. */
export const APPLICANT_STATUSES = ['ACTIVE', 'MERGED'] as const;
export type ApplicantStatus = (typeof APPLICANT_STATUSES)[number];

/**
 * RESIDENT_ID is the 居民身份证号码 (18 characters; a 15-digit legacy number is
 * upgraded and kept as `originalValue`), USCC the 统一社会信用代码. More schemes
 * will come, which is why the column is a plain string rather than an enum.
 */
export const IDENTIFIER_SCHEMES = ['RESIDENT_ID', 'USCC'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** 申请人: a person or an enterprise that deals with the departments. */
export interface Applicant {
  readonly id: string;
  readonly kind: ApplicantKind;
  readonly name: string;
  readonly status: ApplicantStatus;
  /** The survivor this applicant was merged into; null while ACTIVE. */
  readonly mergedIntoId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ApplicantIdentifier {
  readonly id: string;
  readonly applicantId: string;
  readonly scheme: IdentifierScheme;
  /** Normalized by the caller (libs/identifiers); the registry stores it as given. */
  readonly value: string;
  /** The value this one was derived from, e.g. a 15-digit legacy 身份证号码. */
  readonly originalValue: string | null;
  /**
   * False once the applicant was merged away: the row stays for history, while
   * the survivor carries a copy that is the one identifying it.
   */
  readonly active: boolean;
}

/** 源记录: one record of one department system, as it was received and as we read it. */
export interface SourceRecord {
  readonly id: string;
  readonly applicantId: string;
  /** The department system, e.g. `project-approval`, `land-planning`, `tax`, `social-insurance`. */
  readonly system: string;
  /** The record's key inside that system. */
  readonly localId: string;
  /** The payload exactly as the department sent it (anything JSON can carry). */
  readonly rawPayload: unknown;
  readonly normalized: Readonly<Record<string, unknown>>;
  readonly observedAt: Date;
}

/** 黄金记录 attribute: the one value shown for a name, with its provenance. */
export interface GoldenAttribute {
  readonly id: string;
  readonly applicantId: string;
  /** e.g. `legalRepresentative`, `address`, `phone`, `birthDate`, `divisionCode`, `registeredCapital`. */
  readonly name: string;
  readonly value: string;
  readonly sourceSystem: string;
  /** The source record the value was taken from, when there is one. */
  readonly sourceRecordId: string | null;
  readonly observedAt: Date;
}

export interface RegisterIdentifierInput {
  readonly scheme: IdentifierScheme;
  /** Already normalized (libs/identifiers). */
  readonly value: string;
  readonly originalValue?: string | null;
}

export interface RegisterSourceRecordInput {
  readonly system: string;
  readonly localId: string;
  /** Stored as JSON text; must be JSON-serializable (a SOAP body can come as a string). */
  readonly rawPayload: unknown;
  readonly normalized: Readonly<Record<string, unknown>>;
  readonly observedAt: Date;
}

export interface RegisterAttributeInput {
  readonly name: string;
  readonly value: string;
  readonly sourceSystem: string;
  /**
   * The `localId` of a source record in the same input whose `system` is
   * `sourceSystem`; omit when the value comes from no stored record.
   */
  readonly sourceLocalId?: string | null;
  readonly observedAt: Date;
}

export interface RegisterApplicantInput {
  readonly kind: ApplicantKind;
  /** Surrounding whitespace is trimmed; at most 200 characters. */
  readonly name: string;
  readonly identifiers: readonly RegisterIdentifierInput[];
  readonly sourceRecords?: readonly RegisterSourceRecordInput[];
  readonly attributes?: readonly RegisterAttributeInput[];
}
