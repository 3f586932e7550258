import fc from 'fast-check';
import { SourceError, SourceErrorCode, type ChangeCursor } from '../shared';
import { TAX_MAX_CHANGES_PAGE } from './tax.config';
import {
  formatTaxTime,
  mapTaxpayerInfoChangesResponse,
  parseTaxTime,
  taxChangesRequest,
} from './tax.mapper';

/** The change feed on the adapter side: times, the request, and the page as the soap client parses it. */

const UNIT = {
  DJXH: '10330522000000000021',
  NSRSBH: '91330522MA28HN7C67',
  NSRMC: '长兴县恒达建材有限公司',
  NSRLX: '单位纳税人',
  NSRZT: '正常',
  ZGSWJG_DM: '13305220000',
  DJRQ: '2016-07-19',
  FDDBRXM: '陈静',
  ZCDZ: '长兴县雉城街道明珠路88号',
  LXDH: '0572-6123456',
  GXSJ: '2026-03-14T10:02:17+08:00',
};

const PERSON = {
  DJXH: '20330522000000000004',
  NSRSBH: '33052219981107375x',
  NSRMC: '王𠮷庆',
  NSRLX: '自然人',
  NSRZT: '正常',
  ZGSWJG_DM: '13305220000',
  DJRQ: '2022-04-20',
  ZJLX: '居民身份证',
  ZJHM: '330522981107375',
  CSRQ: '1998-11-07',
  LXDZ: '长兴县太湖街道长城路17号',
  GXSJ: '2026-03-14T10:02:17+08:00',
};

function page(items: readonly unknown[], more = 'N'): Record<string, unknown> {
  return { FHDM: '0000', FHXX: '查询成功', HXBZ: more, TaxpayerInfo: [...items] };
}

function invalidMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE, source: 'tax' });
    return (error as Error).message;
  }
  throw new Error('expected a SOURCE_INVALID_RESPONSE');
}

describe('parseTaxTime / formatTaxTime', () => {
  it.each([
    ['2026-03-14T10:02:17+08:00', '2026-03-14T02:02:17.000Z'],
    ['2026-03-14T10:02:17', '2026-03-14T02:02:17.000Z'],
    ['2026-03-14T02:02:17Z', '2026-03-14T02:02:17.000Z'],
    ['2026-03-13T21:02:17.5-05:00', '2026-03-14T02:02:17.500Z'],
    ['2026-03-14T10:02:17.025+08:00', '2026-03-14T02:02:17.025Z'],
  ])('reads %s (no offset is China time)', (text, iso) => {
    expect(parseTaxTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-03-14 10:02:17',
    '2026-02-30T10:02:17',
    '2026-03-14T24:00:00',
    '2026-03-14T10:60:00',
    '2026-03-14T10:02:17.2501',
    '2026-03-14T10:02:17+15:00',
    '2026-03-14',
    '',
  ])('refuses %j', (text) => {
    expect(parseTaxTime(text)).toBeNull();
  });

  it('writes China time with +08:00 and milliseconds only when there are some', () => {
    expect(formatTaxTime(new Date('2026-03-14T02:02:17Z'))).toBe('2026-03-14T10:02:17+08:00');
    expect(formatTaxTime(new Date('2026-03-14T16:00:00.040Z'))).toBe(
      '2026-03-15T00:00:00.040+08:00',
    );
    expect(() => formatTaxTime(new Date(NaN))).toThrow(RangeError);
  });

  it('reads back exactly what it writes, to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(parseTaxTime(formatTaxTime(d))?.getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});

describe('taxChangesRequest', () => {
  const cursor: ChangeCursor = {
    changedAt: new Date('2026-03-14T01:26:53Z'),
    localId: '10330522000000000015',
  };

  it('asks from the first registration without a cursor', () => {
    expect(taxChangesRequest(null, 100, TAX_MAX_CHANGES_PAGE)).toEqual({ MYTS: 100 });
  });

  it('sends the cursor as QSGXSJ and QSDJXH, in schema order', () => {
    const request = taxChangesRequest(cursor, 20, TAX_MAX_CHANGES_PAGE);
    expect(request).toEqual({
      QSGXSJ: '2026-03-14T09:26:53+08:00',
      QSDJXH: '10330522000000000015',
      MYTS: 20,
    });
    expect(Object.keys(request)).toEqual(['QSGXSJ', 'QSDJXH', 'MYTS']);
  });

  it('leaves QSDJXH out for a cursor with an empty localId', () => {
    expect(taxChangesRequest({ ...cursor, localId: '' }, 20, 500)).toEqual({
      QSGXSJ: '2026-03-14T09:26:53+08:00',
      MYTS: 20,
    });
  });

  it('asks for at most the contract’s 500', () => {
    expect(taxChangesRequest(null, 10_000, TAX_MAX_CHANGES_PAGE).MYTS).toBe(500);
  });

  it.each([0, -1, 1.5, NaN])('refuses a limit of %p', (limit) => {
    expect(() => taxChangesRequest(null, limit, 500)).toThrow(RangeError);
  });

  it('refuses a cursor that cannot have come from this feed', () => {
    expect(() => taxChangesRequest({ ...cursor, localId: 'tax:1' }, 1, 500)).toThrow(RangeError);
    expect(() =>
      taxChangesRequest({ changedAt: new Date(NaN), localId: cursor.localId }, 1, 500),
    ).toThrow(RangeError);
  });
});

describe('mapTaxpayerInfoChangesResponse', () => {
  it('maps a unit and a natural person as the export does, keeping the item as raw', () => {
    const result = mapTaxpayerInfoChangesResponse(page([UNIT, PERSON], 'Y'), null, 100);
    expect(result.records).toEqual([
      {
        system: 'tax',
        localId: UNIT.DJXH,
        kind: 'ENTERPRISE',
        name: UNIT.NSRMC,
        uscc: UNIT.NSRSBH,
        residentId: null,
        legalRepresentative: '陈静',
        birthDate: null,
        phone: '0572-6123456',
        address: UNIT.ZCDZ,
        changedAt: new Date('2026-03-14T02:02:17Z'),
        raw: UNIT,
      },
      {
        system: 'tax',
        localId: PERSON.DJXH,
        kind: 'PERSON',
        name: '王𠮷庆',
        uscc: null,
        residentId: '330522981107375',
        legalRepresentative: null,
        birthDate: '1998-11-07',
        phone: null,
        address: PERSON.LXDZ,
        changedAt: new Date('2026-03-14T02:02:17Z'),
        raw: PERSON,
      },
    ]);
    expect(result.next).toEqual({
      changedAt: new Date('2026-03-14T02:02:17Z'),
      localId: PERSON.DJXH,
    });
    expect(result.hasMore).toBe(true);
  });

  it.each([
    ['no 证件号码: the 纳税人识别号 as held', { ZJHM: undefined, ZJLX: undefined }, PERSON.NSRSBH],
    ['a 证件号码 of another 证件类型: none', { ZJLX: '护照', ZJHM: 'E12345678' }, null],
    ['a 证件号码 without its type: as keyed in', { ZJLX: undefined }, PERSON.ZJHM],
  ])('takes a person’s ID number: %s', (_what, overrides, expected) => {
    const [record] = mapTaxpayerInfoChangesResponse(
      page([{ ...PERSON, ...overrides }]),
      null,
      10,
    ).records;
    expect(record.residentId).toBe(expected);
  });

  it('falls back from 注册地址 to 生产经营地址 and 联系地址 for an enterprise', () => {
    const map = (overrides: Record<string, unknown>) =>
      mapTaxpayerInfoChangesResponse(page([{ ...UNIT, ...overrides }]), null, 10).records[0]
        .address;
    expect(map({ ZCDZ: undefined, SCJYDZ: '经营地', LXDZ: '联系地' })).toBe('经营地');
    expect(map({ ZCDZ: undefined, LXDZ: '联系地' })).toBe('联系地');
    expect(map({ ZCDZ: undefined })).toBeNull();
  });

  it('keeps an empty page’s cursor and says there is no more', () => {
    const after = { changedAt: new Date('2026-03-14T01:26:53Z'), localId: UNIT.DJXH };
    expect(mapTaxpayerInfoChangesResponse(page([]), after, 100)).toEqual({
      records: [],
      next: after,
      hasMore: false,
    });
    expect(
      mapTaxpayerInfoChangesResponse({ FHDM: '0000', FHXX: '查询成功', HXBZ: 'N' }, null, 100),
    ).toEqual({ records: [], next: null, hasMore: false });
  });

  const later = { ...PERSON, DJXH: '20330522000000000009', GXSJ: '2026-03-14T11:00:00+08:00' };
  it.each([
    ['a missing GXSJ', () => page([{ ...UNIT, GXSJ: undefined }]), 'TaxpayerInfo[0].GXSJ'],
    ['an impossible GXSJ', () => page([{ ...UNIT, GXSJ: '2026-02-30T10:00:00' }]), 'GXSJ'],
    ['a GXSJ without its T', () => page([{ ...UNIT, GXSJ: '2026-03-14 10:00:00' }]), 'GXSJ'],
    ['a registration off its contract', () => page([{ ...UNIT, NSRLX: '外籍' }]), 'NSRLX'],
    ['a bad 出生日期', () => page([{ ...PERSON, CSRQ: '1998-02-30' }]), 'CSRQ'],
    ['an over-long name', () => page([{ ...UNIT, NSRMC: '长'.repeat(201) }]), 'NSRMC'],
    ['an over-long 证件号码', () => page([{ ...PERSON, ZJHM: '3'.repeat(41) }]), 'ZJHM'],
    ['registrations out of order', () => page([later, PERSON]), 'out of (GXSJ, DJXH) order'],
    ['a registration twice', () => page([PERSON, PERSON]), 'TaxpayerInfo[1]'],
    ['a tie out of DJXH order', () => page([PERSON, UNIT]), 'out of (GXSJ, DJXH) order'],
    ['HXBZ outside Y/N', () => page([UNIT], '1'), 'HXBZ'],
    ['HXBZ Y on an empty page', () => page([], 'Y'), 'Y on an empty page'],
    ['FHDM 0001', () => ({ ...page([]), FHDM: '0001' }), 'FHDM'],
    ['no HXBZ', () => ({ FHDM: '0000', FHXX: '查询成功' }), 'HXBZ'],
  ])('refuses %s', (_what, body, pathPart) => {
    expect(invalidMessage(() => mapTaxpayerInfoChangesResponse(body(), null, 100))).toContain(
      pathPart,
    );
  });

  it('refuses more registrations than asked for, and one not after the cursor', () => {
    expect(
      invalidMessage(() => mapTaxpayerInfoChangesResponse(page([UNIT, later]), null, 1)),
    ).toContain('more than the 1');
    const cursor = { changedAt: new Date('2026-03-14T02:02:17Z'), localId: UNIT.DJXH };
    expect(
      invalidMessage(() => mapTaxpayerInfoChangesResponse(page([UNIT]), cursor, 10)),
    ).toContain('not after the cursor');
    // Strictly after: the same moment with a greater 登记序号 is next.
    expect(mapTaxpayerInfoChangesResponse(page([PERSON]), cursor, 10).records).toHaveLength(1);
  });

  it('accepts any page in (GXSJ, DJXH) order and refuses it with two neighbours swapped', () => {
    const entry = fc.record({
      ms: fc.integer({ min: 1_600_000_000_000, max: 1_600_000_000_000 + 5_000 }),
      serial: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, {
          minLength: 2,
          maxLength: 12,
          selector: (e) => `${e.ms}/${e.serial}`,
        }),
        fc.nat(),
        (entries, pick) => {
          const items = entries
            .map((e) => ({
              ...UNIT,
              DJXH: `1033052200000000${String(e.serial).padStart(4, '0')}`,
              GXSJ: formatTaxTime(new Date(e.ms)),
              ms: e.ms,
            }))
            .sort((a, b) => a.ms - b.ms || (a.DJXH < b.DJXH ? -1 : 1))
            .map(({ ms: _ms, ...item }) => item);
          const mapped = mapTaxpayerInfoChangesResponse(page(items, 'Y'), null, 500);
          expect(mapped.records.map((r) => r.localId)).toEqual(items.map((i) => i.DJXH));
          expect(mapped.next?.localId).toBe(items[items.length - 1].DJXH);
          const i = pick % (items.length - 1);
          const swapped = [...items];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
          expect(() => mapTaxpayerInfoChangesResponse(page(swapped), null, 500)).toThrow(
            SourceError,
          );
        },
      ),
    );
  });
});
