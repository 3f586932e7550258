import { randomUUID } from 'node:crypto';
import type { DepartmentSimulators } from '@oncegate/simulators';
import { ApplicationRepository, AuditRepository } from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { DepartmentSimulatorHost } from '../../apps/gateway/src/departments/department-simulator-host';
import { describeGateway, type TestGateway } from '../support/gateway';
import {
  enterpriseInAllFour,
  FOUR_DEPARTMENT_CALLS,
  FOUR_DEPARTMENTS_QUERY,
} from '../support/four-departments';

/**
 * Operations: Prometheus scrapes `GET /metrics` with no key; it sees every
 * GraphQL operation by name and outcome, the department calls and their
 * breakers, the audit trail's writes, the outbox's backlog and the rate
 * limit's refusals — with no applicant's id or identifier in any label — and
 * its scrapes are neither audited nor rate limited.
 */
const DEPARTMENT_ENV: Record<string, string> = { DELIVERY_WORKER: 'false' };
for (const prefix of ['PROJECT_APPROVAL', 'LAND_PLANNING', 'TAX', 'SOCIAL_INSURANCE']) {
  DEPARTMENT_ENV[`${prefix}_TIMEOUT_MS`] = '10000';
  DEPARTMENT_ENV[`${prefix}_CACHE_TTL_MS`] = '0';
}
// Tax: one retry, and a breaker that opens after two failed attempts (one failing call).
Object.assign(DEPARTMENT_ENV, {
  TAX_RETRIES: '1',
  TAX_BREAKER_THRESHOLD: '2',
  TAX_BREAKER_HALF_OPEN_MS: '300',
});

/** One sample of the Prometheus text format, by name and (a subset of) its labels. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(gateway: TestGateway): Promise<string> {
  const res = await gateway.http().get('/metrics');
  expect(res.status).toBe(200);
  return res.text;
}

describeGateway(
  'metrics',
  (gateway: TestGateway) => {
    let sims: DepartmentSimulators;
    let uscc: string;
    const deliveryKey = `metrics-${randomUUID()}`;

    beforeAll(async () => {
      sims = gateway.app.get(DepartmentSimulatorHost).simulators();
      uscc = enterpriseInAllFour(sims);
      // A delivery waiting for an hour (the worker is off), before anything has scraped the outbox.
      await gateway.app.get(ApplicationRepository).enqueue([
        {
          kind: 'CHANGE_NOTICE',
          applicationId: null,
          procedure: null,
          target: 'tax',
          idempotencyKey: deliveryKey,
          payload: {},
        },
      ]);
      const dataSource = gateway.app.get(DataSource);
      const deliveries = dataSource.entityMetadatas.find((m) => m.tableName === 'deliveries')!;
      await dataSource
        .getRepository(deliveries.target)
        .update({ idempotencyKey: deliveryKey }, { createdAt: new Date(Date.now() - 3_600_000) });
    });
    afterEach(() => {
      for (const d of ['project-approval', 'land-planning', 'tax', 'social-insurance'] as const)
        sims.simulator(d).faults.reset();
    });

    it('serves the Prometheus text format with no key, default process metrics included, and audits no scrape', async () => {
      const audit = gateway.app.get(AuditRepository);
      const before = await audit.head();
      const res = await gateway.http().get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(sample(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(res.text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
      // A key that is not one changes nothing: the access middleware is not in the way.
      const withBadKey = await gateway
        .http()
        .get('/metrics')
        .set('Authorization', 'Bearer og_not-a-key');
      expect(withBadKey.status).toBe(200);
      expect((await audit.head()).seq).toBe(before.seq);
    });

    it('reports the outbox backlog from the database: pending, due, dead and the oldest one’s age', async () => {
      const text = await scrape(gateway);
      expect(sample(text, 'oncegate_outbox_deliveries', { state: 'pending' })).toBe(1);
      expect(sample(text, 'oncegate_outbox_deliveries', { state: 'due' })).toBe(1);
      expect(sample(text, 'oncegate_outbox_deliveries', { state: 'dead' })).toBe(0);
      const age = sample(text, 'oncegate_outbox_oldest_age_seconds', { state: 'pending' });
      expect(age).toBeGreaterThanOrEqual(3600);
      expect(age).toBeLessThan(3600 + 600);
    });

    it('counts a four-department query by name and outcome, times it, and shows its department calls, breakers and audit write', async () => {
      const before = await scrape(gateway);
      const res = await gateway.graphql<{ applicantByIdentifier: { id: string } | null }>(
        FOUR_DEPARTMENTS_QUERY,
        {
          v: uscc,
        },
      );
      expect(res.errors).toBeUndefined();
      const applicantId = res.data?.applicantByIdentifier?.id;
      expect(applicantId).toBeTruthy();
      const after = await scrape(gateway);
      const delta = (name: string, labels: Record<string, string> = {}) =>
        (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);

      expect(
        delta('oncegate_graphql_requests_total', { operation: 'FourDepartments', outcome: 'OK' }),
      ).toBe(1);
      expect(
        delta('oncegate_graphql_request_duration_seconds_count', { operation_type: 'query' }),
      ).toBe(1);
      expect(
        sample(after, 'oncegate_graphql_request_duration_seconds_bucket', {
          operation_type: 'query',
          le: '+Inf',
        }),
      ).toBeGreaterThanOrEqual(1);
      for (const [department, operation] of FOUR_DEPARTMENT_CALLS) {
        expect(
          delta('oncegate_department_call_duration_seconds_count', {
            department,
            operation,
            outcome: 'ok',
          }),
        ).toBe(1);
        expect(sample(after, 'oncegate_department_circuit_state', { department })).toBe(0);
      }
      expect(
        delta('oncegate_audit_append_duration_seconds_count', { outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      expect(delta('oncegate_audit_batch_size_count')).toBeGreaterThanOrEqual(1);
      expect(delta('oncegate_audit_batch_size_sum')).toBeGreaterThanOrEqual(1);
      // Fixed names only: no identifier, no applicant id.
      expect(after).not.toContain(uscc);
      expect(after).not.toContain(applicantId);
    });

    it('labels PARTIAL answers and department failures, and shows the breaker open then closed again', async () => {
      const before = await scrape(gateway);
      sims.simulator('tax').faults.update({ down: true });
      const partial = await gateway.graphql(FOUR_DEPARTMENTS_QUERY, { v: uscc });
      expect(partial.errors?.map((e) => e.extensions.code)).toEqual(['SOURCE_UNAVAILABLE']);
      const down = await scrape(gateway);
      const delta = (text: string, name: string, labels: Record<string, string>) =>
        (sample(text, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
      expect(
        delta(down, 'oncegate_graphql_requests_total', {
          operation: 'FourDepartments',
          outcome: 'PARTIAL',
        }),
      ).toBe(1);
      expect(
        delta(down, 'oncegate_department_call_errors_total', {
          department: 'tax',
          operation: 'taxpayers',
          kind: 'unavailable',
        }),
      ).toBe(1);
      expect(
        delta(down, 'oncegate_department_call_duration_seconds_count', {
          department: 'tax',
          operation: 'taxpayers',
          outcome: 'unavailable',
        }),
      ).toBe(1);
      // Two failed attempts (one retry) opened tax's breaker; the others are untouched.
      expect(sample(down, 'oncegate_department_circuit_state', { department: 'tax' })).toBe(2);
      expect(
        sample(down, 'oncegate_department_circuit_state', { department: 'land-planning' }),
      ).toBe(0);

      // Failing fast while open: the department is not asked.
      await gateway.graphql(FOUR_DEPARTMENTS_QUERY, { v: uscc });
      const open = await scrape(gateway);
      expect(
        delta(open, 'oncegate_department_call_errors_total', {
          department: 'tax',
          operation: 'taxpayers',
          kind: 'circuit_open',
        }),
      ).toBe(1);

      // Back up: after BREAKER_HALF_OPEN_MS one trial call goes through and closes it.
      sims.simulator('tax').faults.reset();
      await new Promise((r) => setTimeout(r, 400));
      const again = await gateway.graphql(FOUR_DEPARTMENTS_QUERY, { v: uscc });
      expect(again.errors).toBeUndefined();
      expect(
        sample(await scrape(gateway), 'oncegate_department_circuit_state', { department: 'tax' }),
      ).toBe(0);
    });

    it('names anonymous operations, and bounds names that are not plain names or not one of the operation', async () => {
      const before = await scrape(gateway);
      await gateway.graphql('{ procedures { code } }');
      const send = (operationName: string) =>
        gateway.as('default').then((headers) =>
          gateway
            .http()
            .post('/graphql')
            .set({ 'Content-Type': 'application/json', ...headers })
            .send({ query: 'query Procedures { procedures { code } }', operationName }),
        );
      // Not an operation of the document: an error, whatever the name says.
      expect((await send('91340123MA2D5HHA6P')).status).toBe(400);
      expect((await send(`Q${'x'.repeat(64)}`)).status).toBe(400);
      const after = await scrape(gateway);
      const delta = (labels: Record<string, string>) =>
        (sample(after, 'oncegate_graphql_requests_total', labels) ?? 0) -
        (sample(before, 'oncegate_graphql_requests_total', labels) ?? 0);
      expect(delta({ operation: 'anonymous', outcome: 'OK' })).toBe(1);
      expect(delta({ operation: 'other', outcome: 'ERROR' })).toBe(2);
      expect(after).not.toContain('91340123MA2D5HHA6P');
    });

    it('counts an answer the audit trail could not record as the ERROR the caller got, and the failed write', async () => {
      const before = await scrape(gateway);
      const dataSource = gateway.app.get(DataSource);
      await dataSource.query('ALTER TABLE audit_records RENAME TO audit_records_away');
      try {
        const res = await gateway.graphql('query Unrecorded { procedures { code } }');
        expect(res.status).toBe(503);
      } finally {
        await dataSource.query('ALTER TABLE audit_records_away RENAME TO audit_records');
      }
      const after = await scrape(gateway);
      const delta = (name: string, labels: Record<string, string>) =>
        (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
      expect(
        delta('oncegate_graphql_requests_total', { operation: 'Unrecorded', outcome: 'ERROR' }),
      ).toBe(1);
      expect(
        delta('oncegate_graphql_requests_total', { operation: 'Unrecorded', outcome: 'OK' }),
      ).toBe(0);
      expect(delta('oncegate_audit_append_duration_seconds_count', { outcome: 'error' })).toBe(1);
    });

    it('counts a request refused at the door as DENIED under the operationName it sent', async () => {
      const before = await scrape(gateway);
      const res = await gateway
        .http()
        .post('/graphql')
        .set({ 'Content-Type': 'application/json', 'X-Purpose': 'ONE_STOP_SERVICE' })
        .send({ query: 'query NoKey { procedures { code } }', operationName: 'NoKey' });
      expect(res.status).toBe(401);
      const after = await scrape(gateway);
      const labels = { operation: 'NoKey', outcome: 'DENIED' };
      expect(
        (sample(after, 'oncegate_graphql_requests_total', labels) ?? 0) -
          (sample(before, 'oncegate_graphql_requests_total', labels) ?? 0),
      ).toBe(1);
    });
  },
  DEPARTMENT_ENV,
);

describeGateway(
  'metrics of the rate limit',
  (gateway: TestGateway) => {
    it('counts RATE_LIMITED refusals by consumer, and never limits or audits the scrapes', async () => {
      const send = async (caller: 'eservice' | 'steward') =>
        gateway
          .http()
          .post('/graphql')
          .set({ 'Content-Type': 'application/json', ...(await gateway.as(caller)) })
          .send({
            query: 'query Procedures { procedures { code } }',
            operationName: 'Procedures',
          });
      expect((await send('eservice')).status).toBe(200);
      expect((await send('eservice')).status).toBe(200);
      expect((await send('eservice')).status).toBe(429);
      expect((await send('eservice')).status).toBe(429);
      expect((await send('steward')).status).toBe(200);
      const audit = gateway.app.get(AuditRepository);
      const head = await audit.head();
      let text = '';
      for (let i = 0; i < 5; i++) text = await scrape(gateway);
      expect((await audit.head()).seq).toBe(head.seq);
      expect(
        sample(text, 'oncegate_rate_limit_refusals_total', { consumer: 'test-eservice' }),
      ).toBe(2);
      expect(
        sample(text, 'oncegate_rate_limit_refusals_total', { consumer: 'test-steward' }),
      ).toBeUndefined();
      expect(
        sample(text, 'oncegate_graphql_requests_total', {
          operation: 'Procedures',
          outcome: 'DENIED',
        }),
      ).toBe(2);
      expect(
        sample(text, 'oncegate_graphql_requests_total', { operation: 'Procedures', outcome: 'OK' }),
      ).toBe(3);
    });
  },
  { RATE_LIMIT_PER_MINUTE: '2' },
);

describeGateway(
  'metrics off',
  (gateway: TestGateway) => {
    it('serves no /metrics with METRICS=off, and answers GraphQL as before', async () => {
      expect((await gateway.http().get('/metrics')).status).toBe(404);
      const res = await gateway.graphql('{ procedures { code } }');
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
    });
  },
  { METRICS: 'off' },
);
