import { GatewayConfig } from '../config/gateway.config';
import { Metrics } from './metrics';
import type { OutboxBacklog, OutboxBacklogFigures } from './outbox-backlog';

function metricsWith(
  env: Record<string, string> = {},
  read: () => Promise<OutboxBacklogFigures> = () =>
    Promise.resolve({ pending: 4, due: 2, dead: 1, oldestPendingAgeSeconds: 12.5 }),
): Metrics {
  return new Metrics(GatewayConfig.from(env), { read } as unknown as OutboxBacklog);
}

describe('Metrics', () => {
  it('keeps a registry per instance: two gateways in one process count apart', async () => {
    const a = metricsWith();
    const b = metricsWith();
    a.rateLimited('tax-core-system');
    a.rateLimited('tax-core-system');
    b.rateLimited('tax-core-system');
    expect(await a.scrape()).toContain(
      'oncegate_rate_limit_refusals_total{consumer="tax-core-system"} 2',
    );
    expect(await b.scrape()).toContain(
      'oncegate_rate_limit_refusals_total{consumer="tax-core-system"} 1',
    );
  });

  it('counts department calls by outcome, failures by kind, and reads each breaker at scrape time', async () => {
    const metrics = metricsWith();
    let state: 'closed' | 'half-open' | 'open' = 'closed';
    metrics.policyCreated({
      source: 'tax',
      get breakerState() {
        return state;
      },
    });
    const call = { department: 'tax', operation: 'taxpayers', durationSeconds: 0.2 } as const;
    metrics.callFinished({ ...call, outcome: 'ok', attempts: 1 });
    metrics.callFinished({ ...call, outcome: 'timeout', attempts: 2 });
    let text = await metrics.scrape();
    expect(text).toContain(
      'oncegate_department_call_duration_seconds_count{department="tax",operation="taxpayers",outcome="ok"} 1',
    );
    expect(text).toContain(
      'oncegate_department_call_errors_total{department="tax",operation="taxpayers",kind="timeout"} 1',
    );
    expect(text).not.toContain('kind="ok"');
    expect(text).toContain('oncegate_department_circuit_state{department="tax"} 0');
    state = 'half-open';
    expect(await metrics.scrape()).toContain(
      'oncegate_department_circuit_state{department="tax"} 1',
    );
    state = 'open';
    text = await metrics.scrape();
    expect(text).toContain('oncegate_department_circuit_state{department="tax"} 2');
  });

  it('labels GraphQL operations by bounded name and outcome, and times them by type', async () => {
    const metrics = metricsWith();
    metrics.graphqlOperation({ name: 'Q', type: 'query', outcome: 'OK', seconds: 0.03 });
    metrics.graphqlOperation({
      name: '110105194912310020',
      type: 'query',
      outcome: 'ERROR',
      seconds: 0.01,
    });
    metrics.graphqlRefused(null);
    const text = await metrics.scrape();
    expect(text).toContain('oncegate_graphql_requests_total{operation="Q",outcome="OK"} 1');
    expect(text).toContain('oncegate_graphql_requests_total{operation="other",outcome="ERROR"} 1');
    expect(text).toContain(
      'oncegate_graphql_requests_total{operation="anonymous",outcome="DENIED"} 1',
    );
    expect(text).toContain(
      'oncegate_graphql_request_duration_seconds_count{operation_type="query"} 2',
    );
    expect(text).not.toContain('110105194912310020');
  });

  it('records audit batches: their size, and how long the write took by outcome', async () => {
    const metrics = metricsWith();
    metrics.auditAppended(7, 0.004, true);
    metrics.auditAppended(3, 0.5, false);
    const text = await metrics.scrape();
    expect(text).toContain('oncegate_audit_batch_size_sum 10');
    expect(text).toContain('oncegate_audit_batch_size_count 2');
    expect(text).toContain('oncegate_audit_append_duration_seconds_count{outcome="ok"} 1');
    expect(text).toContain(
      'oncegate_audit_append_duration_seconds_bucket{le="0.005",outcome="ok"} 1',
    );
    expect(text).toContain('oncegate_audit_append_duration_seconds_count{outcome="error"} 1');
  });

  it('reports the outbox at scrape time, and leaves its series out when the database cannot be read', async () => {
    let fail = false;
    const metrics = metricsWith({}, () =>
      fail
        ? Promise.reject(new Error('database down'))
        : Promise.resolve({ pending: 4, due: 2, dead: 1, oldestPendingAgeSeconds: 12.5 }),
    );
    let text = await metrics.scrape();
    expect(text).toContain('oncegate_outbox_deliveries{state="pending"} 4');
    expect(text).toContain('oncegate_outbox_deliveries{state="due"} 2');
    expect(text).toContain('oncegate_outbox_deliveries{state="dead"} 1');
    expect(text).toContain('oncegate_outbox_oldest_age_seconds{state="pending"} 12.5');
    fail = true;
    text = await metrics.scrape();
    expect(text).not.toMatch(/^oncegate_outbox_deliveries\{/m);
    expect(text).not.toMatch(/^oncegate_outbox_oldest_age_seconds\{/m);
    // The rest is still there.
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps nothing with METRICS=off', async () => {
    const metrics = metricsWith({ METRICS: 'off' });
    expect(metrics.enabled).toBe(false);
    metrics.rateLimited('tax-core-system');
    metrics.graphqlOperation({ name: 'Q', type: 'query', outcome: 'OK', seconds: 0.03 });
    metrics.callFinished({
      department: 'tax',
      operation: 'taxpayers',
      outcome: 'ok',
      durationSeconds: 0.1,
      attempts: 1,
    });
    metrics.auditAppended(1, 0.001, true);
    expect((await metrics.scrape()).trim()).toBe('');
  });
});
