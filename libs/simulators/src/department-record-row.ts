import type { DepartmentSystem } from '@oncegate/demo';

/**
 * One department record in the common tabular form the entity-resolution
 * engine reads: the same ten columns for every department, each holding what
 * the department itself holds (mess included: 15-digit or lower-case-x ID
 * numbers, full-width digits, traditional-character names, stale legal
 * representatives). Nothing is cleaned or filled in here; that is the
 * matcher's job, and a value the department does not hold is `''`.
 *
 * Kept in its own module so that each department's mapping (`<dept>.export.ts`)
 * and the combining function can share it without importing each other.
 */
export interface DepartmentRecordRow {
  /** `${system}:${localId}`: exactly the system and local id of the record's ground-truth row. */
  record_id: string;
  system: DepartmentSystem;
  kind: 'PERSON' | 'ENTERPRISE';
  /** Person name or enterprise name as the department holds it. */
  name: string;
  /** 统一社会信用代码 as held (lower case, full width…); `''` when none, and always for persons. */
  uscc: string;
  /** 身份证号码 of a person as held (15-digit, lower-case x, full width); `''` if none or an enterprise. */
  resident_id: string;
  /** 法定代表人 of an enterprise as held; `''` for persons or when absent. */
  legal_rep: string;
  /**
   * A person's birth date in the department's own text (`YYYY-MM-DD` in tax,
   * `yyyyMMdd` in social insurance); `''` when the department holds none.
   */
  birth_date: string;
  /** Phone as held; `''` if none. */
  phone: string;
  /** Registered or contact address as held; `''` if none. */
  address: string;
}

/** The columns of `department-records.csv`, in order. */
export const DEPARTMENT_RECORD_COLUMNS: readonly (keyof DepartmentRecordRow)[] = [
  'record_id',
  'system',
  'kind',
  'name',
  'uscc',
  'resident_id',
  'legal_rep',
  'birth_date',
  'phone',
  'address',
];
