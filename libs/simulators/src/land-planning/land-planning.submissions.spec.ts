import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { departmentContract } from '@oncegate/adapters';
import { startSimulator, type RunningSimulator } from '../shared';
import { createLandPlanningSimulator } from './land-planning.simulator';
import { LAND_PLANNING_SUBMISSION_PATH } from './land-planning.submissions';

/**
 * Contract test, platform side, of applications (`POST /api/v2/applications`):
 * both of the contract's example requests are accepted (201, then 200 for the
 * same key), every refusal comes with its 业务状态码, and response validation
 * is on throughout — an answer off the contract would be a 500 (`5000`),
 * which no test here accepts.
 */
type Json = Record<string, unknown>;
const contract = parse(readFileSync(departmentContract('land-planning.openapi.yaml'), 'utf8')) as {
  paths: Record<
    string,
    {
      post: {
        requestBody: { content: Record<string, { examples: Record<string, { value: Json }> }> };
      };
    }
  >;
};
const examples =
  contract.paths[LAND_PLANNING_SUBMISSION_PATH].post.requestBody.content['application/json']
    .examples;
const preExamination = examples.preExamination.value;
const planningPermit = examples.planningPermit.value;

describe('land-planning simulator: applications as the contract says', () => {
  let running: RunningSimulator;
  const post = async (body: unknown, key?: string) => {
    const res = await fetch(running.url + LAND_PLANNING_SUBMISSION_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    running = await startSimulator(createLandPlanningSimulator({ parcels: [] }));
  });
  beforeEach(() => running.simulator.submissions.clear());
  afterAll(() => running.close());

  it.each([
    ['用地预审与选址意见书', preExamination],
    ['建设用地规划许可证', planningPermit],
  ])(
    'accepts the contract’s %s example (201), and the same key again (200, duplicate)',
    async (kind, body) => {
      const first = await post(body, 'lp-example-0001');
      expect(first).toEqual({
        status: 201,
        body: {
          code: '0000',
          message: '受理成功',
          data: {
            SLBH: expect.stringMatching(/^YDSQ\d{8}000001$/) as unknown,
            SLSJ: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) as unknown,
            SQLX: kind,
            duplicate: false,
          },
        },
      });
      const again = await post(body, 'lp-example-0001');
      expect(again.status).toBe(200);
      expect(again.body.data).toEqual({ ...(first.body.data as Json), duplicate: true });
      expect(running.simulator.submissions.counts()).toMatchObject({
        received: 2,
        distinctKeys: 1,
      });
      expect(running.simulator.submissions.list()[0]).toMatchObject({ kind, content: body });
    },
  );

  it('refuses the same key with other content with 4090 (HTTP 409)', async () => {
    await post(planningPermit, 'lp-example-0002');
    expect(await post({ ...planningPermit, YDMJ: 1000 }, 'lp-example-0002')).toMatchObject({
      status: 409,
      body: { code: '4090', data: null },
    });
  });

  it.each([
    ['no Idempotency-Key', planningPermit, undefined],
    [
      'the other kind’s columns',
      { ...planningPermit, SQLX: '用地预审与选址意见书' },
      'lp-example-0003',
    ],
    [
      'a land use the form does not offer',
      { ...planningPermit, YDXZ: '城镇住宅用地' },
      'lp-example-0004',
    ],
    ['a zero area', { ...planningPermit, YDMJ: 0 }, 'lp-example-0005'],
    ['a column nobody knows', { ...preExamination, ZJH: '330522198506151235' }, 'lp-example-0006'],
    ['a body that is not JSON', '[', 'lp-example-0007'],
  ])('refuses %s with 4001 (HTTP 400) and counts it', async (_what, body, key) => {
    const answer = await post(body, key);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: '4001', data: null });
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, received: 0 });
  });

  it.each([
    [
      'a USCC whose check character is wrong',
      planningPermit,
      { YDDWDM: '91330523MA2D292A2N' },
      '/body/YDDWDM',
    ],
    [
      'a 不动产单元号 that cannot exist',
      planningPermit,
      { BDCDYH: '330523006005GB00000W00000000' },
      '/body/BDCDYH',
    ],
    [
      'a 投资项目代码 that cannot exist',
      preExamination,
      { XMDM: '2013-330523-89-03-006325' },
      '/body/XMDM',
    ],
    ['an area in m² with three decimals', planningPermit, { YDMJ: 35759.915 }, '/body/YDMJ'],
    ['an area in 公顷 with seven decimals', preExamination, { NYDMJ: 3.5759915 }, '/body/NYDMJ'],
  ])('refuses %s with 4220 (HTTP 422) naming the column', async (_what, body, change, path) => {
    const answer = await post({ ...body, ...change }, 'lp-example-0008');
    expect(answer).toMatchObject({ status: 422, body: { code: '4220', data: null } });
    expect(answer.body.errors).toEqual([expect.objectContaining({ path })]);
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, distinctKeys: 0 });
  });
});
