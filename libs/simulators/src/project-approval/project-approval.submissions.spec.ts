import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { departmentContract } from '@oncegate/adapters';
import { startSimulator, type RunningSimulator } from '../shared';
import { createProjectApprovalSimulator } from './project-approval.simulator';
import { PROJECT_APPROVAL_SUBMISSION_PATH } from './project-approval.submissions';

/**
 * Contract test, platform side, of 项目申报 (`POST /api/v1/xmsb`): the
 * contract's example request is accepted, every refusal the contract lists
 * comes with its code, and response validation is on throughout — an answer
 * off the contract would be a 500 (`5000`), which no test here accepts.
 */
type Json = Record<string, unknown>;
const contract = parse(
  readFileSync(departmentContract('project-approval.openapi.yaml'), 'utf8'),
) as {
  paths: Record<
    string,
    {
      post: {
        requestBody: { content: Record<string, { examples: Record<string, { value: Json }> }> };
      };
    }
  >;
};
const [example] = Object.values(
  contract.paths[PROJECT_APPROVAL_SUBMISSION_PATH].post.requestBody.content['application/json']
    .examples,
).map((e) => e.value);
const TOKEN = 'pa-submissions-token';

describe('project-approval simulator: 项目申报 as the contract says', () => {
  let running: RunningSimulator;
  const post = async (body: unknown, key?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(running.url + PROJECT_APPROVAL_SUBMISSION_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-access-token': TOKEN,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    running = await startSimulator(
      createProjectApprovalSimulator({ projects: [] }, { accessToken: TOKEN }),
    );
  });
  beforeEach(() => running.simulator.submissions.clear());
  afterAll(() => running.close());

  it('accepts the contract’s example, and answers it again with the same 回执 flagged sfcf', async () => {
    const first = await post(example, 'example-key-0001');
    expect(first).toEqual({
      status: 200,
      body: {
        code: '0000',
        msg: '受理成功',
        data: {
          slh: expect.stringMatching(/^XMSB\d{8}000001$/) as unknown,
          slsj: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) as unknown,
          sfcf: false,
        },
      },
    });
    const again = await post({ ...example }, 'example-key-0001');
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ ...(first.body.data as Json), sfcf: true });
    expect(running.simulator.submissions.list()).toEqual([
      expect.objectContaining({
        reference: example.sblsh,
        kind: '备案',
        content: example,
        deliveries: 2,
      }),
    ]);
  });

  it('refuses the same key with other content with 4091 (HTTP 409)', async () => {
    await post(example, 'example-key-0002');
    expect(await post({ ...example, ztz: 12001 }, 'example-key-0002')).toEqual({
      status: 409,
      body: { code: '4091', msg: '幂等键已用于内容不同的申报', data: null },
    });
  });

  it.each([
    ['no Idempotency-Key', example, undefined],
    ['a malformed Idempotency-Key', example, 'short'],
    ['a missing field', { ...example, xmmc: undefined }, 'example-key-0003'],
    ['an unknown field', { ...example, sfzhm: '330522198506151235' }, 'example-key-0004'],
    ['a code outside 项目类型', { ...example, xmlx: '登记' }, 'example-key-0005'],
    ['a date that is no date', { ...example, nkgsj: '2027-02-30' }, 'example-key-0006'],
    ['a body that is not JSON', '{"sblsh":', 'example-key-0007'],
  ])('refuses %s with 4001 (HTTP 400) and counts it', async (_what, body, key) => {
    const answer = await post(body, key);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: '4001', data: null });
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, received: 0 });
  });

  it.each([
    ['a USCC whose check character is wrong', { tyshxydm: '91330522MA2B7K3C0K' }, 'tyshxydm'],
    ['a division code without a province', { xzqhdm: '990522' }, 'xzqhdm'],
    ['拟建成时间 before 拟开工时间', { njcsj: '2027-02-28' }, 'njcsj'],
    ['an amount with three decimals', { ztz: 12000.125 }, 'ztz'],
    ['a 申请时间 that is no time', { sqsj: '2026-11-25 24:00:00' }, 'sqsj'],
  ])('refuses %s with 4221 (HTTP 422) naming the field', async (_what, change, field) => {
    const answer = await post({ ...example, ...change }, 'example-key-0008');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: '4221', data: null });
    expect(answer.body.msg).toContain(field);
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, distinctKeys: 0 });
  });

  it('refuses a request without the platform’s token with 4010, not as a refused submission', async () => {
    const answer = await post(example, 'example-key-0009', { 'x-access-token': 'wrong' });
    expect(answer).toMatchObject({ status: 401, body: { code: '4010' } });
    expect(running.simulator.submissions.counts().rejected).toBe(0);
  });
});
