import {
  changesPageSize,
  pageAfter,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
} from '../shared';
import { SOCIAL_INSURANCE_MAX_PAGE_SIZE } from './social-insurance.http-adapter';
import { SocialInsurancePort } from './social-insurance.port';
import {
  InsuranceContributionStatus,
  InsuranceParticipationStatus,
  InsuranceScheme,
  InsuranceType,
  InsuredCertType,
  InsuredPersonCategory,
  InsuredUnitType,
  type InsuredEmployer,
  type InsuredPerson,
} from './social-insurance.types';

/**
 * An in-memory social-insurance system for other units' tests: answers from
 * what it was given, records every call (to prove batching), and fails every
 * call with a chosen error (e.g. `SourceError.unavailable('social-insurance', …)`).
 * Its change feed pages the `records` it was given (by local id; a record set
 * again replaces the old one, as a change would) in the real feed's order.
 */
export class SocialInsuranceFakeAdapter extends SocialInsurancePort {
  /** The keys of every lookup and the arguments of every feed call, in order. */
  readonly calls: {
    employers: (readonly string[])[];
    persons: (readonly string[])[];
    changes: { after: ChangeCursor | null; limit: number }[];
  } = {
    employers: [],
    persons: [],
    changes: [],
  };
  private readonly employerRecords = new Map<string, InsuredEmployer>();
  private readonly personRecords = new Map<string, InsuredPerson>();
  private readonly feedRecords = new Map<string, DepartmentApplicantRecord>();
  private failure: Error | null = null;

  constructor(
    records: {
      employers?: readonly InsuredEmployer[];
      persons?: readonly InsuredPerson[];
      /** What the change feed holds. */
      records?: readonly DepartmentApplicantRecord[];
    } = {},
  ) {
    super();
    for (const e of records.employers ?? []) this.setEmployer(e);
    for (const p of records.persons ?? []) this.setPerson(p);
    for (const r of records.records ?? []) this.setRecord(r);
  }

  /** Puts a record in the change feed, replacing the one with its local id. */
  setRecord(record: DepartmentApplicantRecord): this {
    this.feedRecords.set(record.localId, record);
    return this;
  }

  setEmployer(employer: InsuredEmployer): this {
    this.employerRecords.set(employer.uscc, employer);
    return this;
  }

  setPerson(person: InsuredPerson): this {
    this.personRecords.set(person.socialSecurityNo, person);
    return this;
  }

  /** Every following call rejects with `error`; `null` to answer again. */
  failWith(error: Error | null): this {
    this.failure = error;
    return this;
  }

  employers(usccs: readonly string[]): Promise<ReadonlyMap<string, InsuredEmployer>> {
    this.calls.employers.push([...usccs]);
    return this.answer(usccs, this.employerRecords);
  }

  persons(residentIds: readonly string[]): Promise<ReadonlyMap<string, InsuredPerson>> {
    this.calls.persons.push([...residentIds]);
    return this.answer(residentIds, this.personRecords);
  }

  changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    this.calls.changes.push({ after, limit });
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve().then(() =>
      pageAfter(
        this.feedRecords.values(),
        after,
        changesPageSize('social-insurance', limit, SOCIAL_INSURANCE_MAX_PAGE_SIZE),
      ),
    );
  }

  private answer<V>(
    keys: readonly string[],
    records: ReadonlyMap<string, V>,
  ): Promise<ReadonlyMap<string, V>> {
    if (this.failure) return Promise.reject(this.failure);
    const out = new Map<string, V>();
    for (const key of keys) {
      const value = records.get(key);
      if (value !== undefined) out.set(key, value);
    }
    return Promise.resolve(out);
  }
}

/** A plausible 参保单位 for tests: four lines in force, paid up. */
export function sampleInsuredEmployer(overrides: Partial<InsuredEmployer> = {}): InsuredEmployer {
  const line = (insuranceType: InsuranceType, scheme: InsuranceScheme) => ({
    insuranceType,
    scheme,
    participationStatus: InsuranceParticipationStatus.ACTIVE,
    insuredCount: 37,
    contributionStatus: InsuranceContributionStatus.NORMAL,
    paidUpTo: '2026-10',
    arrearsAmountYuan: 0,
    arrearsMonths: 0,
  });
  return {
    uscc: '91330522MA2B7K3Q5E',
    unitInsuranceNo: '33052200000045',
    unitName: '长兴县恒达建材有限公司',
    unitType: InsuredUnitType.ENTERPRISE,
    insuredPlace: '330522',
    registeredOn: '2017-04-10',
    workInjuryRiskClass: 4,
    insuredCount: 37,
    lines: [
      line(InsuranceType.PENSION, InsuranceScheme.EMPLOYEE_PENSION),
      line(InsuranceType.UNEMPLOYMENT, InsuranceScheme.UNEMPLOYMENT),
      line(InsuranceType.MEDICAL, InsuranceScheme.EMPLOYEE_MEDICAL),
      line(InsuranceType.WORK_INJURY, InsuranceScheme.WORK_INJURY),
    ],
    deferral: null,
    ...overrides,
  };
}

/** A plausible 参保人员 for tests: employed, pension and medical in force, no filings. */
export function sampleInsuredPerson(overrides: Partial<InsuredPerson> = {}): InsuredPerson {
  const line = (insuranceType: InsuranceType, scheme: InsuranceScheme) => ({
    insuranceType,
    scheme,
    participationStatus: InsuranceParticipationStatus.ACTIVE,
    contributionBaseYuan: 6852,
    cumulativeMonths: 182,
    firstInsuredDate: '2011-03-01',
    paidUpTo: '2026-10',
  });
  return {
    socialSecurityNo: '330522198506151235',
    legacySocialSecurityNo: null,
    personalNo: 'SI-PER-000123',
    certType: InsuredCertType.RESIDENT_ID_CARD,
    name: '张伟',
    personCategory: InsuredPersonCategory.EMPLOYED,
    insuredPlace: '330522',
    employerUscc: '91330522MA2B7K3Q5E',
    employerName: '长兴县恒达建材有限公司',
    lines: [
      line(InsuranceType.PENSION, InsuranceScheme.EMPLOYEE_PENSION),
      line(InsuranceType.MEDICAL, InsuranceScheme.EMPLOYEE_MEDICAL),
    ],
    crossRegionMedicalFilings: [],
    recordCount: 1,
    ...overrides,
  };
}
