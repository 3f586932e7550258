import type { ChangeCursor, DepartmentRecordPage } from '../shared';
import type { InsuredEmployer, InsuredPerson } from './social-insurance.types';

/**
 * The county's social-insurance system (人社/医保), as the gateway reads it.
 * The DI token. Keys are normalized identifiers (USCC; 18-character 公民身份号码);
 * the returned map is keyed exactly by the given keys, and a key that is absent
 * means the system knows nothing about it. Failures are `SourceError`s.
 */
export abstract class SocialInsurancePort {
  /** 参保单位 by 统一社会信用代码. */
  abstract employers(usccs: readonly string[]): Promise<ReadonlyMap<string, InsuredEmployer>>;
  /** 参保人员 by 公民身份号码 (= 社会保障号码). */
  abstract persons(residentIds: readonly string[]): Promise<ReadonlyMap<string, InsuredPerson>>;
  /**
   * The change feed (变更记录) for the registry's sync: 参保单位 and 参保人员
   * records (by `unit_no` / `personal_no`) changed strictly after `after`
   * (from the start when null), oldest first, ties by local id; at most
   * `limit` records (a whole number ≥ 1; the system pages by at most 500).
   * Values as the system holds them; never cached.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;
}
