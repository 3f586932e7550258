/** The department systems the demo county runs, named as the gateway names them. */
export type DepartmentSystem = 'project-approval' | 'land-planning' | 'tax' | 'social-insurance';

/**
 * An identifier, always in its normalized 18-character form. `originalValue`
 * is the 15-digit legacy 身份证号码 a record was first keyed by, when there was one.
 */
export interface DemoIdentifier {
  scheme: 'RESIDENT_ID' | 'USCC';
  value: string;
  originalValue?: string;
}

/** 源记录: one record of one department system. */
export interface DemoSourceRecord {
  system: DepartmentSystem;
  /** The record's key inside its system, in that system's own style; unique per system. */
  localId: string;
  /** The record as the department would send it: its own field names, codes and date formats. */
  rawPayload: Record<string, unknown>;
  /** The same record under our canonical field names (strings and numbers only, JSON-safe). */
  normalized: Record<string, unknown>;
  observedAt: Date;
}

/** 黄金记录 attribute: the value shown for a name, and the source record it came from. */
export interface DemoAttribute {
  name: string;
  value: string;
  sourceSystem: DepartmentSystem;
  sourceLocalId: string;
  /**
   * When the source record was observed: the very `Date` of that record's
   * `observedAt` (shared, not copied, to keep million-applicant runs small), so
   * treat it as read-only — copy it before changing it.
   */
  observedAt: Date;
}

export interface DemoApplicant {
  kind: 'PERSON' | 'ENTERPRISE';
  name: string;
  identifiers: DemoIdentifier[];
  sourceRecords: DemoSourceRecord[];
  /** Golden values, each naming the source record it came from. */
  attributes: DemoAttribute[];
}

export interface DemoOptions {
  /** Any 32-bit integer; default 20261125. */
  seed?: number;
  /** Default 240. */
  persons?: number;
  /** Default 120. */
  enterprises?: number;
  /** "Today" for the generated data; default 2026-11-01T00:00:00Z, fixed so output is reproducible. */
  now?: Date;
}
