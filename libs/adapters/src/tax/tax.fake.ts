import {
  changesPageSize,
  pageAfter,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SourceError,
  type SubmissionReceipt,
} from '../shared';
import { FakeSubmissions } from '../shared/fake-submissions';
import { TAX_MAX_CHANGES_PAGE } from './tax.config';
import { toTaxInfoConfirmationRequest } from './tax.mapper';
import { TaxPort } from './tax.port';
import type { TaxProfile } from './tax.types';

/**
 * An in-memory `TaxPort` for other units' tests: profiles keyed by their
 * `taxpayerId`, change-feed records keyed by their `localId` (登记序号), every
 * call recorded, and a failure to inject. Submissions are checked as the real
 * adapter checks them (a RangeError for one it could not send), recorded, and
 * deduplicated by idempotency key (`submissions`).
 *
 * ```ts
 * const tax = new FakeTaxAdapter([taxProfileFixture({ taxpayerId: '91330522MA2B3C4D57' })]);
 * tax.putRecord(taxApplicantRecordFixture({ changedAt: new Date('2026-03-14T01:00:00Z') }));
 * tax.failWith(SourceError.unavailable('tax', 'down'));
 * ```
 */
export class FakeTaxAdapter extends TaxPort {
  private readonly profiles = new Map<string, TaxProfile>();
  private readonly records = new Map<string, DepartmentApplicantRecord>();
  private failure: SourceError | null = null;
  /** The ids of every `taxpayers` call, in order. */
  readonly calls: (readonly string[])[] = [];
  /** The arguments of every `changes` call, in order. */
  readonly changeCalls: { readonly after: ChangeCursor | null; readonly limit: number }[] = [];
  /** Every submission delivered (`calls`), the cases opened and their receipts (`cases()`), `counts()`. */
  readonly submissions = new FakeSubmissions('tax', 'HZFAKE');

  constructor(
    profiles: Iterable<TaxProfile> = [],
    records: Iterable<DepartmentApplicantRecord> = [],
  ) {
    super();
    for (const profile of profiles) this.put(profile);
    for (const record of records) this.putRecord(record);
  }

  put(profile: TaxProfile): this {
    this.profiles.set(profile.taxpayerId, profile);
    return this;
  }

  /** Adds a feed record, or replaces the one with its localId (a change: give it a later changedAt). */
  putRecord(record: DepartmentApplicantRecord): this {
    this.records.set(record.localId, record);
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

  /** A receipt as the tax office gives it: the first for a key, the same again (`duplicate`) for a repeat. */
  submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    return this.submissions.submit(submission, toTaxInfoConfirmationRequest, this.failure);
  }

  /** As the real feed: strict (changedAt, localId) order, after the cursor, at most min(limit, 500). */
  changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    this.changeCalls.push({ after, limit });
    const failure = this.failure;
    return Promise.resolve().then(() => {
      // The limit is checked before the failure, as the real adapter checks it before calling.
      const size = changesPageSize('tax', limit, TAX_MAX_CHANGES_PAGE);
      if (failure) throw failure;
      return pageAfter(this.records.values(), after, size);
    });
  }
}

/** A plausible enterprise registration of the change feed; override what the test is about. */
export function taxApplicantRecordFixture(
  overrides: Partial<DepartmentApplicantRecord> = {},
): DepartmentApplicantRecord {
  return {
    system: 'tax',
    localId: '10330522000000000001',
    kind: 'ENTERPRISE',
    name: '长兴县恒达建材有限公司',
    uscc: '91330522MA2B3C4D57',
    residentId: null,
    legalRepresentative: '王伟',
    birthDate: null,
    phone: '0572-6123456',
    address: '长兴县雉城街道明珠路88号',
    changedAt: new Date('2019-03-05T02:30:00Z'),
    raw: {},
    ...overrides,
  };
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

/**
 * A complete, valid TAX_INFO_CONFIRMATION submission (a new unit of 长兴县 on
 * the 小企业会计准则), with any field overridden; `items` are merged into the
 * fixture's (an empty value drops the item, as an absent one).
 */
export function taxSubmissionFixture(
  overrides: Partial<DepartmentSubmission> = {},
): DepartmentSubmission {
  return {
    idempotencyKey: '5c1e8a2f-3d4b-4e6a-9f70-81b2c3d4e5f6',
    applicationId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    applicationNo: 'OG-20261125-000125',
    procedure: 'TAX_INFO_CONFIRMATION',
    submittedAt: new Date('2026-11-25T01:30:00Z'),
    ...overrides,
    items: {
      'applicant.name': '长兴县恒达家居有限公司',
      'applicant.uscc': '91330522MA2B7K3C0J',
      'applicant.legalRepName': '王建国',
      'applicant.legalRepIdNo': '330522198506151235',
      'applicant.address': '长兴县雉城街道经一路18号',
      'applicant.phone': '0572-6012345',
      'tax.financeContactName': '沈佳怡',
      'tax.financeContactPhone': '13819236688',
      'tax.accountingStandard': 'SBAS',
      ...overrides.items,
    },
  };
}
