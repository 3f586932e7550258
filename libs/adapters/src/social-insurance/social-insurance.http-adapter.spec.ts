import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceErrorCode } from '../shared';
import { readSocialInsuranceConfig } from './social-insurance.config';
import { createSocialInsuranceAdapter } from './social-insurance.http-adapter';
import { canonicalString } from './social-insurance.signer';

/**
 * The adapter against a bare HTTP server that records what arrives: what is
 * signed (the base URL's path prefix included), a fresh signature per
 * attempt, and how statuses map. The full contract is exercised against the
 * simulator (libs/simulators/src/social-insurance/social-insurance.adapter.spec.ts).
 */

const SECRET = 'unit-test-secret-77';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('SocialInsuranceHttpAdapter on the wire', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  let answers: { status: number; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, body });
        const answer = answers.shift() ?? { status: 500, body: '' };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    answers = [];
  });

  const notFound = (keys: { employers?: string[]; persons?: string[] }) =>
    JSON.stringify({
      code: 'SUCCESS',
      message: '成功',
      request_id: 'r',
      data: {
        employers: [],
        persons: [],
        not_found: [
          ...(keys.employers ?? []).map((k) => ({ query_type: 'employer', query_key: k })),
          ...(keys.persons ?? []).map((k) => ({ query_type: 'person', query_key: k })),
        ],
      },
    });

  function adapter(base: string, env: Record<string, string> = {}) {
    const config = readSocialInsuranceConfig({
      SOCIAL_INSURANCE_URL: base,
      SOCIAL_INSURANCE_APP_KEY: 'county-gateway-01',
      SOCIAL_INSURANCE_APP_SECRET: SECRET,
      SOCIAL_INSURANCE_CACHE_TTL_MS: '0',
      ...env,
    });
    if (!config) throw new Error('no config');
    return createSocialInsuranceAdapter(config);
  }

  function expectSigned(request: Seen): void {
    const h = request.headers;
    const canonical = canonicalString(
      { method: 'POST', path: request.path, body: request.body },
      String(h['x-timestamp']),
      String(h['x-nonce']),
    );
    const expected = createHmac('sha256', SECRET).update(canonical).digest('base64');
    expect(h['x-signature']).toBe(expected);
    expect(h['x-app-key']).toBe('county-gateway-01');
    expect(Math.abs(Number(h['x-timestamp']) - Date.now())).toBeLessThan(60_000);
  }

  it('signs the full path, a base path prefix included, and the exact body', async () => {
    answers.push({ status: 200, body: notFound({ persons: ['330522198506151235'] }) });
    const a = adapter(`${url}/gateway/si-front/`);
    try {
      expect((await a.persons(['330522198506151235'])).size).toBe(0);
    } finally {
      await a.close();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0].path).toBe('/gateway/si-front/si/api/v1/batch/query');
    expect(JSON.parse(seen[0].body)).toEqual({ employers: [], persons: ['330522198506151235'] });
    expect(seen[0].headers['content-type']).toBe('application/json');
    expectSigned(seen[0]);
  });

  it('signs a retry afresh, with a new nonce', async () => {
    answers.push(
      { status: 503, body: 'Service Unavailable' },
      { status: 200, body: notFound({ employers: ['91330522MA2B7K3Q5E'] }) },
    );
    const a = adapter(url, { SOCIAL_INSURANCE_RETRIES: '1' });
    try {
      await a.employers(['91330522MA2B7K3Q5E']);
    } finally {
      await a.close();
    }
    expect(seen).toHaveLength(2);
    seen.forEach(expectSigned);
    expect(seen[0].headers['x-nonce']).not.toBe(seen[1].headers['x-nonce']);
  });

  it.each([
    [
      401,
      '{"code":"BAD_SIGNATURE","message":"签名校验失败","request_id":"r"}',
      SourceErrorCode.SOURCE_UNAVAILABLE,
      'HTTP 401 BAD_SIGNATURE',
    ],
    [
      400,
      '{"code":"BATCH_TOO_LARGE","message":"…","request_id":"r"}',
      SourceErrorCode.SOURCE_UNAVAILABLE,
      'HTTP 400 BATCH_TOO_LARGE',
    ],
    [403, '<html>forbidden</html>', SourceErrorCode.SOURCE_UNAVAILABLE, 'HTTP 403 no error code'],
    [204, '', SourceErrorCode.SOURCE_INVALID_RESPONSE, 'unexpected HTTP 204'],
    [200, '{"code":"SUCCESS"}', SourceErrorCode.SOURCE_INVALID_RESPONSE, 'body.message'],
  ])('maps HTTP %i answering %s to %s (%s)', async (status, body, code, message) => {
    answers.push({ status, body });
    const a = adapter(url, { SOCIAL_INSURANCE_RETRIES: '0' });
    try {
      await expect(a.employers(['91330522MA2B7K3Q5E'])).rejects.toMatchObject({
        code,
        source: 'social-insurance',
        message: expect.stringContaining(message) as unknown,
      });
    } finally {
      await a.close();
    }
  });

  describe('the change feed', () => {
    const item = (recordNo: string, updatedAt: string) => ({
      record_type: 'person',
      record_no: recordNo,
      updated_at: updatedAt,
      person: {
        personal_no: recordNo,
        social_security_no: '330522198506151235',
        cert_type: '01',
        name: '张伟',
        person_category: '11',
        insured_place: '330522',
        lines: [
          {
            insurance_type: '110',
            participation_status: '1',
            contribution_base: 6852,
            cumulative_months: 182,
            first_insured_date: '20110301',
          },
        ],
        cross_region_medical_filings: [],
      },
    });
    const page = (records: unknown[], hasMore: boolean) =>
      JSON.stringify({
        code: 'SUCCESS',
        message: '成功',
        request_id: 'r',
        data: { records, has_more: hasMore },
      });

    function expectSignedGet(request: Seen): URLSearchParams {
      const url = new URL(request.path, 'http://x');
      const h = request.headers;
      const canonical = canonicalString(
        {
          method: 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: '',
        },
        String(h['x-timestamp']),
        String(h['x-nonce']),
      );
      expect(h['x-signature']).toBe(
        createHmac('sha256', SECRET).update(canonical).digest('base64'),
      );
      return url.searchParams;
    }

    it('asks with the cursor in 北京时间 and the page size, signed with the query, never cached', async () => {
      answers.push(
        { status: 200, body: page([item('SI-PER-000124', '20261015093013')], true) },
        { status: 200, body: page([item('SI-PER-000124', '20261015093013')], true) },
      );
      const a = adapter(`${url}/front`, { SOCIAL_INSURANCE_CACHE_TTL_MS: '60000' });
      const after = { changedAt: new Date('2026-10-15T01:30:12Z'), localId: 'SI-PER-000123' };
      try {
        const first = await a.changes(after, 50);
        expect(first.records.map((r) => r.localId)).toEqual(['SI-PER-000124']);
        expect(first.records[0].changedAt).toEqual(new Date('2026-10-15T01:30:13Z'));
        expect(first.next).toEqual({
          changedAt: first.records[0].changedAt,
          localId: 'SI-PER-000124',
        });
        expect(first.hasMore).toBe(true);
        await a.changes(after, 50);
      } finally {
        await a.close();
      }
      expect(seen).toHaveLength(2);
      expect(seen[0].path.startsWith('/front/si/api/v1/changes?')).toBe(true);
      const query = expectSignedGet(seen[0]);
      expect(Object.fromEntries(query)).toEqual({
        page_size: '50',
        updated_after: '20261015093012',
        after_record_no: 'SI-PER-000123',
      });
      expect(seen[1].headers['x-nonce']).not.toBe(seen[0].headers['x-nonce']);
    });

    it('asks from the start without a cursor, at most 500 a page; refuses a limit below 1', async () => {
      answers.push({ status: 200, body: page([], false) });
      const a = adapter(url);
      try {
        expect(await a.changes(null, 10_000)).toEqual({ records: [], next: null, hasMore: false });
        await expect(a.changes(null, 0)).rejects.toBeInstanceOf(RangeError);
        await expect(a.changes(null, 2.5)).rejects.toBeInstanceOf(RangeError);
      } finally {
        await a.close();
      }
      expect(seen).toHaveLength(1);
      expect(Object.fromEntries(expectSignedGet(seen[0]))).toEqual({ page_size: '500' });
    });

    it('drops records of the cursor’s own second when the cursor has milliseconds, asking on', async () => {
      // Cursor 09:30:12.500: everything stored at 09:30:12 is before it, whatever its number.
      answers.push(
        { status: 200, body: page([item('SI-PER-000200', '20261015093012')], true) },
        { status: 200, body: page([item('SI-PER-000001', '20261015093013')], false) },
      );
      const a = adapter(url);
      const after = { changedAt: new Date('2026-10-15T01:30:12.500Z'), localId: 'SI-PER-000100' };
      try {
        const read = await a.changes(after, 1);
        expect(read.records.map((r) => r.localId)).toEqual(['SI-PER-000001']);
        expect(read.hasMore).toBe(false);
      } finally {
        await a.close();
      }
      expect(seen).toHaveLength(2);
      expect(Object.fromEntries(new URL(seen[1].path, 'http://x').searchParams)).toEqual({
        page_size: '1',
        updated_after: '20261015093012',
        after_record_no: 'SI-PER-000200',
      });
    });

    it('refuses a page that repeats the cursor as SOURCE_INVALID_RESPONSE, without retrying', async () => {
      answers.push({ status: 200, body: page([item('SI-PER-000123', '20261015093012')], false) });
      const a = adapter(url, { SOCIAL_INSURANCE_RETRIES: '2' });
      const after = { changedAt: new Date('2026-10-15T01:30:12Z'), localId: 'SI-PER-000123' };
      try {
        await expect(a.changes(after, 10)).rejects.toMatchObject({
          code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
        });
      } finally {
        await a.close();
      }
      expect(seen).toHaveLength(1);
    });
  });
});
