import { SourceErrorCode } from '../shared';
import { ProjectApprovalFake, projectApprovalSubmissionFixture } from './project-approval.fake';
import {
  XMSB_ITEMS,
  parseXmsbResponse,
  toXmsbRequest,
  xmsbRejection,
} from './project-approval.mapper';

/** 项目申报: the neutral submission to the platform's `Xmsb`, its receipt and its refusals. */
describe('project-approval submission mapping', () => {
  it('maps every item of INVESTMENT_PROJECT_APPROVAL to the platform’s fields, codes and units', () => {
    expect(toXmsbRequest(projectApprovalSubmissionFixture())).toEqual({
      sblsh: 'OG-20261125-000123',
      sqsj: '2026-11-25 09:30:00',
      xmlx: '备案',
      xmmc: '年产20万套定制家具项目',
      xmdw: '长兴县恒达家居有限公司',
      tyshxydm: '91330522MA2B7K3C0J',
      fddbr: '王建国',
      dwdz: '长兴县雉城街道经一路18号',
      lxdh: '0572-6012345',
      jbrxm: '李晓燕',
      jbrsj: '13957212345',
      jsxz: '新建',
      xzqhdm: '330522',
      jsdd: '长兴县雉城街道',
      ztz: 12000,
      zjly: '企业自筹',
      nkgsj: '2027-03-01',
      njcsj: '2028-06-30',
      zjzmj: 26000.5,
    });
  });

  it('sends nothing the platform does not take, and names every field it sends after an item', () => {
    const request = toXmsbRequest(
      projectApprovalSubmissionFixture({
        items: { 'applicant.legalRepIdNo': '330522198506151235' },
      }),
    );
    expect(JSON.stringify(request)).not.toContain('330522198506151235');
    const carried = Object.keys(request).filter((f) => f !== 'sblsh' && f !== 'sqsj');
    expect(Object.keys(XMSB_ITEMS).sort()).toEqual(carried.sort());
  });

  it.each([
    ['APPROVAL', '审批'],
    ['VERIFICATION', '核准'],
    ['FILING', '备案'],
  ])('maps project.category %s to 项目类型 %s', (category, xmlx) => {
    const submission = projectApprovalSubmissionFixture({
      items: { 'project.category': category },
    });
    expect(toXmsbRequest(submission).xmlx).toBe(xmlx);
  });

  it.each([
    ['NEW', '新建'],
    ['EXTENSION', '扩建'],
    ['RECONSTRUCTION', '改建'],
    ['RELOCATION', '迁建'],
  ])('maps project.constructionNature %s to 建设性质 %s', (nature, jsxz) => {
    const submission = projectApprovalSubmissionFixture({
      items: { 'project.constructionNature': nature },
    });
    expect(toXmsbRequest(submission).jsxz).toBe(jsxz);
  });

  it.each([
    ['GOVERNMENT', '财政性资金'],
    ['ENTERPRISE', '企业自筹'],
    ['LOAN', '银行贷款'],
    ['FOREIGN', '外资'],
    ['OTHER', '其他'],
  ])('maps project.fundingSource %s to 资金来源 %s', (source, zjly) => {
    const submission = projectApprovalSubmissionFixture({
      items: { 'project.fundingSource': source },
    });
    expect(toXmsbRequest(submission).zjly).toBe(zjly);
  });

  it('sends the optional items as null when not given, and 申请时间 in China time', () => {
    const request = toXmsbRequest(
      projectApprovalSubmissionFixture({
        submittedAt: new Date('2026-11-25T16:05:09.999Z'),
        items: { 'applicant.phone': '', 'project.totalFloorArea': '' },
      }),
    );
    expect(request).toMatchObject({ lxdh: null, zjzmj: null, sqsj: '2026-11-26 00:05:09' });
  });

  it.each([
    ['another procedure', { procedure: 'TAX_INFO_CONFIRMATION' }],
    ['a missing required item', { items: { 'project.name': '' } }],
    ['a code outside the catalogue', { items: { 'project.category': 'RECORD' } }],
    ['a lower-case USCC', { items: { 'applicant.uscc': '91330522ma2b7k3c0j' } }],
    ['a landline as the contact’s mobile', { items: { 'contact.phone': '0572-6012345' } }],
    ['an amount with three decimals', { items: { 'project.totalInvestment': '1.005' } }],
    ['a date that does not exist', { items: { 'project.plannedStart': '2027-02-29' } }],
    ['a bad idempotency key', { idempotencyKey: 'x' }],
  ])('refuses %s with a RangeError before any request', (_what, overrides) => {
    expect(() => toXmsbRequest(projectApprovalSubmissionFixture(overrides))).toThrow(RangeError);
  });

  it('reads a receipt, new or repeated', () => {
    const body = (sfcf: boolean) => ({
      code: '0000',
      msg: '受理成功',
      data: { slh: 'XMSB20261125000001', slsj: '2026-11-25 09:30:02', sfcf },
    });
    expect(parseXmsbResponse(body(false))).toEqual({
      receiptNo: 'XMSB20261125000001',
      receivedAt: new Date('2026-11-25T01:30:02Z'),
      duplicate: false,
    });
    expect(parseXmsbResponse(body(true)).duplicate).toBe(true);
  });

  it.each([
    [
      'a code other than 0000',
      { code: '4001', msg: 'x', data: { slh: 'A', slsj: '2026-11-25 09:30:02', sfcf: false } },
      'code',
    ],
    ['no data', { code: '0000', msg: '成功', data: null }, 'data'],
    [
      'no 受理号',
      { code: '0000', msg: '成功', data: { slsj: '2026-11-25 09:30:02', sfcf: false } },
      'data.slh',
    ],
    [
      'a 受理时间 that is no time',
      { code: '0000', msg: '成功', data: { slh: 'A', slsj: '2026-02-30 09:30:02', sfcf: false } },
      'data.slsj',
    ],
    [
      'a flag that is not a boolean',
      { code: '0000', msg: '成功', data: { slh: 'A', slsj: '2026-11-25 09:30:02', sfcf: 'N' } },
      'data.sfcf',
    ],
  ])(
    'refuses a receipt with %s as SOURCE_INVALID_RESPONSE naming the field',
    (_what, body, field) => {
      expect(() => parseXmsbResponse(body)).toThrow(
        expect.objectContaining({
          code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
          message: expect.stringContaining(field) as unknown,
        }),
      );
    },
  );

  it('reads a refusal of the content as a final SOURCE_REJECTED naming items, never the message', () => {
    const error = xmsbRejection(422, {
      code: '4221',
      msg: '申报内容校验不通过：tyshxydm 校验码不正确（91330522MA2B7K3C0K）',
      data: null,
    });
    expect(error).toMatchObject({
      code: SourceErrorCode.SOURCE_REJECTED,
      source: 'project-approval',
      departmentCode: '4221',
    });
    expect(error?.message).toContain('items: applicant.uscc');
    expect(error?.message).not.toContain('91330522MA2B7K3C0K');
    expect(
      xmsbRejection(409, { code: '4091', msg: '幂等键已用于内容不同的申报', data: null }),
    ).toMatchObject({
      code: SourceErrorCode.SOURCE_REJECTED,
      departmentCode: '4091',
    });
  });

  it.each([
    ['a refused token', 401, { code: '4010', msg: '访问令牌缺失或无效', data: null }],
    ['a code that does not go with the status', 400, { code: '4221', msg: 'x', data: null }],
    ['a body that is not the envelope', 422, { error: 'unprocessable' }],
    ['no route', 404, { code: '4040', msg: '接口不存在', data: null }],
  ])('does not read %s as a refusal of the content', (_what, status, body) => {
    expect(xmsbRejection(status, body)).toBeNull();
  });
});

describe('ProjectApprovalFake submissions', () => {
  it('gives one receipt per key, the same again for a repeat, and refuses other content under a key', async () => {
    const fake = new ProjectApprovalFake();
    const submission = projectApprovalSubmissionFixture();
    const first = await fake.submit(submission);
    expect(first).toMatchObject({ receiptNo: 'XMSB-FAKE-000001', duplicate: false });
    await expect(fake.submit(submission)).resolves.toEqual({ ...first, duplicate: true });
    await expect(
      fake.submit(projectApprovalSubmissionFixture({ items: { 'project.name': '另一个项目' } })),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_REJECTED });
    const other = await fake.submit(
      projectApprovalSubmissionFixture({ idempotencyKey: 'second-key-0001' }),
    );
    expect(other.receiptNo).toBe('XMSB-FAKE-000002');
    expect(fake.submissions.counts()).toEqual({ received: 3, distinctKeys: 2, duplicates: 1 });
    expect(fake.submissions.calls).toHaveLength(4);
    expect(fake.submissions.cases().map((c) => [c.receipt.receiptNo, c.deliveries])).toEqual([
      ['XMSB-FAKE-000001', 2],
      ['XMSB-FAKE-000002', 1],
    ]);
  });

  it('refuses what the real adapter could not send, and fails as told', async () => {
    const fake = new ProjectApprovalFake();
    await expect(
      fake.submit(projectApprovalSubmissionFixture({ items: { 'project.category': 'X' } })),
    ).rejects.toBeInstanceOf(RangeError);
    fake.failWith(new Error('down'));
    await expect(fake.submit(projectApprovalSubmissionFixture())).rejects.toThrow('down');
    expect(fake.submissions.calls).toEqual([]);
  });
});
