import type { ChangeCursor, DepartmentRecordPage } from '../shared';
import type { TaxProfile } from './tax.types';

/**
 * The county tax system (税务, 金税), as OnceGate reads it. Also the DI token:
 * inject `TaxPort`, bind the SOAP adapter in production and `FakeTaxAdapter`
 * in unit tests.
 */
export abstract class TaxPort {
  /**
   * Taxpayers by 纳税人识别号 (a USCC or an 18-character resident ID, already
   * normalized). The map is keyed exactly by the given ids; an id that is
   * absent is one the tax office does not know. Fails with a `SourceError`.
   */
  abstract taxpayers(taxpayerIds: readonly string[]): Promise<ReadonlyMap<string, TaxProfile>>;

  /**
   * The change feed (GetTaxpayerInfoChanges): up to `limit` registrations
   * (登记序号) changed strictly after `after` (from the first when null), in
   * (changedAt, localId) order, as applicant records; localId is the 登记序号.
   * `limit` is 1 or more; above the contract's 500 it is 500. Never cached.
   * Fails with a `SourceError`.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;
}
