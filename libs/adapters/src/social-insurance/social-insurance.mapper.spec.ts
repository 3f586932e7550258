import fc from 'fast-check';
import { SourceError, SourceErrorCode } from '../shared';
import {
  parseBatchResponse,
  parseChangesResponse,
  parseEmployerResponse,
  parseErrorBody,
  parsePersonsResponse,
  socialInsuranceTimeText,
  toDepartmentRecord,
  toInsuredEmployer,
  toInsuredPerson,
} from './social-insurance.mapper';
import {
  InsuranceContributionStatus,
  InsuranceParticipationStatus,
  InsuranceScheme,
  InsuranceType,
  InsuredCertType,
  InsuredPersonCategory,
  InsuredUnitType,
  MedicalFilingChannel,
  MedicalFilingStatus,
  MedicalFilingSubtype,
  MedicalFilingType,
} from './social-insurance.types';

type Json = Record<string, unknown>;

const employer = (overrides: Json = {}): Json => ({
  unit_no: 'SI-UNIT-000078',
  unit_insurance_no: '33052100000078',
  uscc: '91330521ma29xr4n67',
  org_code: 'MA29XR4N-6',
  unit_name: '德清县味之源餐饮管理有限公司',
  unit_type: '10',
  insured_place: '330521',
  registered_at: '20160518',
  work_injury_risk_class: 1,
  lines: [
    {
      insurance_type: '110',
      participation_status: '1',
      insured_count: 22,
      contribution_status: '1',
      paid_up_to: '202610',
      arrears_amount: 0,
      arrears_months: 0,
    },
    {
      insurance_type: '410',
      participation_status: '1',
      insured_count: 22,
      contribution_status: '3',
      paid_up_to: '202606',
      arrears_amount: 0,
      arrears_months: 0,
    },
    {
      insurance_type: '510',
      participation_status: '3',
      insured_count: 30,
      contribution_status: '1',
      paid_up_to: '201912',
      arrears_amount: 0,
      arrears_months: 0,
    },
  ],
  deferral: {
    approval_no: '德人社缓〔2026〕0031号',
    lines: ['210', '410'],
    period_from: '202607',
    period_to: '202706',
    approved_at: '20260715',
  },
  ...overrides,
});

const person = (overrides: Json = {}): Json => ({
  personal_no: 'SI-PER-000031',
  social_security_no: '330522650312041',
  cert_type: '01',
  name: '李建國',
  person_category: '21',
  insured_place: '330522',
  lines: [
    {
      insurance_type: '110',
      participation_status: '3',
      contribution_base: null,
      cumulative_months: 380,
      first_insured_date: '19930701',
      paid_up_to: '202503',
    },
    {
      insurance_type: '310',
      participation_status: '1',
      contribution_base: null,
      cumulative_months: 312,
      first_insured_date: '19990101',
      paid_up_to: '202610',
    },
  ],
  cross_region_medical_filings: [
    {
      filing_no: 'BA3305222025062000017',
      insured_area_code: '330522',
      treatment_area_code: '310115',
      filing_type: '1',
      filing_subtype: '11',
      valid_from: '20250620',
      filing_channel: '1',
      status: '1',
    },
  ],
  ...overrides,
});

const envelope = (data: unknown) => ({ code: 'SUCCESS', message: '成功', request_id: 'r-1', data });

function invalid(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      source: 'social-insurance',
    });
    return error as SourceError;
  }
  throw new Error('expected SOURCE_INVALID_RESPONSE');
}

describe('social-insurance mapper', () => {
  describe('employers', () => {
    it('maps codes, dates and months to our types', () => {
      expect(toInsuredEmployer(employer())).toEqual({
        uscc: '91330521MA29XR4N67',
        unitInsuranceNo: '33052100000078',
        unitName: '德清县味之源餐饮管理有限公司',
        unitType: InsuredUnitType.ENTERPRISE,
        insuredPlace: '330521',
        registeredOn: '2016-05-18',
        workInjuryRiskClass: 1,
        insuredCount: 22,
        lines: [
          {
            insuranceType: InsuranceType.PENSION,
            scheme: InsuranceScheme.EMPLOYEE_PENSION,
            participationStatus: InsuranceParticipationStatus.ACTIVE,
            insuredCount: 22,
            contributionStatus: InsuranceContributionStatus.NORMAL,
            paidUpTo: '2026-10',
            arrearsAmountYuan: 0,
            arrearsMonths: 0,
          },
          {
            insuranceType: InsuranceType.WORK_INJURY,
            scheme: InsuranceScheme.WORK_INJURY,
            participationStatus: InsuranceParticipationStatus.ACTIVE,
            insuredCount: 22,
            contributionStatus: InsuranceContributionStatus.DEFERRED,
            paidUpTo: '2026-06',
            arrearsAmountYuan: 0,
            arrearsMonths: 0,
          },
          {
            insuranceType: InsuranceType.MATERNITY,
            scheme: InsuranceScheme.MATERNITY,
            participationStatus: InsuranceParticipationStatus.TERMINATED,
            insuredCount: 30,
            contributionStatus: InsuranceContributionStatus.NORMAL,
            paidUpTo: '2019-12',
            arrearsAmountYuan: 0,
            arrearsMonths: 0,
          },
        ],
        deferral: {
          approvalNo: '德人社缓〔2026〕0031号',
          insuranceTypes: [InsuranceType.UNEMPLOYMENT, InsuranceType.WORK_INJURY],
          periodFrom: '2026-07',
          periodTo: '2027-06',
          approvedOn: '2026-07-15',
        },
      });
    });

    it('counts the insured over the lines in force only, and takes optional fields as absent', () => {
      const minimal = employer({ deferral: undefined, work_injury_risk_class: undefined });
      const mapped = toInsuredEmployer(minimal);
      expect(mapped.insuredCount).toBe(22);
      expect(mapped.deferral).toBeNull();
      expect(mapped.workInjuryRiskClass).toBeNull();
      const noPayments = employer({
        lines: [{ ...(employer().lines as Json[])[0], paid_up_to: undefined }],
      });
      expect(toInsuredEmployer(noPayments).lines[0].paidUpTo).toBeNull();
    });

    it.each([
      [
        'an unknown insurance type',
        { lines: [{ ...(employer().lines as Json[])[0], insurance_type: '999' }] },
        'employer.lines[0].insurance_type',
      ],
      ['an unknown unit type', { unit_type: '11' }, 'employer.unit_type'],
      ['a date that does not exist', { registered_at: '20230230' }, 'employer.registered_at'],
      [
        'a month 13',
        { lines: [{ ...(employer().lines as Json[])[0], paid_up_to: '202613' }] },
        'employer.lines[0].paid_up_to',
      ],
      [
        'a negative arrears amount',
        { lines: [{ ...(employer().lines as Json[])[0], arrears_amount: -1 }] },
        'arrears_amount',
      ],
      [
        'a fractional count',
        { lines: [{ ...(employer().lines as Json[])[0], insured_count: 2.5 }] },
        'insured_count',
      ],
      ['no lines', { lines: [] }, 'employer.lines'],
      ['a missing name', { unit_name: undefined }, 'employer.unit_name'],
      ['a code that is not a USCC', { uscc: '9133052' }, 'employer.uscc'],
      ['a risk class of 9', { work_injury_risk_class: 9 }, 'work_injury_risk_class'],
      [
        'a deferral of medical insurance',
        { deferral: { ...(employer().deferral as Json), lines: ['310'] } },
        'deferral.lines[0]',
      ],
    ])('refuses %s, naming the field but not its value', (_what, overrides, field) => {
      const error = invalid(() => toInsuredEmployer(employer(overrides)));
      expect(error.message).toContain(field);
      expect(error.message).not.toContain('德清县');
      expect(error.message).not.toContain('91330521');
    });
  });

  describe('persons', () => {
    it("maps a registration under a 15-digit number to today's number, keeping the old one", () => {
      expect(toInsuredPerson([person()])).toEqual({
        socialSecurityNo: '330522196503120418',
        legacySocialSecurityNo: '330522650312041',
        personalNo: 'SI-PER-000031',
        certType: InsuredCertType.RESIDENT_ID_CARD,
        name: '李建國',
        personCategory: InsuredPersonCategory.RETIRED,
        insuredPlace: '330522',
        employerUscc: null,
        employerName: null,
        lines: [
          {
            insuranceType: InsuranceType.PENSION,
            scheme: InsuranceScheme.EMPLOYEE_PENSION,
            participationStatus: InsuranceParticipationStatus.TERMINATED,
            contributionBaseYuan: null,
            cumulativeMonths: 380,
            firstInsuredDate: '1993-07-01',
            paidUpTo: '2025-03',
          },
          {
            insuranceType: InsuranceType.MEDICAL,
            scheme: InsuranceScheme.EMPLOYEE_MEDICAL,
            participationStatus: InsuranceParticipationStatus.ACTIVE,
            contributionBaseYuan: null,
            cumulativeMonths: 312,
            firstInsuredDate: '1999-01-01',
            paidUpTo: '2026-10',
          },
        ],
        crossRegionMedicalFilings: [
          {
            filingNo: 'BA3305222025062000017',
            insuredAreaCode: '330522',
            treatmentAreaCode: '310115',
            filingType: MedicalFilingType.LONG_TERM_RESIDENT,
            subtype: MedicalFilingSubtype.RETIREE_RESETTLED,
            validFrom: '2025-06-20',
            validTo: null,
            channel: MedicalFilingChannel.ONLINE,
            status: MedicalFilingStatus.VALID,
          },
        ],
        recordCount: 1,
      });
    });

    it('merges a duplicate registration: the one in force shown, the rest added', () => {
      const current = person({
        personal_no: 'SI-PER-000087',
        social_security_no: '33052219780923122x',
        person_category: '31',
        employer_uscc: undefined,
        lines: [
          {
            insurance_type: '110',
            participation_status: '1',
            contribution_base: 4462,
            cumulative_months: 141,
            first_insured_date: '20150101',
            paid_up_to: '202610',
          },
        ],
        cross_region_medical_filings: [],
      });
      const old = person({
        personal_no: 'SI-PER-214907',
        social_security_no: '33052219780923122X',
        name: '王莉',
        person_category: '11',
        employer_uscc: '91330523MA2D8E6F5Y',
        lines: [
          {
            insurance_type: '110',
            participation_status: '3',
            contribution_base: 3980,
            cumulative_months: 58,
            first_insured_date: '20080601',
            paid_up_to: '201303',
          },
          {
            insurance_type: '410',
            participation_status: '3',
            contribution_base: 3980,
            cumulative_months: 58,
            first_insured_date: '20080601',
            paid_up_to: '201303',
          },
        ],
      });
      const merged = toInsuredPerson([old, current]);
      expect(merged).toMatchObject({
        socialSecurityNo: '33052219780923122X',
        legacySocialSecurityNo: null,
        personalNo: 'SI-PER-000087',
        personCategory: InsuredPersonCategory.FLEXIBLY_EMPLOYED,
        employerUscc: null,
        recordCount: 2,
      });
      expect(merged.lines.map((l) => [l.insuranceType, l.participationStatus])).toEqual([
        [InsuranceType.PENSION, InsuranceParticipationStatus.ACTIVE],
        [InsuranceType.WORK_INJURY, InsuranceParticipationStatus.TERMINATED],
      ]);
      expect(merged.crossRegionMedicalFilings).toHaveLength(1);
    });

    it('refuses registrations of two different persons under one key', () => {
      invalid(() =>
        toInsuredPerson([person(), person({ social_security_no: '330522198506151235' })]),
      );
    });

    it.each([
      [
        'a filing subtype of the other filing type',
        {
          cross_region_medical_filings: [
            { ...(person().cross_region_medical_filings as Json[])[0], filing_subtype: '21' },
          ],
        },
        'filing_subtype',
      ],
      [
        'a missing contribution base',
        { lines: [{ ...(person().lines as Json[])[0], contribution_base: undefined }] },
        'contribution_base',
      ],
      ['an unknown category', { person_category: '99' }, 'person_category'],
      ['an unknown certificate type', { cert_type: '05' }, 'cert_type'],
      [
        'a number of 17 characters',
        { social_security_no: '33052219650312041' },
        'social_security_no',
      ],
      [
        'filings that are not a list',
        { cross_region_medical_filings: null },
        'cross_region_medical_filings',
      ],
    ])('refuses %s', (_what, overrides, field) => {
      const error = invalid(() => toInsuredPerson([person(overrides)]));
      expect(error.message).toContain(field);
      expect(error.message).not.toContain('330522650312041');
      expect(error.message).not.toContain('李建國');
    });
  });

  describe('answers', () => {
    it('reads the single lookups inside their envelope', () => {
      expect(parseEmployerResponse(envelope(employer())).uscc).toBe('91330521MA29XR4N67');
      expect(parsePersonsResponse(envelope([person()])).socialSecurityNo).toBe(
        '330522196503120418',
      );
      invalid(() => parseEmployerResponse({ ...envelope(employer()), code: 'EMPLOYER_NOT_FOUND' }));
      invalid(() => parsePersonsResponse(envelope([])));
      invalid(() => parseEmployerResponse('<html>'));
    });

    const batch = (data: Json) => envelope({ employers: [], persons: [], not_found: [], ...data });

    it('maps a batch answer back to the keys as sent', () => {
      const answer = parseBatchResponse(
        batch({
          employers: [{ query_key: '91330521MA29XR4N67', ...employer() }],
          persons: [
            { query_key: '330522196503120418', ...person() },
            {
              query_key: '330522196503120418',
              ...person({ personal_no: 'SI-PER-900001', social_security_no: '330522196503120418' }),
            },
          ],
          not_found: [{ query_type: 'person', query_key: '110105194912310021' }],
        }),
        {
          employers: ['91330521MA29XR4N67'],
          persons: ['330522196503120418', '110105194912310021'],
        },
      );
      expect([...answer.employers.keys()]).toEqual(['91330521MA29XR4N67']);
      expect([...answer.persons.keys()]).toEqual(['330522196503120418']);
      expect(answer.persons.get('330522196503120418')?.recordCount).toBe(2);
    });

    it.each([
      [
        'a record for a key that was not asked',
        {
          employers: [{ query_key: '91330522MA2B7K3Q5E', ...employer() }],
          not_found: [{ query_type: 'employer', query_key: '91330521MA29XR4N67' }],
        },
      ],
      ['a key left unaccounted for', {}],
      [
        'a key both found and not found',
        {
          employers: [{ query_key: '91330521MA29XR4N67', ...employer() }],
          not_found: [{ query_type: 'employer', query_key: '91330521MA29XR4N67' }],
        },
      ],
      [
        'a record of another unit than its key',
        {
          employers: [
            { query_key: '91330521MA29XR4N67', ...employer({ uscc: '91330522MA2B7K3Q5E' }) },
          ],
        },
      ],
      [
        'an unknown not-found type',
        { not_found: [{ query_type: 'unit', query_key: '91330521MA29XR4N67' }] },
      ],
      ['no not_found list', { not_found: undefined }],
    ])('refuses %s', (_what, data) => {
      invalid(() =>
        parseBatchResponse(batch(data), { employers: ['91330521MA29XR4N67'], persons: [] }),
      );
    });

    it('reads an error body, or says it is not one', () => {
      expect(
        parseErrorBody({ code: 'BAD_SIGNATURE', message: '签名校验失败', request_id: 'x' }),
      ).toEqual({
        code: 'BAD_SIGNATURE',
        message: '签名校验失败',
      });
      expect(parseErrorBody('Service Unavailable')).toBeNull();
      expect(parseErrorBody({ code: 401 })).toBeNull();
    });
  });
});

describe('social-insurance change feed mapper', () => {
  const changedEmployer = (record: Json = employer(), overrides: Json = {}): Json => ({
    record_type: 'employer',
    record_no: record.unit_no,
    updated_at: '20261015093012',
    employer: record,
    ...overrides,
  });
  const changedPerson = (record: Json = person(), overrides: Json = {}): Json => ({
    record_type: 'person',
    record_no: record.personal_no,
    updated_at: '20261015093012',
    person: record,
    ...overrides,
  });
  const page = (records: unknown[], hasMore: unknown = false) =>
    envelope({ records, has_more: hasMore });

  it('maps a unit as held: the USCC in its stored case, absent fields null, raw the item itself', () => {
    const item = changedEmployer(employer({ legal_rep: '沈丽萍', contact_phone: '15967231188' }));
    const record = toDepartmentRecord(item);
    expect(record).toEqual({
      system: 'social-insurance',
      localId: 'SI-UNIT-000078',
      kind: 'ENTERPRISE',
      name: '德清县味之源餐饮管理有限公司',
      uscc: '91330521ma29xr4n67',
      residentId: null,
      legalRepresentative: '沈丽萍',
      birthDate: null,
      phone: '15967231188',
      address: null,
      changedAt: new Date('2026-10-15T01:30:12Z'),
      raw: item,
    });
    expect(record.raw).toBe(item);
  });

  it('maps a unit known only by its organisation code with no USCC', () => {
    const record = toDepartmentRecord(changedEmployer(employer({ uscc: null })));
    expect(record.uscc).toBeNull();
    expect(record.kind).toBe('ENTERPRISE');
  });

  it('maps a person as held: the 15-digit number, yyyyMMdd birth date; no resident id off a 居民身份证', () => {
    const record = toDepartmentRecord(
      changedPerson(
        person({
          birth_date: '19650312',
          mobile: '13587201456',
          address: '长兴县画溪街道长中路9号',
        }),
      ),
    );
    expect(record).toMatchObject({
      localId: 'SI-PER-000031',
      kind: 'PERSON',
      name: '李建國',
      uscc: null,
      residentId: '330522650312041',
      legalRepresentative: null,
      birthDate: '19650312',
      phone: '13587201456',
      address: '长兴县画溪街道长中路9号',
    });
    const lowerX = toDepartmentRecord(
      changedPerson(person({ social_security_no: '33052219780923122x' })),
    );
    expect(lowerX.residentId).toBe('33052219780923122x');
    const permit = toDepartmentRecord(changedPerson(person({ cert_type: '02' })));
    expect(permit.residentId).toBeNull();
    expect(permit.birthDate).toBeNull();
  });

  it('reads any second as the system writes it, in 北京时间, and back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T15:59:59Z') }),
        (instant) => {
          fc.pre(!Number.isNaN(instant.getTime()));
          const text = socialInsuranceTimeText(instant);
          expect(text).toMatch(/^\d{14}$/);
          const record = toDepartmentRecord(changedEmployer(employer(), { updated_at: text }));
          expect(record.changedAt.getTime()).toBe(Math.floor(instant.getTime() / 1000) * 1000);
        },
      ),
    );
    expect(socialInsuranceTimeText(new Date('2026-10-15T01:30:12.999Z'))).toBe('20261015093012');
    expect(socialInsuranceTimeText(new Date('2026-12-31T16:00:00Z'))).toBe('20270101000000');
  });

  it.each([
    ['an unknown record_type', changedEmployer(employer(), { record_type: 'unit' })],
    [
      'a record_no that is not the unit_no',
      changedEmployer(employer(), { record_no: 'SI-UNIT-1' }),
    ],
    [
      'a record_no that is not the personal_no',
      changedPerson(person(), { record_no: 'SI-PER-000032' }),
    ],
    ['no updated_at', changedEmployer(employer(), { updated_at: undefined })],
    ['an updated_at of 30 February', changedEmployer(employer(), { updated_at: '20260230120000' })],
    ['an updated_at at 24:00', changedEmployer(employer(), { updated_at: '20261015240000' })],
    ['an ISO updated_at', changedEmployer(employer(), { updated_at: '2026-10-15T09:30:12' })],
    [
      'a record updated_at other than the item’s',
      changedEmployer(employer({ updated_at: '20261015093013' })),
    ],
    ['a unit without its uscc field', changedEmployer(employer({ uscc: undefined }))],
    ['a malformed uscc', changedEmployer(employer({ uscc: '9133052' }))],
    ['a unit without lines', changedEmployer(employer({ lines: [] }))],
    ['a unit with an unknown unit_type', changedEmployer(employer({ unit_type: '11' }))],
    ['a unit record that is not an object', changedEmployer(employer(), { employer: [] })],
    ['a person with a malformed number', changedPerson(person({ social_security_no: '12345' }))],
    [
      'a person with a birth date that does not exist',
      changedPerson(person({ birth_date: '19650230' })),
    ],
    ['a person with an unknown gender', changedPerson(person({ gender: '3' }))],
    ['a person with an empty mobile', changedPerson(person({ mobile: '' }))],
    ['a person record missing', changedPerson(person(), { person: undefined })],
  ])('refuses %s as SOURCE_INVALID_RESPONSE', (_what, item) => {
    const error = invalid(() => toDepartmentRecord(item, 'body.data.records[0]'));
    expect(error.message).toContain('body.data.records[0]');
    expect(error.message).not.toContain('李建國');
  });

  describe('pages', () => {
    const a = changedEmployer(employer(), { updated_at: '20261015093012' });
    const b = changedPerson(person(), { updated_at: '20261015093012' });
    const c = changedPerson(person({ personal_no: 'SI-PER-000040' }), {
      updated_at: '20261016080000',
    });

    it('reads records in order, ties by record_no, with the wire cursor of the last', () => {
      // SI-PER-… < SI-UNIT-… in code-unit order: the person comes first in the same second.
      const answer = parseChangesResponse(page([b, a, c], true), { after: null, pageSize: 3 });
      expect(answer.records.map((r) => r.localId)).toEqual([
        'SI-PER-000031',
        'SI-UNIT-000078',
        'SI-PER-000040',
      ]);
      expect(answer.hasMore).toBe(true);
      expect(answer.last).toEqual({ updatedAt: '20261016080000', recordNo: 'SI-PER-000040' });
    });

    it.each([
      ['records out of order', page([a, b]), null, 10],
      ['a record twice', page([b, b]), null, 10],
      ['more records than page_size', page([b, a, c]), null, 2],
      [
        'a record not after the cursor',
        page([a]),
        { updatedAt: '20261015093012', recordNo: 'SI-UNIT-000078' },
        10,
      ],
      ['a has_more that is not a boolean', page([a], 'false'), null, 10],
      ['no records list', envelope({ has_more: false }), null, 10],
      ['a code other than SUCCESS', { ...page([]), code: 'INTERNAL_ERROR' }, null, 10],
    ])('refuses %s', (_what, body, after, pageSize) => {
      invalid(() => parseChangesResponse(body, { after, pageSize }));
    });
  });
});
