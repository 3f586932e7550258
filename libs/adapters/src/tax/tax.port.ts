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
}
