import type { SourceError } from '../shared';
import { TaxPort } from './tax.port';
import type { TaxProfile } from './tax.types';

/**
 * An in-memory `TaxPort` for other units' tests: profiles keyed by their
 * `taxpayerId`, every call recorded, and a failure to inject.
 *
 * ```ts
 * const tax = new FakeTaxAdapter([taxProfileFixture({ taxpayerId: '91330522MA2B3C4D57' })]);
 * tax.failWith(SourceError.unavailable('tax', 'down'));
 * ```
 */
export class FakeTaxAdapter extends TaxPort {
  private readonly profiles = new Map<string, TaxProfile>();
  private failure: SourceError | null = null;
  /** The ids of every call, in order. */
  readonly calls: (readonly string[])[] = [];

  constructor(profiles: Iterable<TaxProfile> = []) {
    super();
    for (const profile of profiles) this.put(profile);
  }

  put(profile: TaxProfile): this {
    this.profiles.set(profile.taxpayerId, profile);
    return this;
  }

  /** Every following call fails with `error` until `failWith(null)`. */
  failWith(error: SourceError | null): this {
    this.failure = error;
    return this;
  }

  taxpayers(taxpayerIds: readonly string[]): Promise<ReadonlyMap<string, TaxProfile>> {
    this.calls.push([...taxpayerIds]);
    if (this.failure) return Promise.reject(this.failure);
    const found = new Map<string, TaxProfile>();
    for (const id of taxpayerIds) {
      const profile = this.profiles.get(id);
      if (profile) found.set(id, profile);
    }
    return Promise.resolve(found);
  }
}

/** A plausible enterprise taxpayer in good standing; override what the test is about. */
export function taxProfileFixture(overrides: Partial<TaxProfile> = {}): TaxProfile {
  const arrears = overrides.arrears ?? [];
  return {
    taxpayerId: '91330522MA2B3C4D57',
    registrationNo: '10330522000000000001',
    name: '长兴县恒达建材有限公司',
    category: 'UNIT',
    vatTaxpayerType: 'SMALL_SCALE',
    status: 'NORMAL',
    statusLabel: '正常',
    competentTaxOffice: '13305220000',
    competentTaxOfficeName: '国家税务总局长兴县税务局',
    registeredOn: '2019-03-05',
    legalRepresentative: '王伟',
    creditRating: { year: 2025, level: 'B', score: 82.5 },
    ...overrides,
    arrears,
    hasArrears: overrides.hasArrears ?? arrears.some((a) => a.balanceYuan > 0 || a.lateFeeYuan > 0),
  };
}
