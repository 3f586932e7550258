import { SourceErrorCode } from '../shared';
import { LandPlanningFake, landPlanningSubmissionFixture } from './land-planning.fake';
import {
  APPLICATION_ITEMS,
  applicationKind,
  applicationRejection,
  mapApplicationReceipt,
  toLandPlanningApplication,
} from './land-planning.mapper';

/** Applications: the neutral submission to the platform's two application kinds, receipts and refusals. */
describe('land-planning submission mapping', () => {
  it('files LAND_PREEXAM_SITE_SELECTION as a 用地预审与选址意见书 application, its area in 公顷', () => {
    expect(
      toLandPlanningApplication(landPlanningSubmissionFixture('LAND_PREEXAM_SITE_SELECTION')),
    ).toEqual({
      SQLX: '用地预审与选址意见书',
      WBYWH: 'OG-20261125-000124',
      SQSJ: '2026-11-25 09:31:00',
      FDDBR: '林子轩',
      LXR: '周敏',
      LXDH: '18996610447',
      XMDM: '2509-330523-89-03-006325',
      XMMC: '年产5100吨环保包装材料项目',
      JSDWMC: '安吉县远昌印刷包装有限公司',
      JSDWDM: '91330523MA2D292A2M',
      XZQDM: '330523',
      NXZWZ: '安吉县报福镇建设路697号',
      ZTZ: 15800,
      NYDMJ: 3.575991,
      YT: '工业用地',
    });
  });

  it('files LAND_USE_PLANNING_PERMIT as a 建设用地规划许可证 application, its areas in m²', () => {
    expect(
      toLandPlanningApplication(landPlanningSubmissionFixture('LAND_USE_PLANNING_PERMIT')),
    ).toEqual({
      SQLX: '建设用地规划许可证',
      WBYWH: 'OG-20261125-000124',
      SQSJ: '2026-11-25 09:31:00',
      FDDBR: '林子轩',
      LXR: '周敏',
      LXDH: '18996610447',
      XMDM: '2509-330523-89-03-006325',
      XMMC: '年产5100吨环保包装材料项目',
      YDDWMC: '安吉县远昌印刷包装有限公司',
      YDDWDM: '91330523MA2D292A2M',
      YDWZ: '安吉县报福镇建设路697号',
      ZJZMJ: 55785.46,
      BDCDYH: '330523006005GB00001W00000000',
      YDMJ: 35759.91,
      YDXZ: '工业用地',
    });
  });

  it('converts m² to 公顷 exactly, however many places that takes', () => {
    const area = (value: string) =>
      (
        toLandPlanningApplication(
          landPlanningSubmissionFixture('LAND_PREEXAM_SITE_SELECTION', {
            items: { 'land.area': value },
          }),
        ) as { NYDMJ: number }
      ).NYDMJ;
    expect(area('0.01')).toBe(0.000001);
    expect(area('123456789.99')).toBe(12345.678999);
    expect(area('10000')).toBe(1);
  });

  it.each([
    ['INDUSTRIAL', '工业用地'],
    ['COMMERCIAL', '商业服务业用地'],
    ['RESIDENTIAL', '居住用地'],
    ['PUBLIC', '公共管理与公共服务用地'],
    ['WAREHOUSE', '仓储用地'],
    ['TRANSPORT', '交通运输用地'],
  ])('maps land.use %s to the class %s', (use, name) => {
    const permit = toLandPlanningApplication(
      landPlanningSubmissionFixture('LAND_USE_PLANNING_PERMIT', { items: { 'land.use': use } }),
    );
    const preexam = toLandPlanningApplication(
      landPlanningSubmissionFixture('LAND_PREEXAM_SITE_SELECTION', { items: { 'land.use': use } }),
    );
    expect([(permit as { YDXZ: string }).YDXZ, (preexam as { YT: string }).YT]).toEqual([
      name,
      name,
    ]);
  });

  it('sends the optional 项目代码 and 不动产单元号 as null when not given', () => {
    const application = toLandPlanningApplication(
      landPlanningSubmissionFixture('LAND_USE_PLANNING_PERMIT', {
        items: { 'project.code': '', 'land.unitNo': '' },
      }),
    );
    expect(application).toMatchObject({ XMDM: null, BDCDYH: null });
  });

  it('names every column it sends after a catalogue item', () => {
    for (const procedure of ['LAND_PREEXAM_SITE_SELECTION', 'LAND_USE_PLANNING_PERMIT'] as const) {
      const application = toLandPlanningApplication(landPlanningSubmissionFixture(procedure));
      for (const column of Object.keys(application)) {
        if (!['SQLX', 'WBYWH', 'SQSJ'].includes(column))
          expect(APPLICATION_ITEMS).toHaveProperty(column);
      }
    }
  });

  it.each([
    ['another procedure', { procedure: 'SI_UNIT_REGISTRATION' }],
    ['no land.area', { items: { 'land.area': '' } }],
    ['a land use outside the catalogue', { items: { 'land.use': 'FARMLAND' } }],
    ['a malformed 不动产单元号', { items: { 'land.unitNo': '330523006005GB00001' } }],
    ['a malformed 项目代码', { items: { 'project.code': '2509330523890300632' } }],
    ['an area with three decimals', { items: { 'land.area': '1.005' } }],
  ])('refuses %s with a RangeError before any request', (_what, overrides) => {
    expect(() =>
      toLandPlanningApplication(
        landPlanningSubmissionFixture('LAND_USE_PLANNING_PERMIT', overrides),
      ),
    ).toThrow(RangeError);
  });

  it('knows the 申请类型 of each procedure, and of no other', () => {
    expect(applicationKind('LAND_PREEXAM_SITE_SELECTION')).toBe('用地预审与选址意见书');
    expect(applicationKind('LAND_USE_PLANNING_PERMIT')).toBe('建设用地规划许可证');
    expect(() => applicationKind('TAX_INFO_CONFIRMATION')).toThrow(RangeError);
  });

  const receipt = (duplicate: unknown, overrides: Record<string, unknown> = {}) => ({
    code: '0000',
    message: '受理成功',
    data: {
      SLBH: 'YDSQ20261125000001',
      SLSJ: '2026-11-25 09:31:02',
      SQLX: '建设用地规划许可证',
      duplicate,
      ...overrides,
    },
  });

  it('reads a receipt: 201 a new case, 200 a repeated key', () => {
    expect(mapApplicationReceipt(201, receipt(false), '建设用地规划许可证')).toEqual({
      receiptNo: 'YDSQ20261125000001',
      receivedAt: new Date('2026-11-25T01:31:02Z'),
      duplicate: false,
    });
    expect(mapApplicationReceipt(200, receipt(true), '建设用地规划许可证').duplicate).toBe(true);
  });

  it.each([
    ['201 with duplicate true', 201, receipt(true), '$.data.duplicate'],
    ['200 with duplicate false', 200, receipt(false), '$.data.duplicate'],
    ['a flag that is not a boolean', 201, receipt('false'), '$.data.duplicate'],
    ['another 申请类型', 201, receipt(false, { SQLX: '用地预审与选址意见书' }), '$.data.SQLX'],
    ['no 受理编号', 201, receipt(false, { SLBH: '' }), '$.data.SLBH'],
    [
      'a 受理时间 that is no time',
      201,
      receipt(false, { SLSJ: '2026-11-31 09:31:02' }),
      '$.data.SLSJ',
    ],
    ['a code other than 0000', 201, { ...receipt(false), code: '4001' }, '$.code'],
  ])('refuses a receipt with %s as SOURCE_INVALID_RESPONSE', (_what, status, body, path) => {
    expect(() => mapApplicationReceipt(status, body, '建设用地规划许可证')).toThrow(
      expect.objectContaining({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
        message: expect.stringContaining(path) as unknown,
      }),
    );
  });

  it('reads a refusal as a final SOURCE_REJECTED naming the items its errors point at', () => {
    const error = applicationRejection(422, {
      code: '4220',
      message: '申请内容校验不通过',
      data: null,
      errors: [
        { path: '/body/YDDWDM', message: '统一社会信用代码校验码不正确：91330523MA2D292A2X' },
        { path: '/body/BDCDYH', message: '不是有效的不动产单元号' },
        { path: '/body/constructor', message: '?' },
      ],
    });
    expect(error).toMatchObject({ code: SourceErrorCode.SOURCE_REJECTED, departmentCode: '4220' });
    expect(error?.message).toContain('items: applicant.uscc, land.unitNo');
    expect(error?.message).not.toContain('91330523MA2D292A2X');
    expect(applicationRejection(409, { code: '4090', message: 'x', data: null })).toMatchObject({
      departmentCode: '4090',
    });
    expect(applicationRejection(400, { code: '4001', message: 'x', data: null })).toMatchObject({
      departmentCode: '4001',
    });
  });

  it.each([
    ['a refused key', 401, { code: '4010', message: 'x', data: null }],
    ['no route', 404, { code: '4040', message: 'x', data: null }],
    ['a code with another status', 409, { code: '4220', message: 'x', data: null }],
    ['no envelope', 422, 'Unprocessable'],
  ])('does not read %s as a refusal of the content', (_what, status, body) => {
    expect(applicationRejection(status, body)).toBeNull();
  });
});

describe('LandPlanningFake submissions', () => {
  it('dedupes by key and records every delivery', async () => {
    const fake = new LandPlanningFake();
    const submission = landPlanningSubmissionFixture('LAND_PREEXAM_SITE_SELECTION');
    const first = await fake.submit(submission);
    await expect(fake.submit(submission)).resolves.toEqual({ ...first, duplicate: true });
    expect(fake.submissions.counts()).toEqual({ received: 2, distinctKeys: 1, duplicates: 1 });
    await expect(
      fake.submit(landPlanningSubmissionFixture('LAND_PREEXAM_SITE_SELECTION', { procedure: 'X' })),
    ).rejects.toBeInstanceOf(RangeError);
  });
});
