import { SourceError, SourceErrorCode } from '../shared';
import {
  normalizeUscc,
  parseErrorEnvelope,
  parseProjectListResponse,
  parseProjectResponse,
  toProject,
} from './project-approval.mapper';

const stage = (overrides: Record<string, unknown> = {}) => ({
  hjmc: '项目核准',
  blbm: '长兴县发展和改革局',
  blzt: '已办结',
  wcsj: '2020-08-13 14:26:57',
  pfwh: '长发改核〔2020〕18号',
  ...overrides,
});

const row = (overrides: Record<string, unknown> = {}) => ({
  xmdm: '2020-330522-30-02-004127',
  xmmc: '年产30万立方米新型墙体材料项目',
  xmdw: '长兴县恒达建材有限责任公司',
  tyshxydm: '91330522147055321r',
  fddbr: '钱志强',
  xmlx: '核准',
  jsdd: '长兴县煤山镇',
  xzqhdm: '330522',
  ztz: 28500.5,
  jsgm: '总用地面积约62亩',
  jsxz: '技术改造',
  sbrq: '2020-06-18',
  jdzt: '已开工',
  lxdh: '0572-6512378',
  gxsj: '2021-03-02 15:40:11',
  blhj: [
    stage({ hjmc: '项目赋码', blzt: '已办结', wcsj: '2020-06-18 10:02:45', pfwh: null }),
    stage(),
  ],
  ...overrides,
});

const page = (rows: unknown[], overrides: Record<string, unknown> = {}) => ({
  code: '0000',
  msg: '成功',
  data: { total: rows.length, page: 1, size: 100, rows, ...overrides },
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

describe('project-approval mapper', () => {
  it('maps a row to our terms', () => {
    expect(toProject(row(), 'row')).toEqual({
      projectCode: '2020-330522-30-02-004127',
      name: '年产30万立方米新型墙体材料项目',
      applicantUscc: '91330522147055321R',
      applicantName: '长兴县恒达建材有限责任公司',
      legalRepresentative: '钱志强',
      route: 'CONFIRMATION',
      location: '长兴县煤山镇',
      locationDivisionCode: '330522',
      totalInvestmentWanYuan: 28500.5,
      scale: '总用地面积约62亩',
      constructionNature: 'TECHNICAL_RENOVATION',
      declaredOn: '2020-06-18',
      status: 'CONSTRUCTION_STARTED',
      contactPhone: '0572-6512378',
      // 15:40:11 in China is 07:40:11 UTC.
      updatedAt: new Date('2021-03-02T07:40:11Z'),
      stages: [
        {
          name: '项目赋码',
          department: '长兴县发展和改革局',
          status: 'COMPLETED',
          completedAt: new Date('2020-06-18T02:02:45Z'),
          documentNo: null,
        },
        {
          name: '项目核准',
          department: '长兴县发展和改革局',
          status: 'COMPLETED',
          completedAt: new Date('2020-08-13T06:26:57Z'),
          documentNo: '长发改核〔2020〕18号',
        },
      ],
    });
  });

  it.each([
    ['审批', 'APPROVAL'],
    ['核准', 'CONFIRMATION'],
    ['备案', 'FILING'],
  ])('maps 审批类型 %s to %s', (xmlx, route) => {
    expect(toProject(row({ xmlx }), 'row').route).toBe(route);
  });

  it.each([
    ['已赋码', 'CODE_ISSUED'],
    ['办理中', 'IN_PROGRESS'],
    ['已办结', 'APPROVED'],
    ['不予许可', 'REJECTED'],
    ['已撤回', 'WITHDRAWN'],
    ['已开工', 'CONSTRUCTION_STARTED'],
    ['已竣工', 'CONSTRUCTION_COMPLETED'],
  ])('maps 办理阶段 %s to %s', (jdzt, status) => {
    expect(toProject(row({ jdzt }), 'row').status).toBe(status);
  });

  it.each([
    ['待办理', 'NOT_STARTED'],
    ['办理中', 'IN_PROGRESS'],
    ['已办结', 'COMPLETED'],
    ['不予许可', 'REJECTED'],
    ['已撤回', 'WITHDRAWN'],
  ])('maps 办理状态 %s to %s', (blzt, status) => {
    expect(toProject(row({ blhj: [stage({ blzt })] }), 'row').stages[0].status).toBe(status);
  });

  it.each([
    ['新建', 'NEW'],
    ['扩建', 'EXPANSION'],
    ['改建', 'RECONSTRUCTION'],
    ['迁建', 'RELOCATION'],
    ['技术改造', 'TECHNICAL_RENOVATION'],
    ['其他', 'OTHER'],
  ])('maps 建设性质 %s to %s', (jsxz, nature) => {
    expect(toProject(row({ jsxz }), 'row').constructionNature).toBe(nature);
  });

  it('normalizes the code as the platform may hold it, and keeps null as null', () => {
    expect(
      toProject(row({ tyshxydm: '９１３３０５２２ＭＡ２Ｂ７Ｋ３Ｃ０Ｊ' }), 'r').applicantUscc,
    ).toBe('91330522MA2B7K3C0J');
    expect(toProject(row({ tyshxydm: null }), 'r').applicantUscc).toBeNull();
    expect(normalizeUscc(' 91330522ma2b7k3c0j\u3000')).toBe('91330522MA2B7K3C0J');
  });

  it('keeps the nullable fields null', () => {
    const project = toProject(
      row({
        fddbr: null,
        xzqhdm: null,
        jsgm: null,
        lxdh: null,
        blhj: [stage({ blbm: null, wcsj: null, pfwh: null })],
      }),
      'row',
    );
    expect(project).toMatchObject({
      legalRepresentative: null,
      locationDivisionCode: null,
      scale: null,
      contactPhone: null,
      stages: [{ department: null, completedAt: null, documentNo: null }],
    });
  });

  it('ignores fields the contract does not define (the platform may add some)', () => {
    expect(toProject(row({ bz: '备注', xmfr: '新字段' }), 'row')).toEqual(toProject(row(), 'row'));
  });

  it('reads a page and a single project', () => {
    const listed = parseProjectListResponse(
      page([row(), row({ xmdm: '2020-330522-30-02-004128' })], { total: 230, page: 3 }),
    );
    expect(listed).toMatchObject({ total: 230, page: 3, size: 100 });
    expect(listed.projects.map((p) => p.projectCode)).toEqual([
      '2020-330522-30-02-004127',
      '2020-330522-30-02-004128',
    ]);
    expect(parseProjectResponse({ code: '0000', msg: '成功', data: row() }).projectCode).toBe(
      '2020-330522-30-02-004127',
    );
  });

  it('reads the error envelope, and nothing else as one', () => {
    expect(parseErrorEnvelope({ code: '4001', msg: '请求参数错误', data: null })).toEqual({
      code: '4001',
      msg: '请求参数错误',
    });
    expect(parseErrorEnvelope({ code: '0000', msg: '成功', data: null })).toBeNull();
    expect(parseErrorEnvelope('Service Unavailable')).toBeNull();
    expect(parseErrorEnvelope({ code: 4001, msg: 'x', data: null })).toBeNull();
  });

  describe('refuses what the contract does not allow, naming the field and never its value', () => {
    it.each([
      ['a missing 项目代码', { xmdm: undefined }, 'data.rows[0].xmdm'],
      ['a 项目代码 without hyphens', { xmdm: '20203305223002004127' }, 'data.rows[0].xmdm'],
      ['an empty 项目名称', { xmmc: '' }, 'data.rows[0].xmmc'],
      ['a 项目单位 that is a number', { xmdw: 1 }, 'data.rows[0].xmdw'],
      ['a missing nullable code', { tyshxydm: undefined }, 'data.rows[0].tyshxydm'],
      ['a code longer than 18', { tyshxydm: '91330522147055321RX' }, 'data.rows[0].tyshxydm'],
      ['an unknown route', { xmlx: '登记' }, 'data.rows[0].xmlx'],
      ['a 5-digit division code', { xzqhdm: '33052' }, 'data.rows[0].xzqhdm'],
      ['an investment as text', { ztz: '28500' }, 'data.rows[0].ztz'],
      ['a negative investment', { ztz: -1 }, 'data.rows[0].ztz'],
      ['an unknown 建设性质', { jsxz: '拆除' }, 'data.rows[0].jsxz'],
      ['a compact date', { sbrq: '20200618' }, 'data.rows[0].sbrq'],
      ['an impossible date', { sbrq: '2020-02-30' }, 'data.rows[0].sbrq'],
      ['an unknown status', { jdzt: '已完成' }, 'data.rows[0].jdzt'],
      ['an ISO timestamp', { gxsj: '2021-03-02T15:40:11+08:00' }, 'data.rows[0].gxsj'],
      ['hour 24', { gxsj: '2021-03-02 24:00:00' }, 'data.rows[0].gxsj'],
      ['steps that are not a list', { blhj: {} }, 'data.rows[0].blhj'],
      [
        'an unknown step status',
        { blhj: [stage({ blzt: '已完成' })] },
        'data.rows[0].blhj[0].blzt',
      ],
      [
        'a step without a name',
        { blhj: [stage({ hjmc: undefined })] },
        'data.rows[0].blhj[0].hjmc',
      ],
      ['a bad step time', { blhj: [stage({ wcsj: '2020/08/13' })] }, 'data.rows[0].blhj[0].wcsj'],
    ])('%s', (_what, overrides, path) => {
      const bad = row(overrides);
      const error = invalidResponse(() => parseProjectListResponse(page([bad])));
      expect(error.message).toContain(path);
      for (const value of Object.values(overrides)) {
        if (typeof value === 'string' && value.length > 3)
          expect(error.message).not.toContain(value);
      }
    });

    it.each([
      ['a body that is not an object', '成功'],
      ['a success code that is not 0000', { code: '5030', msg: '系统繁忙', data: null }],
      ['a numeric code', { code: 0, msg: '成功', data: {} }],
      ['no data', { code: '0000', msg: '成功' }],
      [
        'rows that are not a list',
        { code: '0000', msg: '成功', data: { total: 1, page: 1, size: 20, rows: {} } },
      ],
      [
        'a negative total',
        { code: '0000', msg: '成功', data: { total: -1, page: 1, size: 20, rows: [] } },
      ],
      ['page 0', { code: '0000', msg: '成功', data: { total: 0, page: 0, size: 20, rows: [] } }],
      [
        'a page size over 100',
        { code: '0000', msg: '成功', data: { total: 0, page: 1, size: 500, rows: [] } },
      ],
      ['more rows than the page size', page([row(), row()], { size: 1 })],
    ])('an envelope with %s', (_what, body) => {
      invalidResponse(() => parseProjectListResponse(body));
    });

    it('a detail answer without its project', () => {
      invalidResponse(() => parseProjectResponse({ code: '0000', msg: '成功', data: null }));
      invalidResponse(() => parseProjectResponse({ code: '0000', msg: '成功', data: [] }));
    });
  });
});
