import { DataSource } from 'typeorm';
import { RateLimiter } from '../../apps/gateway/src/access/limits/rate-limiter';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { describeGateway, type TestGateway } from '../support/gateway';

/**
 * Abuse limits: query depth, aliases, cost (lists weighted by their size,
 * variables included), batch size and body size are refused with stable
 * codes before anything runs; each consumer has a rate limit, shared through
 * Redis when one is configured; browsers' simple requests are refused
 * (CSRF); nothing refused has any effect.
 */
const LIMITS = {
  GRAPHQL_MAX_DEPTH: '4',
  GRAPHQL_MAX_ALIASES: '3',
  GRAPHQL_MAX_COST: '400',
  GRAPHQL_ASSUMED_LIST_SIZE: '10',
  GRAPHQL_MAX_BATCH: '2',
  GRAPHQL_MAX_BODY_BYTES: '4096',
  RATE_LIMIT_PER_MINUTE: '0',
};

/** The Redis the shared-limit test uses: TEST_REDIS_URL, else the local one. */
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const codes = (res: { errors?: { extensions: Record<string, unknown> }[] }) =>
  res.errors?.map((e) => e.extensions.code) ?? [];

describeGateway(
  'query limits',
  (gateway: TestGateway) => {
    const post = async (body: unknown, headers: Record<string, string> = {}) =>
      gateway
        .http()
        .post('/graphql')
        .set({ 'Content-Type': 'application/json', ...(await gateway.as('eservice')), ...headers })
        .send(body as object);

    it('refuses a query deeper than GRAPHQL_MAX_DEPTH, but not introspection', async () => {
      const deep = await gateway.graphql(
        '{ searchApplicants(name: "有限", first: 1) { landParcels { landUsePlanningPermit { certNo } transferContract { buildingDensityPercent { min } } } } }',
      );
      expect(deep.status).toBe(400);
      expect(deep.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', maxDepth: 4 });
      const shallow = await gateway.graphql(
        '{ searchApplicants(name: "有限", first: 1) { landParcels { landUsePlanningPermit { certNo } } } }',
      );
      expect(codes(shallow)).not.toContain('QUERY_TOO_COMPLEX');
      const introspection = await gateway.graphql(
        '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }',
      );
      expect(introspection.errors).toBeUndefined();
    });

    it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
      const aliases = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `p${i}: procedures { code }`).join(' ')} }`;
      expect((await gateway.graphql(aliases(3))).errors).toBeUndefined();
      const over = await gateway.graphql(aliases(4));
      expect(over.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', maxAliases: 3 });
    });

    it('weighs lists by their size, variables included, and refuses what costs more than GRAPHQL_MAX_COST', async () => {
      const query =
        'query($n: Int!) { searchApplicants(name: "有限", first: $n) { name tax { status } projects { name } } }';
      // 1 + n × (name 1 + tax 2 + projects 1 + 10 × 1) = 1 + 14n
      const small = await gateway.graphql(query, { n: 10 });
      expect(codes(small)).not.toContain('QUERY_TOO_COMPLEX');
      const big = await gateway.graphql(query, { n: 30 });
      expect(big.status).toBe(400);
      expect(big.errors?.[0].extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        cost: 421,
        maxCost: 400,
      });
      expect(big.data).toBeUndefined();
    });

    it('takes a batch up to GRAPHQL_MAX_BATCH operations, and refuses a larger one whole', async () => {
      const op = { query: '{ procedures { code } }' };
      const two = await post([op, op]);
      expect(two.status).toBe(200);
      expect(two.body).toHaveLength(2);
      const three = await post([op, op, op]);
      expect(three.status).toBe(400);
      expect(three.body.errors[0].extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        maxBatch: 2,
        batch: 3,
      });
    });

    it('refuses a body over GRAPHQL_MAX_BODY_BYTES with 413', async () => {
      const res = await post({ query: `{ procedures { code } } # ${'x'.repeat(5000)}` });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
    });

    it('refuses a browser’s simple request (CSRF), and it has no effect', async () => {
      const before = await gateway.app
        .get(DataSource)
        .query<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM data_grants');
      const res = await gateway
        .http()
        .post('/graphql')
        .set({ 'Content-Type': 'text/plain', ...(await gateway.as('eservice')) })
        .send(
          JSON.stringify({
            query:
              'mutation { requestDataGrant(input: { items: ["tax.credit-rating"], basis: "跨站请求伪造" }) { id } }',
          }),
        );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/Cross-Site Request Forgery/);
      const after = await gateway.app
        .get(DataSource)
        .query<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM data_grants');
      expect(Number(after[0].n)).toBe(Number(before[0].n));
    });
  },
  LIMITS,
);

describeGateway(
  'rate limits in memory',
  (gateway: TestGateway) => {
    it('refuses a consumer over RATE_LIMIT_PER_MINUTE with 429 and Retry-After, and not the others', async () => {
      const send = async (caller: 'eservice' | 'steward') =>
        gateway
          .http()
          .post('/graphql')
          .set({ 'Content-Type': 'application/json', ...(await gateway.as(caller)) })
          .send({ query: '{ procedures { code } }' });
      for (let i = 0; i < 3; i++) expect((await send('eservice')).status).toBe(200);
      const refused = await send('eservice');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
      });
      expect((await send('steward')).status).toBe(200);
    });
  },
  { RATE_LIMIT_PER_MINUTE: '3' },
);

describeGateway(
  'rate limits shared through Redis',
  (gateway: TestGateway) => {
    it('counts a consumer’s requests to every replica together', async () => {
      const headers = { 'Content-Type': 'application/json', ...(await gateway.as('eservice')) };
      const send = () =>
        gateway.http().post('/graphql').set(headers).send({ query: '{ procedures { code } }' });
      expect((await send()).status).toBe(200);
      // Another replica (its own limiter, the same Redis) takes the rest of this consumer's minute.
      const consumerId = (
        await gateway.app
          .get(DataSource)
          .query<{ id: string }[]>("SELECT id FROM consumers WHERE name = 'test-eservice'")
      )[0].id;
      const replica = new RateLimiter(
        GatewayConfig.from({ RATE_LIMIT_PER_MINUTE: '4', REDIS_URL: REDIS }),
      );
      await replica.onModuleInit();
      try {
        for (let i = 0; i < 3; i++)
          expect(await replica.consume(consumerId)).toEqual({ allowed: true });
        expect(await replica.consume(consumerId)).toMatchObject({ allowed: false });
      } finally {
        replica.onModuleDestroy();
      }
      expect((await send()).status).toBe(429);
    });
  },
  { RATE_LIMIT_PER_MINUTE: '4', REDIS_URL: REDIS },
);

describeGateway(
  'rate limits when Redis is down',
  (gateway: TestGateway) => {
    it('keeps counting in memory instead of failing open or closed', async () => {
      const headers = { 'Content-Type': 'application/json', ...(await gateway.as('eservice')) };
      const send = () =>
        gateway.http().post('/graphql').set(headers).send({ query: '{ procedures { code } }' });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(429);
    });
  },
  { RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: 'redis://127.0.0.1:1/0' },
);
