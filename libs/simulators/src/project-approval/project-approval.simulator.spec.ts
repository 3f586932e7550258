import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import { generateProjectApprovalData, type ProjectApprovalData } from './project-approval.data';
import type { ProjectApprovalRecord } from './project-approval.record';
import { createProjectApprovalSimulator } from './project-approval.simulator';

/**
 * Contract test, simulator side: every operation and every error of
 * `project-approval.openapi.yaml` driven over HTTP, with the simulator's
 * response validation on, so an answer off the contract would come back as
 * a 500 and fail here.
 */
interface Envelope {
  code: string;
  msg: string;
  data: {
    total: number;
    page: number;
    size: number;
    rows: ProjectApprovalRecord[];
  } | null;
}

const TOKEN = 'pa-test-token-7f3a';

describe('project-approval simulator keeps its contract', () => {
  let data: ProjectApprovalData;
  let running: RunningSimulator;

  const get = async (
    path: string,
    headers: Record<string, string> = { 'x-access-token': TOKEN },
  ) => {
    const res = await fetch(running.url + path, { headers });
    const body = (await res.json()) as Envelope;
    if (res.status === 500) {
      throw new Error(
        `simulator broke its contract: ${decodeURIComponent(res.headers.get('x-simulator-error') ?? '')}`,
      );
    }
    return { status: res.status, body };
  };
  const rowsOf = (body: Envelope) => body.data?.rows ?? [];
  const truthKey = (xmdm: string) => data.truth.find((t) => t.localId === xmdm)?.applicantKey;

  beforeAll(async () => {
    const population = generateDemoApplicants({ seed: 11, persons: 200, enterprises: 1500 });
    data = generateProjectApprovalData(population, { seed: 11 });
    running = await startSimulator(createProjectApprovalSimulator(data, { accessToken: TOKEN }));
  });
  afterAll(() => running.close());

  describe('GET /api/v1/xmxx by 统一社会信用代码', () => {
    it('lists every project of the codes asked for, in 申报日期 then 项目代码 order', async () => {
      const keys = [...new Set(data.truth.map((t) => t.applicantKey))].slice(0, 30);
      const { status, body } = await get(`/api/v1/xmxx?tyshxydm=${keys.join(',')}&size=100`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ code: '0000', msg: '成功', data: { page: 1, size: 100 } });
      const expected = data.projects.filter(
        (p, i) => keys.includes(data.truth[i].applicantKey) && p.tyshxydm !== null,
      );
      expect(body.data?.total).toBe(expected.length);
      const rows = rowsOf(body);
      expect(new Set(rows.map((r) => r.xmdm))).toEqual(new Set(expected.map((p) => p.xmdm)));
      const order = rows.map((r) => `${r.sbrq}|${r.xmdm}`);
      expect([...order].sort()).toEqual(order);
    });

    it('finds rows stored with a lower-case or full-width code, but not rows without one', async () => {
      const messy = data.projects.filter(
        (p) => p.tyshxydm !== null && p.tyshxydm !== truthKey(p.xmdm),
      );
      const lower = messy.find((p) => /[a-z]/.test(p.tyshxydm ?? ''));
      const wide = messy.find((p) => /[\uff10-\uff5a]/.test(p.tyshxydm ?? ''));
      const missing = data.projects.find((p) => p.tyshxydm === null);
      for (const row of [lower, wide]) {
        if (!row) throw new Error('the data has no such row; make the population larger');
        const { body } = await get(`/api/v1/xmxx?tyshxydm=${truthKey(row.xmdm)}&size=100`);
        expect(rowsOf(body).map((r) => r.xmdm)).toContain(row.xmdm);
      }
      if (!missing) throw new Error('the data has no row without a code');
      const { body } = await get(`/api/v1/xmxx?tyshxydm=${truthKey(missing.xmdm)}&size=100`);
      expect(rowsOf(body).map((r) => r.xmdm)).not.toContain(missing.xmdm);
    });

    it('matches a code asked for in lower case too (the collation ignores case)', async () => {
      const row = data.projects.find((p) => p.tyshxydm !== null && /[A-Z]/.test(p.tyshxydm))!;
      const { body } = await get(`/api/v1/xmxx?tyshxydm=${row.tyshxydm!.toLowerCase()}&size=100`);
      expect(rowsOf(body).map((r) => r.xmdm)).toContain(row.xmdm);
    });

    it('answers an empty page for a code it does not know', async () => {
      const { status, body } = await get('/api/v1/xmxx?tyshxydm=91330522MA2B7K3C0J');
      expect(status).toBe(200);
      expect(body).toEqual({
        code: '0000',
        msg: '成功',
        data: { total: 0, page: 1, size: 20, rows: [] },
      });
    });

    it('accepts exactly 100 codes', async () => {
      const keys = [...new Set(data.truth.map((t) => t.applicantKey))].slice(0, 100);
      expect(keys).toHaveLength(100);
      const { status } = await get(`/api/v1/xmxx?tyshxydm=${keys.join(',')}`);
      expect(status).toBe(200);
    });
  });

  describe('GET /api/v1/xmxx by date range and pages', () => {
    it('lists a date range page by page, every row once', async () => {
      const from = '2024-01-01';
      const to = '2024-12-31';
      const expected = data.projects.filter((p) => p.sbrq >= from && p.sbrq <= to);
      expect(expected.length).toBeGreaterThan(30);
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const { body } = await get(`/api/v1/xmxx?ksrq=${from}&jsrq=${to}&page=${page}&size=25`);
        expect(body.data).toMatchObject({ total: expected.length, page, size: 25 });
        const rows = rowsOf(body);
        for (const r of rows) expect(r.sbrq >= from && r.sbrq <= to).toBe(true);
        seen.push(...rows.map((r) => r.xmdm));
        if (rows.length < 25) break;
      }
      expect(seen).toHaveLength(expected.length);
      expect(new Set(seen)).toEqual(new Set(expected.map((p) => p.xmdm)));
    });

    it('lists everything without filters, and nothing past the last page', async () => {
      const { body } = await get('/api/v1/xmxx');
      expect(body.data).toMatchObject({ total: data.projects.length, page: 1, size: 20 });
      expect(rowsOf(body)).toHaveLength(20);
      const last = Math.ceil(data.projects.length / 100) + 1;
      const beyond = await get(`/api/v1/xmxx?page=${last}&size=100`);
      expect(beyond.body.data).toMatchObject({ total: data.projects.length, rows: [] });
    });

    it('combines codes and dates', async () => {
      const row = data.projects.find((p) => p.tyshxydm === truthKey(p.xmdm))!;
      const hit = await get(
        `/api/v1/xmxx?tyshxydm=${row.tyshxydm}&ksrq=${row.sbrq}&jsrq=${row.sbrq}`,
      );
      expect(rowsOf(hit.body).map((r) => r.xmdm)).toContain(row.xmdm);
      const miss = await get(`/api/v1/xmxx?tyshxydm=${row.tyshxydm}&ksrq=2099-01-01`);
      expect(miss.body.data?.total).toBe(0);
    });
  });

  describe('GET /api/v1/xmzl (增量查询)', () => {
    interface FeedPage {
      total: number;
      size: number;
      rows: ProjectApprovalRecord[];
    }
    const feed = async (query: string) => {
      const { status, body } = await get(`/api/v1/xmzl${query ? `?${query}` : ''}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ code: '0000', msg: '成功' });
      return body.data as unknown as FeedPage;
    };
    const cursorOf = (r: ProjectApprovalRecord) =>
      new URLSearchParams({ scgxsj: r.gxsj, scxmdm: r.xmdm }).toString();
    const order = (r: ProjectApprovalRecord) => `${r.gxsj}|${r.xmdm}`;

    it.each([1, 33, 100, 500])(
      'serves every row once, by 更新时间 then 项目代码, in pages of %i',
      async (size) => {
        const seen: ProjectApprovalRecord[] = [];
        let query = `size=${size}`;
        for (let guard = 0; guard < 5000; guard++) {
          const page = await feed(query);
          expect(page.size).toBe(size);
          expect(page.total).toBe(data.projects.length - seen.length);
          expect(page.rows).toHaveLength(Math.min(size, page.total));
          seen.push(...page.rows);
          if (page.total <= page.rows.length) break;
          query = `${cursorOf(page.rows[page.rows.length - 1])}&size=${size}`;
        }
        expect(seen.map(order)).toEqual(data.projects.map(order).sort());
        // Whole rows, as stored.
        const byCode = new Map(data.projects.map((p) => [p.xmdm, p]));
        for (const r of seen) expect(r).toEqual(byCode.get(r.xmdm));
      },
    );

    it('defaults to 100 rows, and answers nothing after the last row', async () => {
      const first = await feed('');
      expect(first).toMatchObject({ total: data.projects.length, size: 100 });
      expect(first.rows).toHaveLength(100);
      const last = [...data.projects].sort((a, b) => (order(a) < order(b) ? -1 : 1)).pop()!;
      expect(await feed(cursorOf(last))).toEqual({ total: 0, size: 100, rows: [] });
    });

    it('takes the cursor time with the space as %20 or +, the colons as is or %3A', async () => {
      const row = data.projects[10];
      const expected = await feed(cursorOf(row));
      const spaced = row.gxsj.replace(' ', '%20');
      expect(await feed(`scgxsj=${spaced}&scxmdm=${row.xmdm}`)).toEqual(expected);
      expect(await feed(`scgxsj=${spaced.replace(/:/g, '%3A')}&scxmdm=${row.xmdm}`)).toEqual(
        expected,
      );
      expect(expected.rows.map((r) => r.xmdm)).not.toContain(row.xmdm);
    });

    it.each([
      ['only scgxsj', 'scgxsj=2024-11-11+08:47:19', 'scgxsj 与 scxmdm 须同时提供'],
      ['only scxmdm', 'scxmdm=2411-330522-04-03-106552', 'scgxsj 与 scxmdm 须同时提供'],
      [
        'an impossible time',
        'scgxsj=2024-02-30+08:47:19&scxmdm=2411-330522-04-03-106552',
        'scgxsj 不是有效时间',
      ],
      [
        'an hour 24',
        'scgxsj=2024-02-01+24:00:00&scxmdm=2411-330522-04-03-106552',
        'scgxsj 不是有效时间',
      ],
      ['a time without seconds', 'scgxsj=2024-11-11+08:47&scxmdm=2411-330522-04-03-106552', ''],
      ['a malformed 项目代码', 'scgxsj=2024-11-11+08:47:19&scxmdm=2411330522', ''],
      ['size 0', 'size=0', ''],
      ['size 501', 'size=501', ''],
      ['an unknown parameter', 'page=2', ''],
    ])('answers 400 with 4001 for %s', async (_what, query, why) => {
      const { status, body } = await get(`/api/v1/xmzl?${query}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: '4001', data: null });
      expect(body.msg).toMatch(/^请求参数错误：/);
      if (why) expect(body.msg).toBe(`请求参数错误：${why}`);
    });

    it('answers 401 with 4010 without the token', async () => {
      const { status, body } = await get('/api/v1/xmzl', {});
      expect(status).toBe(401);
      expect(body).toEqual({ code: '4010', msg: '访问令牌缺失或无效', data: null });
    });
  });

  describe('GET /api/v1/xmxx/{xmdm}', () => {
    it('answers one project', async () => {
      const row = data.projects[data.projects.length - 1];
      const { status, body } = await get(`/api/v1/xmxx/${row.xmdm}`);
      expect(status).toBe(200);
      expect(body).toEqual({ code: '0000', msg: '成功', data: row });
    });

    it('answers 404 with 4041 for an unknown project', async () => {
      const { status, body } = await get('/api/v1/xmxx/2001-330522-04-03-000000');
      expect(status).toBe(404);
      expect(body).toEqual({ code: '4041', msg: '项目不存在', data: null });
    });
  });

  describe('errors in the platform envelope', () => {
    it.each([
      [
        '101 codes',
        () => `/api/v1/xmxx?tyshxydm=${Array(101).fill('91330522MA2B7K3C0J').join(',')}`,
      ],
      ['a short code', () => '/api/v1/xmxx?tyshxydm=91330522MA2B7K3C0'],
      [
        'a code with a space',
        () => '/api/v1/xmxx?tyshxydm=91330522MA2B7K3C0J,%2091330522MA2B7K3C0',
      ],
      ['a malformed date', () => '/api/v1/xmxx?ksrq=2024/01/01'],
      ['an impossible date', () => '/api/v1/xmxx?jsrq=2024-02-30'],
      ['a start after the end', () => '/api/v1/xmxx?ksrq=2024-12-01&jsrq=2024-01-01'],
      ['page 0', () => '/api/v1/xmxx?page=0'],
      ['size 101', () => '/api/v1/xmxx?size=101'],
      ['a size that is not a number', () => '/api/v1/xmxx?size=abc'],
      ['an unknown parameter', () => '/api/v1/xmxx?xmmc=家具'],
      ['a malformed project code', () => '/api/v1/xmxx/2411330522'],
    ])('answers 400 with 4001 for %s', async (_what, path) => {
      const { status, body } = await get(path());
      expect(status).toBe(400);
      expect(body.code).toBe('4001');
      expect(body.msg).toMatch(/^请求参数错误：/);
      expect(body.data).toBeNull();
    });

    it('says why a date range is refused', async () => {
      const { body } = await get('/api/v1/xmxx?ksrq=2024-12-01&jsrq=2024-01-01');
      expect(body.msg).toBe('请求参数错误：开始日期不能晚于结束日期');
    });

    it.each([
      ['no token', {}],
      ['a wrong token', { 'x-access-token': 'guess' }],
    ])('answers 401 with 4010 for %s', async (_what, headers) => {
      for (const path of ['/api/v1/xmxx', '/api/v1/xmxx/2411-330522-04-03-582013']) {
        const { status, body } = await get(path, headers);
        expect(status).toBe(401);
        expect(body).toEqual({ code: '4010', msg: '访问令牌缺失或无效', data: null });
      }
    });

    it('answers 404 with 4040 for a path it does not have', async () => {
      const { status, body } = await get('/api/v2/xmxx');
      expect(status).toBe(404);
      expect(body).toEqual({ code: '4040', msg: '接口不存在', data: null });
    });
  });

  it('needs no token where the deployment admits consumers by allow-list', async () => {
    const open = await startSimulator(createProjectApprovalSimulator(data));
    try {
      const res = await fetch(`${open.url}/api/v1/xmxx?size=1`);
      expect(res.status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('validates its own answers: an off-contract row comes back as 500 / 5000', async () => {
    const broken = { ...data.projects[0], xmlx: '登记' } as unknown as ProjectApprovalRecord;
    const sim = await startSimulator(createProjectApprovalSimulator({ projects: [broken] }));
    try {
      const res = await fetch(`${sim.url}/api/v1/xmxx/${broken.xmdm}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ code: '5000', msg: '系统内部错误', data: null });
      expect(decodeURIComponent(res.headers.get('x-simulator-error') ?? '')).toMatch(/xmlx/);
    } finally {
      await sim.close();
    }
  });

  it('counts requests per route for the batching proofs', async () => {
    running.simulator.faults.reset();
    await get('/api/v1/xmxx?size=1');
    await get('/api/v1/xmxx?size=2');
    expect(running.simulator.faults.stats()).toEqual({ 'GET /api/v1/xmxx': 2 });
  });
});
