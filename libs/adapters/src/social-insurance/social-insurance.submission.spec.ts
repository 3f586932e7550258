import { SourceErrorCode } from '../shared';
import {
  SocialInsuranceFakeAdapter,
  socialInsuranceSubmissionFixture,
} from './social-insurance.fake';
import {
  UNIT_REGISTRATION_ITEMS,
  parseUnitRegistrationResponse,
  toUnitRegistrationRequest,
  unitRegistrationRejection,
} from './social-insurance.mapper';

/** 单位参保登记: the neutral submission to the system's request, its receipt and its refusals. */
describe('social-insurance submission mapping', () => {
  it('maps every item of SI_UNIT_REGISTRATION to its snake_case field and code', () => {
    const request = toUnitRegistrationRequest(socialInsuranceSubmissionFixture());
    expect(request).toEqual({
      external_no: 'OG-20261125-000126',
      applied_at: '20261125093000',
      uscc: '91330522MA2B7K3Q5E',
      unit_name: '长兴县恒达建材有限公司',
      legal_rep: '张建华',
      legal_rep_cert_type: '01',
      legal_rep_cert_no: '330522198506151235',
      unit_address: '长兴县雉城街道金陵北路188号',
      contact_phone: '0572-6218834',
      agent_name: '李晓燕',
      agent_mobile: '13957212345',
      bank_name: '浙江长兴农村商业银行雉城支行',
      bank_account: '201000123456789',
      employee_count: 12,
      insurance_types: ['110', '210', '410'],
    });
    for (const field of Object.keys(request)) {
      if (!['external_no', 'applied_at', 'legal_rep_cert_type'].includes(field)) {
        expect(UNIT_REGISTRATION_ITEMS).toHaveProperty(field);
      }
    }
  });

  it.each([
    ['PENSION', ['110']],
    ['UNEMPLOYMENT,WORK_INJURY', ['210', '410']],
    ['WORK_INJURY,PENSION', ['410', '110']],
  ])('maps si.insuranceTypes %s to 险种类型 %j', (types, codes) => {
    const request = toUnitRegistrationRequest(
      socialInsuranceSubmissionFixture({ items: { 'si.insuranceTypes': types } }),
    );
    expect(request.insurance_types).toEqual(codes);
  });

  it('sends 申请时间 as yyyyMMddHHmmss in 北京时间', () => {
    const request = toUnitRegistrationRequest(
      socialInsuranceSubmissionFixture({ submittedAt: new Date('2026-12-31T16:59:59.999Z') }),
    );
    expect(request.applied_at).toBe('20270101005959');
  });

  it.each([
    ['another procedure', { procedure: 'TAX_INFO_CONFIRMATION' }],
    [
      'a medical line (registered with 医保)',
      { items: { 'si.insuranceTypes': 'PENSION,MEDICAL' } },
    ],
    ['a line twice', { items: { 'si.insuranceTypes': 'PENSION,PENSION' } }],
    ['no employees', { items: { 'si.employeeCount': '0' } }],
    ['a bank account with letters', { items: { 'si.bankAccount': '6222-0000-1111' } }],
    ['no bank', { items: { 'si.bankName': '' } }],
  ])('refuses %s with a RangeError before any request', (_what, overrides) => {
    expect(() => toUnitRegistrationRequest(socialInsuranceSubmissionFixture(overrides))).toThrow(
      RangeError,
    );
  });

  const body = (data: Record<string, unknown>) => ({
    code: 'SUCCESS',
    message: '受理成功',
    request_id: 'r-1',
    data: { acceptance_no: 'SI-ACC-20261125-000001', accepted_at: '20261125093002', ...data },
  });

  it('reads a receipt: 201 a new case, 200 a repeated key', () => {
    expect(parseUnitRegistrationResponse(201, body({ duplicate: false }))).toEqual({
      receiptNo: 'SI-ACC-20261125-000001',
      receivedAt: new Date('2026-11-25T01:30:02Z'),
      duplicate: false,
    });
    expect(parseUnitRegistrationResponse(200, body({ duplicate: true })).duplicate).toBe(true);
  });

  it.each([
    ['201 with duplicate true', 201, body({ duplicate: true }), 'duplicate'],
    ['200 with duplicate false', 200, body({ duplicate: false }), 'duplicate'],
    [
      'a 受理时间 that does not exist',
      201,
      body({ duplicate: false, accepted_at: '20261131093002' }),
      'accepted_at',
    ],
    ['no 受理号', 201, body({ duplicate: false, acceptance_no: '' }), 'acceptance_no'],
    ['a failure code', 201, { ...body({ duplicate: false }), code: 'INTERNAL_ERROR' }, 'code'],
  ])('refuses a receipt with %s as SOURCE_INVALID_RESPONSE', (_what, status, value, field) => {
    expect(() => parseUnitRegistrationResponse(status, value)).toThrow(
      expect.objectContaining({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
        message: expect.stringContaining(field) as unknown,
      }),
    );
  });

  it('reads a refusal as a final SOURCE_REJECTED naming the items of its invalid_fields', () => {
    const error = unitRegistrationRejection(422, {
      code: 'VALIDATION_FAILED',
      message: '申请内容校验不通过：uscc 91330522MA2B7K3Q5X',
      request_id: 'r-2',
      invalid_fields: ['uscc', 'legal_rep_cert_no', 'toString'],
    });
    expect(error).toMatchObject({
      code: SourceErrorCode.SOURCE_REJECTED,
      source: 'social-insurance',
      departmentCode: 'VALIDATION_FAILED',
    });
    expect(error?.message).toContain('items: applicant.uscc, applicant.legalRepIdNo');
    expect(error?.message).not.toContain('91330522MA2B7K3Q5X');
    for (const [status, code] of [
      [400, 'INVALID_REQUEST'],
      [409, 'IDEMPOTENCY_CONFLICT'],
    ] as const) {
      expect(
        unitRegistrationRejection(status, { code, message: 'x', request_id: 'r' }),
      ).toMatchObject({ departmentCode: code });
    }
  });

  it.each([
    ['a refused signature', 401, { code: 'BAD_SIGNATURE', message: 'x', request_id: 'r' }],
    ['a batch code', 400, { code: 'BATCH_TOO_LARGE', message: 'x', request_id: 'r' }],
    ['no route', 404, { code: 'NOT_FOUND', message: 'x', request_id: 'r' }],
    ['no error body', 422, { code: 'VALIDATION_FAILED' }],
  ])('does not read %s as a refusal of the content', (_what, status, value) => {
    expect(unitRegistrationRejection(status, value)).toBeNull();
  });
});

describe('SocialInsuranceFakeAdapter submissions', () => {
  it('dedupes by key, records every delivery, refuses other content under a key', async () => {
    const fake = new SocialInsuranceFakeAdapter();
    const first = await fake.submit(socialInsuranceSubmissionFixture());
    await expect(fake.submit(socialInsuranceSubmissionFixture())).resolves.toEqual({
      ...first,
      duplicate: true,
    });
    await expect(
      fake.submit(socialInsuranceSubmissionFixture({ items: { 'si.employeeCount': '13' } })),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_REJECTED });
    expect(fake.submissions.counts()).toEqual({ received: 2, distinctKeys: 1, duplicates: 1 });
  });
});
