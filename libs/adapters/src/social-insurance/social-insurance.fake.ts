import {
  changesPageSize,
  pageAfter,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { FakeSubmissions } from '../shared/fake-submissions';
import { SOCIAL_INSURANCE_MAX_PAGE_SIZE } from './social-insurance.http-adapter';
import { toUnitRegistrationRequest } from './social-insurance.mapper';
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
 * Registrations are checked as the real adapter checks them (a RangeError for
 * one it could not send), recorded, and deduplicated by idempotency key
 * (`submissions`).
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
  /** Every submission delivered (`calls`), the cases opened and their receipts (`cases()`), `counts()`. */
  readonly submissions = new FakeSubmissions('social-insurance', 'SI-ACC-FAKE-');
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

  /** A receipt as the system gives it: the first for a key, the same again (`duplicate`) for a repeat. */
  submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    return this.submissions.submit(submission, toUnitRegistrationRequest, this.failure);
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

/**
 * A complete, valid SI_UNIT_REGISTRATION submission (a unit of 长兴县 with 12
 * employees, 养老·失业·工伤), with any field overridden; `items` are merged into
 * the fixture's (an empty value drops the item, as an absent one).
 */
export function socialInsuranceSubmissionFixture(
  overrides: Partial<DepartmentSubmission> = {},
): DepartmentSubmission {
  return {
    idempotencyKey: '3e7a1c9d-2b4f-4d6e-8a0c-5f1b2d3e4a6c',
    applicationId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    applicationNo: 'OG-20261125-000126',
    procedure: 'SI_UNIT_REGISTRATION',
    submittedAt: new Date('2026-11-25T01:30:00Z'),
    ...overrides,
    items: {
      'applicant.name': '长兴县恒达建材有限公司',
      'applicant.uscc': '91330522MA2B7K3Q5E',
      'applicant.legalRepName': '张建华',
      'applicant.legalRepIdNo': '330522198506151235',
      'applicant.address': '长兴县雉城街道金陵北路188号',
      'applicant.phone': '0572-6218834',
      'contact.name': '李晓燕',
      'contact.phone': '13957212345',
      'si.bankName': '浙江长兴农村商业银行雉城支行',
      'si.bankAccount': '201000123456789',
      'si.employeeCount': '12',
      'si.insuranceTypes': 'PENSION,UNEMPLOYMENT,WORK_INJURY',
      ...overrides.items,
    },
  };
}
