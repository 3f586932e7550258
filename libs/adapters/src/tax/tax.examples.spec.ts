import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  SourceError,
  SourceErrorCode,
  departmentContract,
  type ChangeCursor,
  type DepartmentRecordPage,
} from '../shared';
import {
  mapBatchGetTaxpayerInfoResponse,
  mapGetTaxpayerInfoResponse,
  mapSubmitTaxInfoConfirmationResponse,
  mapTaxpayerInfoChangesResponse,
} from './tax.mapper';
import { TaxSoapClient, type TaxOperation } from './tax.soap-client';
import type { TaxProfile } from './tax.types';

/**
 * Contract test, adapter side: every example response shipped with the
 * contract (contracts/departments/tax-examples/*.response.xml) goes through
 * the same SOAP parsing (the soap client over tax.wsdl) and mapper as a live
 * answer. A new example without an expectation here fails the suite.
 */
const EXAMPLES = departmentContract('tax-examples');

type Expectation =
  | { readonly kind: 'single'; readonly check: (profile: TaxProfile | null) => void }
  | {
      readonly kind: 'batch';
      readonly requested: readonly string[];
      readonly check: (found: ReadonlyMap<string, TaxProfile>) => void;
    }
  | {
      readonly kind: 'changes';
      readonly after: ChangeCursor | null;
      readonly check: (page: DepartmentRecordPage) => void;
    }
  | { readonly kind: 'fault'; readonly cwdm: string }
  | { readonly kind: 'submission'; readonly duplicate: boolean }
  | { readonly kind: 'submission-fault'; readonly cwdm: string; readonly items: string };

/** The 请求流水号 of SubmitTaxInfoConfirmation.request.xml, which its answers echo. */
const EXAMPLE_KEY = '5c1e8a2f-3d4b-4e6a-9f70-81b2c3d4e5f6';

/** The cursor of GetTaxpayerInfoChanges.request.xml. */
const EXAMPLE_CURSOR: ChangeCursor = {
  changedAt: new Date('2026-03-14T01:26:53Z'),
  localId: '10330522000000000015',
};

const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  'GetTaxpayerInfo.response.xml': {
    kind: 'single',
    check: (profile) =>
      expect(profile).toEqual({
        taxpayerId: '91330522MA2EKRQ60K',
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
          {
            taxType: '城市维护建设税',
            periodFrom: '2026-04-01',
            periodTo: '2026-06-30',
            balanceYuan: 932.12,
            lateFeeYuan: 48,
          },
        ],
        hasArrears: true,
      }),
  },
  'GetTaxpayerInfo.natural-person.response.xml': {
    kind: 'single',
    check: (profile) =>
      expect(profile).toEqual({
        taxpayerId: '33052219981107375X',
        registrationNo: '20330522000000000004',
        name: '王𠮷庆',
        category: 'NATURAL_PERSON',
        status: 'NORMAL',
        statusLabel: '正常',
        competentTaxOffice: '13305220000',
        competentTaxOfficeName: '国家税务总局长兴县税务局',
        registeredOn: '2022-04-20',
        arrears: [],
        hasArrears: false,
      }),
  },
  'GetTaxpayerInfo.not-found.response.xml': {
    kind: 'single',
    check: (profile) => expect(profile).toBeNull(),
  },
  'BatchGetTaxpayerInfo.response.xml': {
    kind: 'batch',
    requested: ['913304247166086369', '91330521MA2AL34M84', '91340123MA2D5HHA6P'],
    check: (found) => {
      expect([...found.keys()]).toEqual(['913304247166086369', '91340123MA2D5HHA6P']);
      expect(found.get('913304247166086369')).toMatchObject({
        name: '海盐县瑞昌轴承有限公司',
        vatTaxpayerType: 'GENERAL',
        creditRating: { year: 2025, level: 'A', score: 96 },
        hasArrears: false,
      });
      expect(found.get('91340123MA2D5HHA6P')).toMatchObject({
        registrationNo: '10340123000000000022',
        status: 'ABNORMAL',
        competentTaxOffice: '13401230000',
        registeredOn: '2021-08-16',
        creditRating: { year: 2025, level: 'D' },
        arrears: [{ taxType: '企业所得税', balanceYuan: 126400, lateFeeYuan: 33559.2 }],
        hasArrears: true,
      });
      expect(found.get('91340123MA2D5HHA6P')?.creditRating?.score).toBeUndefined();
    },
  },
  'GetTaxpayerInfoChanges.response.xml': {
    kind: 'changes',
    after: EXAMPLE_CURSOR,
    check: (page) => {
      expect(page.records.map(({ raw: _raw, ...record }) => record)).toEqual([
        {
          system: 'tax',
          localId: '10330522000000000021',
          kind: 'ENTERPRISE',
          name: '长兴县恒达建材有限公司',
          uscc: '91330522MA28HN7C67',
          residentId: null,
          legalRepresentative: '陈静',
          birthDate: null,
          phone: '0572-6123456',
          address: '长兴县雉城街道明珠路88号',
          changedAt: new Date('2026-03-14T02:02:17Z'),
        },
        {
          system: 'tax',
          localId: '20330522000000000004',
          kind: 'PERSON',
          name: '王𠮷庆',
          uscc: null,
          residentId: '330522981107375',
          legalRepresentative: null,
          birthDate: '1998-11-07',
          phone: '18853054242',
          address: '长兴县太湖街道长城路17号',
          changedAt: new Date('2026-03-14T02:02:17Z'),
        },
        {
          system: 'tax',
          localId: '10330522800000000107',
          kind: 'ENTERPRISE',
          name: '长兴县林城镇小芳便利店',
          uscc: '92330522MA2D7K3L6F',
          residentId: null,
          legalRepresentative: '张小芳',
          birthDate: null,
          phone: '13705721188',
          address: '长兴县林城镇人民路203号',
          changedAt: new Date('2026-03-14T07:40:08.250Z'),
        },
      ]);
      // Provenance: the item as it came, values as sent.
      expect(page.records[1].raw).toMatchObject({
        NSRSBH: '33052219981107375x',
        GXSJ: '2026-03-14T10:02:17+08:00',
      });
      expect(page.next).toEqual({
        changedAt: new Date('2026-03-14T07:40:08.250Z'),
        localId: '10330522800000000107',
      });
      expect(page.hasMore).toBe(true);
    },
  },
  'GetTaxpayerInfoChanges.last-page.response.xml': {
    kind: 'changes',
    after: EXAMPLE_CURSOR,
    check: (page) => expect(page).toEqual({ records: [], next: EXAMPLE_CURSOR, hasMore: false }),
  },
  'GetTaxpayerInfoChanges.fault-1005.response.xml': { kind: 'fault', cwdm: '1005' },
  'GetTaxpayerInfo.fault-1002.response.xml': { kind: 'fault', cwdm: '1002' },
  'BatchGetTaxpayerInfo.fault-1001.response.xml': { kind: 'fault', cwdm: '1001' },
  'BatchGetTaxpayerInfo.fault-1003.response.xml': { kind: 'fault', cwdm: '1003' },
  'BatchGetTaxpayerInfo.fault-9999.response.xml': { kind: 'fault', cwdm: '9999' },
  'SubmitTaxInfoConfirmation.response.xml': { kind: 'submission', duplicate: false },
  'SubmitTaxInfoConfirmation.duplicate.response.xml': { kind: 'submission', duplicate: true },
  'SubmitTaxInfoConfirmation.fault-1007.response.xml': {
    kind: 'submission-fault',
    cwdm: '1007',
    items: 'items: applicant.legalRepIdNo',
  },
  'SubmitTaxInfoConfirmation.fault-1008.response.xml': {
    kind: 'submission-fault',
    cwdm: '1008',
    items: '',
  },
};

describe('tax.wsdl examples → adapter', () => {
  const client = new TaxSoapClient({
    baseUrl: 'http://127.0.0.1:9',
    servicePath: '/ws/TaxpayerInfoService',
    timeoutMs: 1000,
    maxConnections: 1,
    credentials: null,
  });
  afterAll(() => client.close());

  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.response.xml'))
    .sort();

  it('ships response examples of every operation, faults included', () => {
    expect(files).toEqual(Object.keys(EXPECTATIONS).sort());
  });

  it.each(files)('%s', async (file) => {
    const expectation = EXPECTATIONS[file];
    expect(expectation).toBeDefined();
    const operation = file.split('.')[0] as TaxOperation;
    const xml = readFileSync(join(EXAMPLES, file), 'utf8');
    switch (expectation.kind) {
      case 'single':
        expect(operation).toBe('GetTaxpayerInfo');
        expectation.check(mapGetTaxpayerInfoResponse(await client.parseResponse(operation, xml)));
        break;
      case 'batch':
        expect(operation).toBe('BatchGetTaxpayerInfo');
        expectation.check(
          mapBatchGetTaxpayerInfoResponse(
            await client.parseResponse(operation, xml),
            expectation.requested,
          ),
        );
        break;
      case 'changes':
        expect(operation).toBe('GetTaxpayerInfoChanges');
        expectation.check(
          mapTaxpayerInfoChangesResponse(
            await client.parseResponse(operation, xml),
            expectation.after,
            100,
          ),
        );
        break;
      case 'fault': {
        const error = await client.parseResponse(operation, xml).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SourceError);
        expect(error).toMatchObject({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE });
        expect((error as Error).message).toContain(`(CWDM ${expectation.cwdm})`);
        break;
      }
      case 'submission':
        expect(operation).toBe('SubmitTaxInfoConfirmation');
        expect(
          mapSubmitTaxInfoConfirmationResponse(
            await client.parseResponse(operation, xml),
            EXAMPLE_KEY,
          ),
        ).toEqual({
          receiptNo: 'HZ2026112500000001',
          receivedAt: new Date('2026-11-25T01:30:02Z'),
          duplicate: expectation.duplicate,
        });
        break;
      case 'submission-fault': {
        // A submission's client fault is a final refusal, naming items, never the fault's text.
        const error = await client.parseResponse(operation, xml).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({
          code: SourceErrorCode.SOURCE_REJECTED,
          source: 'tax',
          departmentCode: expectation.cwdm,
        });
        expect((error as Error).message).toContain(expectation.items);
        expect((error as Error).message).not.toContain('校验码不正确');
        break;
      }
    }
  });
});
