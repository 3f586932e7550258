import fc from 'fast-check';
import { SourceError, SourceErrorCode } from '../shared';
import {
  formatLandPlanningTime,
  isHolderNotFound,
  mapBatchResponse,
  mapHolderParcelsResponse,
  mapParcel,
  mapParcelChange,
  mapParcelChangesResponse,
  normalizeHolderId,
} from './land-planning.mapper';

/** An upstream `Parcel` with every document, as the platform sends it. */
function upstreamParcel() {
  return {
    BDCDYH: '330523001009GB00004F00120000',
    ZDDM: '330523001009GB00004',
    QLLX: '国有建设用地使用权/房屋所有权',
    QLXZ: '划拨',
    QLRMC: '安吉县融媒体中心',
    ZJZL: '统一社会信用代码',
    ZJH: '１２３３０５２３４６９８４８４０４Ｆ',
    FDDBR: '王丽娟',
    LXDH: '0572-50525494',
    TXDZ: '安吉县递铺街道经一路713号',
    ZL: '安吉县递铺街道振兴路202号',
    ZDMJ: 39657.32,
    YT: '公共管理与公共服务用地',
    BDCQZH: '浙(2026)安吉县不动产权第0000003号',
    DBSJ: '2026-09-15 11:10:24',
    SYQQSRQ: null,
    SYQJSRQ: null,
    XMDM: '2606-330523-89-01-612433',
    redLine: {
      type: 'Feature',
      crs: { type: 'name', properties: { name: 'EPSG:4490' } },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [119.7142547, 30.6198654],
            [119.7171914, 30.6192215],
            [119.7175434, 30.6204106],
            [119.7146068, 30.6210545],
            [119.7142547, 30.6198654],
          ],
        ],
      },
      properties: { ZDDM: '330523001009GB00004', TXMJ: 39656.67 },
    },
    YDYSXZ: {
      ZSBH: '33052320261000001',
      XMDM: '2606-330523-89-01-612433',
      XMMC: '安吉县融媒体中心业务用房改造项目',
      JSDWMC: '安吉县融媒体中心',
      JSDWDM: '12330523469848404F',
      JSYJ: '安发改审〔2026〕001号',
      NXZWZ: '安吉县递铺街道振兴路202号',
      NYDMJ: 3.9657,
      XZJSYDMJ: 0,
      ZYNYDMJ: 0,
      ZYGDMJ: 0,
      NJSGM: '总建筑面积约58693平方米',
      FZRQ: '2026-06-29',
      FZJG: '安吉县自然资源和规划局',
    },
    YDGHXK: {
      ZSBH: '33052320262000002',
      XMDM: '2606-330523-89-01-612433',
      XMMC: '安吉县融媒体中心业务用房改造项目',
      YDDWMC: '安吉县融媒体中心',
      YDDWDM: '12330523469848404F',
      YDWZ: '安吉县递铺街道振兴路202号',
      YDXZ: '公共管理与公共服务用地',
      YDMJ: 39657.32,
      JSGM: '总建筑面积约58693平方米',
      TDQDFS: '划拨',
      HBJDSH: '330523划〔2026〕001号',
      CRHTBH: null,
      FZRQ: '2026-08-09',
      FZJG: '安吉县自然资源和规划局',
    },
    GCGHXK: [
      {
        ZSBH: '33052320263000002',
        XMDM: '2606-330523-89-01-612433',
        XMMC: '安吉县融媒体中心业务用房改造项目',
        JSDWMC: '安吉县融媒体中心',
        JSDWDM: '12330523469848404F',
        JSWZ: '安吉县递铺街道振兴路202号',
        ZJZMJ: 58692.83,
        DSJZMJ: 52415.72,
        DXJZMJ: 6277.11,
        DSCS: 4,
        DXCS: 1,
        JZGD: 14.4,
        GHTJWH: '安规条〔2026〕002号',
        FASCWH: null,
        FZRQ: '2026-09-08',
        FZJG: '安吉县自然资源和规划局',
      },
    ],
    CRHT: {
      HTBH: '3305232026B00001',
      CRR: '安吉县自然资源和规划局',
      SRR: '安吉县融媒体中心',
      SRRDM: '12330523469848404f',
      ZL: '安吉县递铺街道振兴路202号',
      MJ: 39657.32,
      YT: '公共管理与公共服务用地',
      CRNX: 50,
      CRJK: 21420200,
      DJ: null,
      FKFS: null,
      RJLXX: 1.5,
      RJLSX: 2,
      JZMDXX: null,
      JZMDSX: 45,
      LDLXX: 20,
      LDLSX: null,
      YDKGRQ: '2026-09-23',
      YDJGRQ: '2029-09-22',
      QDRQ: '2026-01-04',
    },
  };
}

/** Removes the value at `path` instead of setting it. */
const REMOVE = Symbol('remove');

/** A copy of `value` with the value at `path` replaced (or removed): one way a response can break the contract. */
function spoiled<T>(value: T, path: readonly (string | number)[], replacement: unknown): T {
  const copy = structuredClone(value);
  let parent = copy as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement !== REMOVE) parent[last] = replacement;
  else if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
  return copy;
}

const ring = upstreamParcel().redLine.geometry.coordinates[0];

function expectInvalid(run: () => unknown, path: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SourceError);
  const error = caught as SourceError;
  expect(error.code).toBe(SourceErrorCode.SOURCE_INVALID_RESPONSE);
  expect(error.source).toBe('land-planning');
  expect(error.message).toContain(path);
}

describe('mapParcel', () => {
  it('maps every field into our terms', () => {
    const parcel = mapParcel(upstreamParcel(), '$', '12330523469848404F');
    expect(parcel).toMatchObject({
      realEstateUnitNo: '330523001009GB00004F00120000',
      parcelCode: '330523001009GB00004',
      location: '安吉县递铺街道振兴路202号',
      areaSquareMeters: 39657.32,
      landUse: '公共管理与公共服务用地',
      rightType: '国有建设用地使用权/房屋所有权',
      rightNature: 'ALLOCATION',
      rightNatureLabel: '划拨',
      holderId: '12330523469848404F',
      holderName: '安吉县融媒体中心',
      certificateNo: '浙(2026)安吉县不动产权第0000003号',
      termFrom: null,
      termTo: null,
      projectCode: '2606-330523-89-01-612433',
    });
    // 登簿时间 is China time.
    expect(parcel.registeredAt?.toISOString()).toBe('2026-09-15T03:10:24.000Z');
    expect(parcel.redLine).toEqual({
      type: 'Polygon',
      coordinates: upstreamParcel().redLine.geometry.coordinates,
    });
    expect(parcel.sitePreApproval).toMatchObject({
      certNo: '33052320261000001',
      proposedLandAreaHectares: 3.9657,
      applicantUscc: '12330523469848404F',
      issueDate: '2026-06-29',
    });
    expect(parcel.landUsePlanningPermit).toMatchObject({
      landSupplyMode: 'ALLOCATION',
      allocationDecisionNo: '330523划〔2026〕001号',
      transferContractNo: null,
      landAreaSquareMeters: 39657.32,
    });
    expect(parcel.constructionPlanningPermits).toEqual([
      expect.objectContaining({
        totalFloorAreaSquareMeters: 58692.83,
        floorsAboveGround: 4,
        floorsBelowGround: 1,
        buildingHeightMeters: 14.4,
        approvedPlanRef: null,
      }),
    ]);
    expect(parcel.transferContract).toMatchObject({
      granteeId: '12330523469848404F',
      termYears: 50,
      priceYuan: 21420200,
      depositYuan: null,
      plotRatio: { min: 1.5, max: 2 },
      buildingDensityPercent: { min: null, max: 45 },
      greenRatioPercent: { min: 20, max: null },
      signDate: '2026-01-04',
    });
  });

  it('maps absent documents to null and no permits to an empty list', () => {
    const raw = { ...upstreamParcel(), YDYSXZ: null, YDGHXK: null, GCGHXK: [], CRHT: null };
    expect(mapParcel(raw, '$', 'X')).toMatchObject({
      sitePreApproval: null,
      landUsePlanningPermit: null,
      constructionPlanningPermits: [],
      transferContract: null,
    });
  });

  it.each([
    ['110105491231002', '11010519491231002X'],
    ['33052219770914394x', '33052219770914394X'],
    ['３３０５２２１９８５０６１５１２３５', '330522198506151235'],
    ['91330523ma2d292a2m', '91330523MA2D292A2M'],
    ['330522 19850615 1235', '330522198506151235'],
  ])('normalizes the stored holder id %s to %s', (stored, normalized) => {
    expect(normalizeHolderId(stored)).toBe(normalized);
    expect(mapParcel({ ...upstreamParcel(), ZJH: stored }, '$', 'X').holderId).toBe(normalized);
  });

  it('stands in the asked-for id when the record carries none', () => {
    expect(
      mapParcel({ ...upstreamParcel(), ZJZL: null, ZJH: null }, '$', '12330523469848404F').holderId,
    ).toBe('12330523469848404F');
  });

  it.each([
    ['a missing column', ['ZDMJ'], REMOVE, '$.ZDMJ'],
    ['a missing nullable column', ['BDCQZH'], REMOVE, '$.BDCQZH'],
    ['an area as text', ['ZDMJ'], '39657.32', '$.ZDMJ'],
    ['a zero area', ['ZDMJ'], 0, '$.ZDMJ'],
    ['a malformed unit number', ['BDCDYH'], '330523001009GB00004F0012000', '$.BDCDYH'],
    ['an unknown 权利性质', ['QLXZ'], '继承', '$.QLXZ'],
    ['an impossible date', ['YDYSXZ', 'FZRQ'], '2026-02-30', '$.YDYSXZ.FZRQ'],
    ['a date in another format', ['CRHT', 'QDRQ'], '2026年01月04日', '$.CRHT.QDRQ'],
    ['a 登簿时间 with a zone', ['DBSJ'], '2026-09-15T11:10:24+08:00', '$.DBSJ'],
    ['fractional floors', ['GCGHXK', 0, 'DSCS'], 4.5, '$.GCGHXK[0].DSCS'],
    ['a term over 70 years', ['CRHT', 'CRNX'], 99, '$.CRHT.CRNX'],
    ['an unknown 土地取得方式', ['YDGHXK', 'TDQDFS'], '租赁', '$.YDGHXK.TDQDFS'],
    ['permits as an object', ['GCGHXK'], {}, '$.GCGHXK'],
    [
      'a MultiPolygon red line',
      ['redLine', 'geometry', 'type'],
      'MultiPolygon',
      '$.redLine.geometry.type',
    ],
    [
      'an open ring',
      ['redLine', 'geometry', 'coordinates', 0],
      ring.slice(0, -1).concat([ring[1]]),
      '$.redLine.geometry.coordinates[0]',
    ],
    [
      'a position with a third value',
      ['redLine', 'geometry', 'coordinates', 0, 1],
      [...ring[1], 12],
      '$.redLine.geometry.coordinates[0][1]',
    ],
    ['latitude out of range', ['redLine', 'geometry', 'coordinates', 0, 2, 1], 130, '[0][2]'],
    [
      'a red line that is not a Feature',
      ['redLine'],
      upstreamParcel().redLine.geometry,
      '$.redLine.type',
    ],
  ] as const)('rejects %s, naming the path', (_what, path, replacement, where) => {
    const raw = spoiled(upstreamParcel(), path, replacement);
    expectInvalid(() => mapParcel(raw, '$', 'X'), where);
  });

  it('never puts a value into the error message', () => {
    const raw = { ...upstreamParcel(), ZJH: 12330523 };
    expectInvalid(() => mapParcel(raw, '$', 'X'), '$.ZJH');
    try {
      mapParcel(raw, '$', 'X');
    } catch (error) {
      expect((error as Error).message).not.toContain('12330523');
    }
  });
});

describe('mapHolderParcelsResponse', () => {
  it('maps the envelope of GET /api/v2/parcels', () => {
    const body = {
      code: '0000',
      message: '成功',
      data: { holderId: '12330523469848404F', parcels: [upstreamParcel()] },
    };
    expect(mapHolderParcelsResponse(body, '12330523469848404F')).toHaveLength(1);
  });

  it.each([
    ['a failure code with a 200', { code: '5000', message: 'x', data: null }, '$.code'],
    ['no data', { code: '0000', message: '成功' }, '$.data'],
    [
      'parcels that are not a list',
      { code: '0000', message: '成功', data: { parcels: {} } },
      '$.data.parcels',
    ],
    ['a body that is a list', [], '$'],
  ])('rejects %s', (_what, body, path) => {
    expectInvalid(() => mapHolderParcelsResponse(body, 'X'), path);
  });
});

describe('isHolderNotFound', () => {
  it("is true only for the contract's 4004 envelope", () => {
    expect(
      isHolderNotFound({ code: '4004', message: '未查询到该权利人名下的不动产单元', data: null }),
    ).toBe(true);
    expect(isHolderNotFound({ code: '4040', message: '接口不存在', data: null })).toBe(false);
    expect(isHolderNotFound('<html>404</html>')).toBe(false);
    expect(isHolderNotFound(null)).toBe(false);
  });
});

describe('mapBatchResponse', () => {
  const ids = ['12330523469848404F', '330522198506151235', '3305221985'];
  const body = () => ({
    code: '0000',
    message: '成功',
    data: {
      results: [
        { holderId: ids[0], status: 'FOUND', parcels: [upstreamParcel()] },
        { holderId: ids[1], status: 'NOT_FOUND', parcels: [] },
        { holderId: ids[2], status: 'INVALID_ID', parcels: [] },
      ],
    },
  });

  it('keys parcels by the requested ids; nothing found means absent', () => {
    const found = mapBatchResponse(body(), ids);
    expect([...found.keys()]).toEqual([ids[0]]);
    expect(found.get(ids[0])?.[0].realEstateUnitNo).toBe('330523001009GB00004F00120000');
  });

  it.each([
    ['a missing result', ['data', 'results', 2], REMOVE, '$.data.results'],
    [
      'results out of order',
      ['data', 'results', 0, 'holderId'],
      ids[1],
      '$.data.results[0].holderId',
    ],
    ['an unknown status', ['data', 'results', 1, 'status'], 'MAYBE', '$.data.results[1].status'],
    ['FOUND without parcels', ['data', 'results', 0, 'parcels'], [], '$.data.results[0].parcels'],
    [
      'NOT_FOUND with parcels',
      ['data', 'results', 1, 'parcels'],
      [upstreamParcel()],
      '$.data.results[1].parcels',
    ],
    [
      'a broken parcel',
      ['data', 'results', 0, 'parcels', 0, 'ZL'],
      REMOVE,
      '$.data.results[0].parcels[0].ZL',
    ],
  ] as const)('rejects %s', (_what, path, replacement, where) => {
    expectInvalid(() => mapBatchResponse(spoiled(body(), path, replacement), ids), where);
  });
});

/** An upstream `ParcelChange` (a change feed item) of a unit holder. */
function upstreamChange(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    BDCDYH: '330523001009GB00004F00120000',
    ZDDM: '330523001009GB00004',
    QLLX: '国有建设用地使用权/房屋所有权',
    QLXZ: '划拨',
    QLRMC: '安吉县融媒体中心',
    ZJZL: '统一社会信用代码',
    ZJH: '１２３３０５２３４６９８４８４０４Ｆ',
    FDDBR: '王丽娟',
    LXDH: '0572-50525494',
    TXDZ: '安吉县递铺街道经一路713号',
    ZL: '安吉县递铺街道振兴路202号',
    DBSJ: '2026-09-15 11:10:24',
    GXSJ: '2026-10-08 09:15:00',
    ...overrides,
  };
}

const changesBody = (changes: unknown[], hasMore = false) => ({
  code: '0000',
  message: '成功',
  data: { changes, hasMore },
});

describe('mapParcelChange', () => {
  it('maps a unit holder as held, the 更新时间 in China time, the item kept as raw', () => {
    const raw = upstreamChange();
    expect(mapParcelChange(raw, '$')).toEqual({
      system: 'land-planning',
      localId: '330523001009GB00004F00120000',
      kind: 'ENTERPRISE',
      name: '安吉县融媒体中心',
      uscc: '１２３３０５２３４６９８４８４０４Ｆ',
      residentId: null,
      legalRepresentative: '王丽娟',
      birthDate: null,
      phone: '0572-50525494',
      address: '安吉县递铺街道经一路713号',
      changedAt: new Date('2026-10-08T01:15:00Z'),
      raw,
    });
    expect(mapParcelChange(raw, '$').raw).toBe(raw);
  });

  it('maps a person: the 证件号 as a resident ID, no 法定代表人 even if one was typed', () => {
    const record = mapParcelChange(
      upstreamChange({ ZJZL: '身份证', ZJH: '330523770914394', FDDBR: '张三', QLRMC: '张丽红' }),
      '$',
    );
    expect(record).toMatchObject({
      kind: 'PERSON',
      residentId: '330523770914394',
      uscc: null,
      legalRepresentative: null,
    });
  });

  it('tells the holder apart by 证件种类, and without one only a 宅基地 makes a person; never guesses the 证件号', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('身份证', '统一社会信用代码', '其他', null),
        fc.constantFrom('宅基地使用权/房屋（构筑物）所有权', '国有建设用地使用权', '土地经营权'),
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
        (kind, rightType, id) => {
          const record = mapParcelChange(
            upstreamChange({ ZJZL: kind, QLLX: rightType, ZJH: id }),
            '$',
          );
          const person =
            kind === '身份证' || (kind !== '统一社会信用代码' && rightType.startsWith('宅基地'));
          expect(record.kind).toBe(person ? 'PERSON' : 'ENTERPRISE');
          expect(record.uscc).toBe(kind === '统一社会信用代码' ? id : null);
          expect(record.residentId).toBe(kind === '身份证' ? id : null);
          expect(record.legalRepresentative).toBe(person ? null : '王丽娟');
        },
      ),
    );
  });

  it('holds nothing where the platform holds an empty string', () => {
    const record = mapParcelChange(upstreamChange({ ZJH: '', FDDBR: '', LXDH: '', TXDZ: '' }), '$');
    expect(record).toMatchObject({
      uscc: null,
      legalRepresentative: null,
      phone: null,
      address: null,
    });
  });

  it.each([
    ['a missing 更新时间', 'GXSJ', REMOVE, '$.GXSJ'],
    ['a null 更新时间', 'GXSJ', null, '$.GXSJ'],
    ['a 更新时间 with a zone', 'GXSJ', '2026-10-08T09:15:00+08:00', '$.GXSJ'],
    ['an impossible 更新时间', 'GXSJ', '2026-02-30 09:15:00', '$.GXSJ'],
    ['a malformed unit number', 'BDCDYH', '330523001009GB00004F0012000', '$.BDCDYH'],
    ['an empty name', 'QLRMC', '', '$.QLRMC'],
    ['an unknown 证件种类', 'ZJZL', '护照', '$.ZJZL'],
    ['a missing 证件号 column', 'ZJH', REMOVE, '$.ZJH'],
    ['a phone as a number', 'LXDH', 572505254, '$.LXDH'],
    ['no 权利类型', 'QLLX', REMOVE, '$.QLLX'],
  ] as const)('rejects %s, naming the path', (_what, key, replacement, where) => {
    expectInvalid(() => mapParcelChange(spoiled(upstreamChange(), [key], replacement), '$'), where);
  });
});

describe('mapParcelChangesResponse', () => {
  const a = upstreamChange({ BDCDYH: '330523001009GB00004F00120000', GXSJ: '2026-10-08 09:15:00' });
  const b = upstreamChange({ BDCDYH: '330523001009GB00004W00000000', GXSJ: '2026-10-08 09:15:00' });
  const c = upstreamChange({ BDCDYH: '330523001009GB00001W00000000', GXSJ: '2026-10-09 10:00:00' });

  it('maps a page; next is the last item, hasMore as sent', () => {
    const page = mapParcelChangesResponse(changesBody([a, b, c], true), null, 3);
    expect(page.records.map((r) => r.localId)).toEqual([a.BDCDYH, b.BDCDYH, c.BDCDYH]);
    expect(page.next).toEqual({ changedAt: new Date('2026-10-09T02:00:00Z'), localId: c.BDCDYH });
    expect(page.hasMore).toBe(true);
  });

  it('keeps the cursor it was asked with on an empty page', () => {
    const after = { changedAt: new Date('2026-10-09T02:00:00Z'), localId: 'x' };
    expect(mapParcelChangesResponse(changesBody([]), after, 10)).toEqual({
      records: [],
      next: after,
      hasMore: false,
    });
  });

  it.each([
    ['items out of order', changesBody([b, a]), null, 10, '$.data.changes[1]'],
    ['an item twice', changesBody([a, a]), null, 10, '$.data.changes[1]'],
    [
      'an item not after the cursor',
      changesBody([a]),
      { changedAt: new Date('2026-10-08T01:15:00Z'), localId: a.BDCDYH as string },
      10,
      '$.data.changes[0]',
    ],
    ['more items than asked', changesBody([a, b, c]), null, 2, '$.data.changes'],
    ['an empty page with more to come', changesBody([], true), null, 10, '$.data.hasMore'],
    [
      'hasMore as text',
      { code: '0000', data: { changes: [a], hasMore: 'false' } },
      null,
      10,
      '$.data.hasMore',
    ],
    ['no hasMore', { code: '0000', data: { changes: [a] } }, null, 10, '$.data.hasMore'],
    ['no list', { code: '0000', data: { hasMore: false } }, null, 10, '$.data.changes'],
    ['an error code with a 200', { ...changesBody([a]), code: '5000' }, null, 10, '$.code'],
  ] as const)('rejects %s', (_what, body, after, pageSize, where) => {
    expectInvalid(() => mapParcelChangesResponse(body, after, pageSize), where);
  });

  it('accepts a page exactly when its items stand after the cursor in strictly rising order', () => {
    const seconds = ['2026-10-08 09:15:00', '2026-10-08 09:15:01', '2026-10-08 09:15:02'];
    const units = ['330523001009GB00001W00000000', '330523001009GB00002W00000000'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.nat({ max: 2 }), u: fc.nat({ max: 1 }) }), { maxLength: 6 }),
        (items) => {
          const body = changesBody(
            items.map(({ t, u }) => upstreamChange({ GXSJ: seconds[t], BDCDYH: units[u] })),
          );
          const rising = items.every(
            (item, i) =>
              i === 0 ||
              item.t > items[i - 1].t ||
              (item.t === items[i - 1].t && item.u > items[i - 1].u),
          );
          const run = () => mapParcelChangesResponse(body, null, 10);
          if (rising) expect(run().records).toHaveLength(items.length);
          else expect(run).toThrow(SourceError);
        },
      ),
    );
  });
});

describe('formatLandPlanningTime', () => {
  it('writes China time to the second, and refuses what it cannot write', () => {
    expect(formatLandPlanningTime(new Date('2026-10-08T01:15:00.999Z'))).toBe(
      '2026-10-08 09:15:00',
    );
    expect(formatLandPlanningTime(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01 00:00:00');
    expect(() => formatLandPlanningTime(new Date(NaN))).toThrow(RangeError);
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (at) => {
          const text = formatLandPlanningTime(at);
          const back = new Date(`${text.replace(' ', 'T')}+08:00`).getTime();
          expect(back).toBe(Math.floor(at.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});
