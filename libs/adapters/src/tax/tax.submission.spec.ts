import { SourceErrorCode } from '../shared';
import { FakeTaxAdapter, taxSubmissionFixture } from './tax.fake';
import {
  TAX_SUBMISSION_ITEMS,
  mapSubmissionFault,
  mapSubmitTaxInfoConfirmationResponse,
  toTaxInfoConfirmationRequest,
} from './tax.mapper';

const KEY = '5c1e8a2f-3d4b-4e6a-9f70-81b2c3d4e5f6';

/** SubmitTaxInfoConfirmation: the neutral submission to the WSDL's request, its receipt and its faults. */
describe('tax submission mapping', () => {
  it('maps every item of TAX_INFO_CONFIRMATION to its element, in the schema’s order', () => {
    const request = toTaxInfoConfirmationRequest(taxSubmissionFixture());
    expect(request).toEqual({
      QQLSH: KEY,
      WBYWBH: 'OG-20261125-000125',
      SQSJ: '2026-11-25T09:30:00+08:00',
      NSRSBH: '91330522MA2B7K3C0J',
      NSRMC: '长兴县恒达家居有限公司',
      FDDBRXM: '王建国',
      FDDBRSFZJHM: '330522198506151235',
      ZCDZ: '长兴县雉城街道经一路18号',
      LXDH: '0572-6012345',
      CWFZRXM: '沈佳怡',
      CWFZRYDDH: '13819236688',
      KJZD: '小企业会计准则',
    });
    // The `soap` package writes elements in key order, which must be the sequence of the schema.
    expect(Object.keys(request)).toEqual([
      'QQLSH',
      'WBYWBH',
      'SQSJ',
      'NSRSBH',
      'NSRMC',
      'FDDBRXM',
      'FDDBRSFZJHM',
      'ZCDZ',
      'LXDH',
      'CWFZRXM',
      'CWFZRYDDH',
      'KJZD',
    ]);
    for (const element of Object.keys(request).slice(3)) {
      expect(TAX_SUBMISSION_ITEMS).toHaveProperty(element);
    }
  });

  it.each([
    ['ASBE', '企业会计准则'],
    ['SBAS', '小企业会计准则'],
    ['OTHER', '其他'],
  ])('maps tax.accountingStandard %s to 适用会计制度 %s', (code, kjzd) => {
    expect(
      toTaxInfoConfirmationRequest(
        taxSubmissionFixture({ items: { 'tax.accountingStandard': code } }),
      ).KJZD,
    ).toBe(kjzd);
  });

  it('sends 申请时间 in China time to the second', () => {
    const request = toTaxInfoConfirmationRequest(
      taxSubmissionFixture({ submittedAt: new Date('2026-11-25T16:00:00.750Z') }),
    );
    expect(request.SQSJ).toBe('2026-11-26T00:00:00+08:00');
  });

  it.each([
    ['another procedure', { procedure: 'SI_UNIT_REGISTRATION' }],
    ['no 法定代表人公民身份号码', { items: { 'applicant.legalRepIdNo': '' } }],
    ['a 15-digit 公民身份号码', { items: { 'applicant.legalRepIdNo': '330522850615123' } }],
    ['no unit phone (required here)', { items: { 'applicant.phone': '' } }],
    [
      'a landline as the 财务负责人’s mobile',
      { items: { 'tax.financeContactPhone': '0572-6012345' } },
    ],
    [
      'an accounting standard outside the catalogue',
      { items: { 'tax.accountingStandard': 'IFRS' } },
    ],
  ])('refuses %s with a RangeError before any request', (_what, overrides) => {
    expect(() => toTaxInfoConfirmationRequest(taxSubmissionFixture(overrides))).toThrow(RangeError);
  });

  const answer = (overrides: Record<string, unknown> = {}) => ({
    FHDM: '0000',
    FHXX: '受理成功',
    QQLSH: KEY,
    HZH: 'HZ2026112500000001',
    SLSJ: '2026-11-25T09:30:02+08:00',
    CFBZ: 'N',
    ...overrides,
  });

  it('reads a receipt, new (CFBZ N) or repeated (CFBZ Y)', () => {
    expect(mapSubmitTaxInfoConfirmationResponse(answer(), KEY)).toEqual({
      receiptNo: 'HZ2026112500000001',
      receivedAt: new Date('2026-11-25T01:30:02Z'),
      duplicate: false,
    });
    expect(mapSubmitTaxInfoConfirmationResponse(answer({ CFBZ: 'Y' }), KEY).duplicate).toBe(true);
  });

  it.each([
    ['another 请求流水号', answer({ QQLSH: 'someone-elses-key' }), 'QQLSH'],
    ['FHDM 0001', answer({ FHDM: '0001' }), 'FHDM'],
    ['a 回执号 off its pattern', answer({ HZH: 'hz-1' }), 'HZH'],
    ['a 受理时间 that is no time', answer({ SLSJ: '2026-11-25T25:00:00+08:00' }), 'SLSJ'],
    ['a 重复标志 other than Y/N', answer({ CFBZ: 'true' }), 'CFBZ'],
    ['no 回执号', answer({ HZH: undefined }), 'HZH'],
  ])('refuses a receipt with %s as SOURCE_INVALID_RESPONSE', (_what, body, element) => {
    expect(() => mapSubmitTaxInfoConfirmationResponse(body, KEY)).toThrow(
      expect.objectContaining({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
        message: expect.stringContaining(element) as unknown,
      }),
    );
  });

  const fault = (faultcode: string, cwdm: string, cwxx = '') => ({
    faultcode,
    faultstring: cwxx || 'x',
    detail: { TaxServiceFault: { CWDM: cwdm, CWXX: cwxx } },
  });

  it.each(['1001', '1002', '1006', '1007', '1008'])(
    'reads the client fault %s as a final SOURCE_REJECTED',
    (cwdm) => {
      expect(mapSubmissionFault(fault('soap:Client', cwdm))).toMatchObject({
        code: SourceErrorCode.SOURCE_REJECTED,
        source: 'tax',
        departmentCode: cwdm,
      });
    },
  );

  it('names the items of the elements a fault names, never its text', () => {
    const error = mapSubmissionFault(
      fault(
        'soap:Client',
        '1007',
        '申报信息校验不通过：FDDBRSFZJHM、CWFZRYDDH（330522198506151236）',
      ),
    );
    expect(error.message).toContain('items: applicant.legalRepIdNo, tax.financeContactPhone');
    expect(error.message).not.toContain('330522198506151236');
  });

  it.each([
    [
      '系统内部错误 (soap:Server 9999): nothing was received',
      'soap:Server',
      '9999',
      SourceErrorCode.SOURCE_UNAVAILABLE,
    ],
    [
      '身份认证失败 (1000): our credentials, not the content',
      'soap:Client',
      '1000',
      SourceErrorCode.SOURCE_UNAVAILABLE,
    ],
    [
      '请求报文格式错误 (1004): our envelope broke the contract',
      'soap:Client',
      '1004',
      SourceErrorCode.SOURCE_INVALID_RESPONSE,
    ],
    ['an unknown code', 'soap:Client', '2001', SourceErrorCode.SOURCE_INVALID_RESPONSE],
    [
      'a content code sent as a server fault',
      'soap:Server',
      '1007',
      SourceErrorCode.SOURCE_UNAVAILABLE,
    ],
  ])('reads %s', (_what, faultcode, cwdm, code) => {
    expect(mapSubmissionFault(fault(faultcode, cwdm))).toMatchObject({ code });
  });
});

describe('FakeTaxAdapter submissions', () => {
  it('dedupes by key, records every delivery, refuses what could not be sent', async () => {
    const fake = new FakeTaxAdapter();
    const first = await fake.submit(taxSubmissionFixture());
    expect(first.receiptNo).toMatch(/^[0-9A-Z]{1,30}$/);
    await expect(fake.submit(taxSubmissionFixture())).resolves.toEqual({
      ...first,
      duplicate: true,
    });
    expect(fake.submissions.counts()).toEqual({ received: 2, distinctKeys: 1, duplicates: 1 });
    await expect(
      fake.submit(taxSubmissionFixture({ items: { 'tax.accountingStandard': 'IFRS' } })),
    ).rejects.toBeInstanceOf(RangeError);
  });
});
