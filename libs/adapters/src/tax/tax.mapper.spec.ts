import { SourceError, SourceErrorCode } from '../shared';
import {
  describeTaxFault,
  mapBatchGetTaxpayerInfoResponse,
  mapGetTaxpayerInfoResponse,
  mapTaxpayerInfos,
} from './tax.mapper';

const USCC = '91330522MA2EKRQ60K';
const PERSON = '33052219981107375X';

/** One TaxpayerInfo as the soap client parses it (every leaf the text sent). */
function info(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    DJXH: '10330522000000000015',
    NSRSBH: USCC,
    NSRMC: '长兴县凯诚茶业有限责任公司',
    NSRLX: '单位纳税人',
    ZZSNSRLX: '小规模纳税人',
    NSRZT: '正常',
    ZGSWJG_DM: '13305220000',
    ZGSWJG: '国家税务总局长兴县税务局',
    DJRQ: '2018-12-05',
    FDDBRXM: '郭华',
    NSXYXX: { PJND: '2025', XYDJ: 'C', PF: '63.5' },
    QSXX: [
      {
        SZ: '增值税',
        SSQQ: '2025-10-01',
        SSQZ: '2025-12-31',
        QSYE: '18642.37',
        ZNJ: '2712.47',
        GGRQ: '2026-04-20',
      },
    ],
    ...overrides,
  };
}

function expectInvalid(run: () => unknown, pathPart: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SourceError);
  expect(caught).toMatchObject({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE, source: 'tax' });
  expect((caught as Error).message).toContain(pathPart);
}

describe('mapTaxpayerInfos', () => {
  it('maps one registration to our terms', () => {
    expect(mapTaxpayerInfos([info()], 'X')).toEqual({
      taxpayerId: USCC,
      registrationNo: '10330522000000000015',
      name: '长兴县凯诚茶业有限责任公司',
      category: 'UNIT',
      vatTaxpayerType: 'SMALL_SCALE',
      status: 'NORMAL',
      statusLabel: '正常',
      competentTaxOffice: '13305220000',
      competentTaxOfficeName: '国家税务总局长兴县税务局',
      registeredOn: '2018-12-05',
      legalRepresentative: '郭华',
      creditRating: { year: 2025, level: 'C', score: 63.5 },
      arrears: [
        {
          taxType: '增值税',
          periodFrom: '2025-10-01',
          periodTo: '2025-12-31',
          balanceYuan: 18642.37,
          lateFeeYuan: 2712.47,
          noticeDate: '2026-04-20',
        },
      ],
      hasArrears: true,
    });
  });

  it.each([
    ['正常', 'NORMAL'],
    ['停业', 'SUSPENDED'],
    ['非正常', 'ABNORMAL'],
    ['清算', 'LIQUIDATING'],
    ['注销', 'DEREGISTERED'],
  ])('maps NSRZT %s to %s and keeps the label', (label, status) => {
    expect(mapTaxpayerInfos([info({ NSRZT: label })], 'X')).toMatchObject({
      status,
      statusLabel: label,
    });
  });

  it.each([
    ['单位纳税人', 'UNIT'],
    ['个体经营', 'INDIVIDUAL_BUSINESS'],
    ['自然人', 'NATURAL_PERSON'],
  ])('maps NSRLX %s to %s', (label, category) => {
    expect(mapTaxpayerInfos([info({ NSRLX: label })], 'X').category).toBe(category);
  });

  it('normalizes a natural person stored with a lower-case x and leaves out what is absent', () => {
    const profile = mapTaxpayerInfos(
      [
        {
          DJXH: '20330522000000000004',
          NSRSBH: PERSON.toLowerCase(),
          NSRMC: '王𠮷庆',
          NSRLX: '自然人',
          NSRZT: '正常',
          ZGSWJG_DM: '13305220000',
          DJRQ: '2022-04-20',
        },
      ],
      'X',
    );
    expect(profile).toEqual({
      taxpayerId: PERSON,
      registrationNo: '20330522000000000004',
      name: '王𠮷庆',
      category: 'NATURAL_PERSON',
      status: 'NORMAL',
      statusLabel: '正常',
      competentTaxOffice: '13305220000',
      registeredOn: '2022-04-20',
      arrears: [],
      hasArrears: false,
    });
  });

  it('keeps a rating without a score (直接判D) and drops a date offset', () => {
    const profile = mapTaxpayerInfos(
      [info({ NSXYXX: { PJND: '2025', XYDJ: 'D' }, DJRQ: '2018-12-05+08:00', QSXX: undefined })],
      'X',
    );
    expect(profile.creditRating).toEqual({ year: 2025, level: 'D' });
    expect(profile.registeredOn).toBe('2018-12-05');
    expect(profile.hasArrears).toBe(false);
  });

  it('accepts a single QSXX that was not made an array', () => {
    const single = info().QSXX as unknown[];
    expect(mapTaxpayerInfos([info({ QSXX: single[0] })], 'X').arrears).toHaveLength(1);
  });

  it('shows the live registration, not the 注销 one left behind by a move', () => {
    const profile = mapTaxpayerInfos(
      [
        info({
          DJXH: '10330522900000000001',
          NSRZT: '注销',
          DJRQ: '2016-03-01',
          ZGSWJG_DM: '13401110000',
          NSXYXX: { PJND: '2020', XYDJ: 'A', PF: '95.0' },
          QSXX: undefined,
        }),
        info({ DJRQ: '2021-08-16', NSRZT: '非正常', NSXYXX: { PJND: '2025', XYDJ: 'D' } }),
      ],
      'X',
    );
    expect(profile).toMatchObject({
      registrationNo: '10330522000000000015',
      status: 'ABNORMAL',
      registeredOn: '2021-08-16',
      creditRating: { year: 2025, level: 'D' },
      hasArrears: true,
    });
  });

  it('shows the earlier of two live registrations, with the rating and arrears of both', () => {
    const profile = mapTaxpayerInfos(
      [
        info({
          DJXH: '10330522900000000002',
          DJRQ: '2023-01-10',
          NSRMC: '长兴县凯诚茶业有限公司',
          NSXYXX: undefined,
          QSXX: [
            { SZ: '印花税', SSQQ: '2024-01-01', SSQZ: '2024-03-31', QSYE: '10.00', ZNJ: '0.50' },
          ],
        }),
        info({ NSXYXX: undefined }),
      ],
      'X',
    );
    expect(profile.registrationNo).toBe('10330522000000000015');
    expect(profile.name).toBe('长兴县凯诚茶业有限责任公司');
    expect(profile.creditRating).toBeUndefined();
    expect(profile.arrears.map((a) => a.taxType)).toEqual(['增值税', '印花税']);
  });

  it('takes the most recent rating of any registration', () => {
    const profile = mapTaxpayerInfos(
      [
        info({ NSXYXX: { PJND: '2023', XYDJ: 'B', PF: '80.0' } }),
        info({
          DJXH: '10330522900000000002',
          DJRQ: '2023-01-10',
          NSXYXX: { PJND: '2025', XYDJ: 'A', PF: '91.0' },
        }),
      ],
      'X',
    );
    expect(profile.creditRating).toEqual({ year: 2025, level: 'A', score: 91 });
  });

  it('does not count arrears of zero', () => {
    const profile = mapTaxpayerInfos(
      [
        info({
          QSXX: [{ SZ: '增值税', SSQQ: '2025-01-01', SSQZ: '2025-03-31', QSYE: '0', ZNJ: '0.00' }],
        }),
      ],
      'X',
    );
    expect(profile.hasArrears).toBe(false);
  });

  it.each([
    ['a missing DJRQ', { DJRQ: undefined }, 'DJRQ'],
    ['an empty NSRMC', { NSRMC: '  ' }, 'NSRMC'],
    ['a date that is not one', { DJRQ: '2025-02-30' }, 'DJRQ'],
    ['a date in another format', { DJRQ: '20250203' }, 'DJRQ'],
    ['an unknown status', { NSRZT: '报验' }, 'NSRZT'],
    ['an unknown category', { NSRLX: '其他' }, 'NSRLX'],
    ['an unknown VAT type', { ZZSNSRLX: '辅导期' }, 'ZZSNSRLX'],
    ['a short DJXH', { DJXH: '1033052200001' }, 'DJXH'],
    ['a bad office code', { ZGSWJG_DM: '1330522' }, 'ZGSWJG_DM'],
    ['a bad NSRSBH', { NSRSBH: '9133-0522' }, 'NSRSBH'],
    ['an element where text belongs', { NSRMC: { x: '1' } }, 'NSRMC'],
    ['a repeated leaf', { NSRMC: ['a', 'b'] }, 'NSRMC'],
    ['an unknown credit level', { NSXYXX: { PJND: '2025', XYDJ: 'E' } }, 'XYDJ'],
    ['a rating year before ratings', { NSXYXX: { PJND: '2010', XYDJ: 'A' } }, 'PJND'],
    ['a score above 100', { NSXYXX: { PJND: '2025', XYDJ: 'A', PF: '100.5' } }, 'PF'],
    ['a rating that is not an element', { NSXYXX: 'A' }, 'NSXYXX'],
    [
      'a negative amount',
      { QSXX: [{ SZ: '增值税', SSQQ: '2025-01-01', SSQZ: '2025-03-31', QSYE: '-5', ZNJ: '0' }] },
      'QSYE',
    ],
    [
      'three decimals',
      { QSXX: [{ SZ: '增值税', SSQQ: '2025-01-01', SSQZ: '2025-03-31', QSYE: '5.123', ZNJ: '0' }] },
      'QSYE',
    ],
    [
      'a period that ends before it starts',
      { QSXX: [{ SZ: '增值税', SSQQ: '2025-04-01', SSQZ: '2025-03-31', QSYE: '5', ZNJ: '0' }] },
      'SSQQ after SSQZ',
    ],
  ])('refuses %s', (_what, overrides, pathPart) => {
    expectInvalid(() => mapTaxpayerInfos([info(overrides)], 'X'), pathPart);
  });

  it('refuses registrations of two different numbers under one answer', () => {
    expectInvalid(
      () => mapTaxpayerInfos([info(), info({ NSRSBH: PERSON, DJXH: '20330522000000000004' })], 'X'),
      'different',
    );
  });

  it('never puts a value into its error message', () => {
    try {
      mapTaxpayerInfos([info({ NSRSBH: '9133-0522-SECRET', NSRZT: '秘密' })], 'X');
      throw new Error('not refused');
    } catch (error) {
      expect((error as Error).message).not.toMatch(/SECRET|秘密|9133/);
    }
  });
});

describe('mapGetTaxpayerInfoResponse', () => {
  it('maps a found taxpayer', () => {
    expect(
      mapGetTaxpayerInfoResponse({ FHDM: '0000', FHXX: '查询成功', TaxpayerInfo: [info()] }),
    ).toMatchObject({ taxpayerId: USCC });
  });
  it('maps 0001 to null', () => {
    expect(mapGetTaxpayerInfoResponse({ FHDM: '0001', FHXX: '未查询到该纳税人' })).toBeNull();
  });
  it.each([
    ['0000 without a registration', { FHDM: '0000', FHXX: '查询成功' }, 'no TaxpayerInfo'],
    ['0001 with one', { FHDM: '0001', FHXX: '未查询到', TaxpayerInfo: [info()] }, '0001'],
    ['another code', { FHDM: '9999', FHXX: '?' }, 'FHDM'],
    ['no FHXX', { FHDM: '0001' }, 'FHXX'],
    ['nothing at all', undefined, 'GetTaxpayerInfoResponse'],
  ])('refuses %s', (_what, body, pathPart) => {
    expectInvalid(() => mapGetTaxpayerInfoResponse(body), pathPart);
  });
});

describe('mapBatchGetTaxpayerInfoResponse', () => {
  const ok = (cxjg: unknown[]) => ({ FHDM: '0000', FHXX: '查询成功', CXJG: cxjg });

  it('keys found taxpayers by the numbers as requested and leaves the unknown out', () => {
    const found = mapBatchGetTaxpayerInfoResponse(
      ok([
        { CXNSRSBH: USCC, CXBZ: 'Y', TaxpayerInfo: [info()] },
        { CXNSRSBH: '91330521MA2AL34M84', CXBZ: 'N' },
      ]),
      [USCC, '91330521MA2AL34M84'],
    );
    expect([...found.keys()]).toEqual([USCC]);
  });

  it.each([
    ['an unrequested number', [{ CXNSRSBH: PERSON, CXBZ: 'N' }], [USCC], 'not requested'],
    [
      'a number answered twice',
      [
        { CXNSRSBH: USCC, CXBZ: 'N' },
        { CXNSRSBH: USCC, CXBZ: 'N' },
      ],
      [USCC],
      'twice',
    ],
    ['a missing answer', [{ CXNSRSBH: USCC, CXBZ: 'N' }], [USCC, PERSON], 'answers 1 of 2'],
    [
      'CXBZ N with a registration',
      [{ CXNSRSBH: USCC, CXBZ: 'N', TaxpayerInfo: [info()] }],
      [USCC],
      'CXBZ N',
    ],
    ['CXBZ Y without one', [{ CXNSRSBH: USCC, CXBZ: 'Y' }], [USCC], 'no TaxpayerInfo'],
    ['another CXBZ', [{ CXNSRSBH: USCC, CXBZ: '?' }], [USCC], 'CXBZ'],
  ])('refuses %s', (_what, cxjg, requested, pathPart) => {
    expectInvalid(() => mapBatchGetTaxpayerInfoResponse(ok(cxjg), requested), pathPart);
  });

  it('refuses a batch answer whose FHDM is not 0000', () => {
    expectInvalid(
      () => mapBatchGetTaxpayerInfoResponse({ FHDM: '0001', FHXX: 'x', CXJG: [] }, []),
      'FHDM',
    );
  });
});

describe('describeTaxFault', () => {
  it('names the faultcode and the 错误代码 only', () => {
    expect(
      describeTaxFault({
        faultcode: 'soap:Client',
        faultstring: '纳税人识别号格式不正确 91330522MA2EKRQ60K',
        detail: { TaxServiceFault: { CWDM: '1002', CWXX: '91330522MA2EKRQ60K' } },
      }),
    ).toBe('a SOAP Fault soap:Client (CWDM 1002)');
  });
  it('copes with a fault that says little', () => {
    expect(describeTaxFault({ faultcode: 500 })).toBe('a SOAP Fault without a faultcode');
    expect(describeTaxFault({ faultcode: 'a b <c>' })).toBe(
      'a SOAP Fault with an unreadable faultcode',
    );
    expect(describeTaxFault('x')).toBe('a SOAP Fault');
  });
});
