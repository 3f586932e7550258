import fc from 'fast-check';
import { SourceError, SourceErrorCode, type ChangeCursor } from '../shared';
import { parseProjectChangesResponse, toDepartmentRecord } from './project-approval.mapper';
import { PROJECT_APPROVAL_MAX_CHANGES, changesPageSize } from './project-approval.port';

/**
 * The 增量查询 (`GET /api/v1/xmzl`) in the mapper: wire rows to the registry's
 * applicant records, and the page rules a sync relies on (order, cursor,
 * counts). Against the simulator over HTTP: libs/simulators/src/project-approval.
 */
const row = (overrides: Record<string, unknown> = {}) => ({
  xmdm: '2411-330522-04-03-106552',
  xmmc: '年产20万套定制家具项目',
  xmdw: '恒达家居有限公司（长兴）',
  tyshxydm: '９１３３０５２２ＭＡ２Ｂ７Ｋ３Ｃ０Ｊ',
  fddbr: '王建国',
  xmlx: '备案',
  jsdd: '长兴县雉城街道',
  xzqhdm: '330522',
  ztz: 12000,
  jsgm: null,
  jsxz: '新建',
  sbrq: '2024-11-08',
  jdzt: '已撤回',
  lxdh: '13957212345',
  gxsj: '2024-11-11 08:47:19',
  blhj: [{ hjmc: '项目赋码', blbm: null, blzt: '已办结', wcsj: '2024-11-08 16:12:40', pfwh: null }],
  ...overrides,
});

const page = (rows: unknown[], overrides: Record<string, unknown> = {}) => ({
  code: '0000',
  msg: '成功',
  data: { total: rows.length, size: 100, rows, ...overrides },
});

/** The row with the given 项目代码 serial and 更新时间 second. */
const at = (serial: number, second: number) =>
  row({
    xmdm: `2411-330522-04-03-${String(serial).padStart(6, '0')}`,
    gxsj: `2024-11-11 08:47:${String(second).padStart(2, '0')}`,
  });

function invalidResponse(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      source: 'project-approval',
    });
    return error as SourceError;
  }
  throw new Error('expected SOURCE_INVALID_RESPONSE, got an answer');
}

describe('project-approval change feed in the mapper', () => {
  it('maps a row to the applicant record: the 项目单位 as held, keyed by 项目代码', () => {
    const wire = row();
    expect(toDepartmentRecord(wire, 'data.rows[0]')).toEqual({
      system: 'project-approval',
      localId: '2411-330522-04-03-106552',
      kind: 'ENTERPRISE',
      name: '恒达家居有限公司（长兴）',
      // As typed on the platform: full width stays full width (cleaning is the matcher's).
      uscc: '９１３３０５２２ＭＡ２Ｂ７Ｋ３Ｃ０Ｊ',
      residentId: null,
      legalRepresentative: '王建国',
      birthDate: null,
      phone: '13957212345',
      // 建设地点 is the site, not the unit's address.
      address: null,
      // 08:47:19 in China is 00:47:19 UTC.
      changedAt: new Date('2024-11-11T00:47:19Z'),
      raw: wire,
    });
    expect(toDepartmentRecord(wire, 'r').raw).toBe(wire);
  });

  it('keeps nulls null', () => {
    expect(toDepartmentRecord(row({ tyshxydm: null, fddbr: null, lxdh: null }), 'r')).toMatchObject(
      { uscc: null, legalRepresentative: null, phone: null },
    );
  });

  it('checks the whole row, naming the field and never the value', () => {
    const error = invalidResponse(() =>
      parseProjectChangesResponse(
        page([row(), row({ xmdm: '2411-330522-04-03-106553', gxsj: '2024/11/11' })]),
        null,
      ),
    );
    expect(error.message).toContain('data.rows[1].gxsj');
    expect(error.message).not.toContain('2024/11/11');
    invalidResponse(() =>
      parseProjectChangesResponse(page([row({ blhj: [{ hjmc: '项目赋码' }] })]), null),
    );
  });

  it('reads a page in order, ties on 更新时间 broken by 项目代码', () => {
    const parsed = parseProjectChangesResponse(
      page([at(2, 1), at(1, 2), at(3, 2)], { total: 7, size: 3 }),
      { changedAt: new Date('2024-11-11T00:47:01Z'), localId: '2411-330522-04-03-000001' },
    );
    expect(parsed.total).toBe(7);
    expect(parsed.size).toBe(3);
    expect(parsed.records.map((r) => r.localId.slice(-1))).toEqual(['2', '1', '3']);
  });

  it.each([
    ['rows out of order', [at(1, 5), at(2, 4)], null],
    ['a tie out of 项目代码 order', [at(2, 4), at(1, 4)], null],
    ['the same row twice', [at(1, 4), at(1, 4)], null],
    [
      'a row at the cursor itself',
      [at(1, 4)],
      { changedAt: new Date('2024-11-11T00:47:04Z'), localId: '2411-330522-04-03-000001' },
    ],
    [
      'a row before the cursor',
      [at(1, 3)],
      { changedAt: new Date('2024-11-11T00:47:04Z'), localId: '2411-330522-04-03-000000' },
    ],
  ])('refuses %s', (_what, rows, after: ChangeCursor | null) => {
    invalidResponse(() => parseProjectChangesResponse(page(rows), after));
  });

  it.each([
    ['fewer rows than total and size allow', page([at(1, 1)], { total: 5, size: 2 })],
    ['more rows than total', page([at(1, 1), at(2, 1)], { total: 1 })],
    ['more rows than size', page([at(1, 1), at(2, 1)], { total: 2, size: 1 })],
    ['a size over 500', page([], { total: 0, size: 501 })],
    ['a negative total', page([], { total: -1 })],
    ['no rows list', { code: '0000', msg: '成功', data: { total: 0, size: 100 } }],
    ['an error code on a success', { code: '5030', msg: '系统繁忙', data: null }],
    ['no data', { code: '0000', msg: '成功' }],
  ])('refuses a page with %s', (_what, body) => {
    invalidResponse(() => parseProjectChangesResponse(body, null));
  });

  it('accepts any page that keeps the rules, and refuses it with two rows swapped (property)', () => {
    const rowsArb = fc
      .uniqueArray(
        fc.record({
          serial: fc.integer({ min: 0, max: 60 }),
          second: fc.integer({ min: 0, max: 9 }),
        }),
        { selector: (r) => r.serial, minLength: 0, maxLength: 30 },
      )
      .map((specs) =>
        specs
          .map((s) => at(s.serial, s.second))
          .sort((a, b) => (`${a.gxsj}|${a.xmdm}` < `${b.gxsj}|${b.xmdm}` ? -1 : 1)),
      );
    fc.assert(
      fc.property(rowsArb, fc.nat(), (rows, extra) => {
        const total = rows.length + (rows.length > 0 ? extra % 50 : 0);
        const body = page(rows, { total, size: Math.max(1, rows.length) });
        const parsed = parseProjectChangesResponse(body, null);
        expect(parsed.records.map((r) => r.localId)).toEqual(rows.map((r) => r.xmdm));
        if (rows.length >= 2) {
          const swapped = [rows[1], rows[0], ...rows.slice(2)];
          invalidResponse(() =>
            parseProjectChangesResponse(page(swapped, { total, size: rows.length }), null),
          );
        }
      }),
    );
  });

  describe('changesPageSize', () => {
    it('caps the limit at the platform’s 500 and refuses what cannot be a limit', () => {
      expect(PROJECT_APPROVAL_MAX_CHANGES).toBe(500);
      expect(changesPageSize(1)).toBe(1);
      expect(changesPageSize(500)).toBe(500);
      expect(changesPageSize(10_000)).toBe(500);
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => changesPageSize(bad)).toThrow(RangeError);
      }
    });
  });
});
