import { SpanKind, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { DepartmentSimulatorHost } from '../../apps/gateway/src/departments/department-simulator-host';
import { shutdownTracing, startTracing } from '../../apps/gateway/src/tracing/tracing';
import { describeGateway, type TestGateway } from '../support/gateway';
import {
  enterpriseInAllFour,
  FOUR_DEPARTMENT_CALLS,
  FOUR_DEPARTMENTS_QUERY,
} from '../support/four-departments';

/**
 * Operations: with OTEL_TRACES_EXPORTER=otlp every GraphQL request is a
 * server span named after its operation, with one child span per department
 * call (department, operation, outcome, attempts, HTTP status — no
 * identifier, no value); with the default `none` no SDK runs and no span is
 * made. Spans go to memory here instead of an OTLP collector.
 */
const DEPARTMENT_ENV: Record<string, string> = {};
for (const prefix of ['PROJECT_APPROVAL', 'LAND_PLANNING', 'TAX', 'SOCIAL_INSURANCE']) {
  DEPARTMENT_ENV[`${prefix}_TIMEOUT_MS`] = '10000';
  DEPARTMENT_ENV[`${prefix}_CACHE_TTL_MS`] = '0';
}

/** The spans finished so far, once the request's server span has ended (it ends after the answer has gone). */
async function finishedSpans(exporter: InMemorySpanExporter): Promise<ReadableSpan[]> {
  for (let i = 0; i < 50; i++) {
    if (exporter.getFinishedSpans().some((s) => s.kind === SpanKind.SERVER)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return exporter.getFinishedSpans();
}

describeGateway(
  'tracing off (the default)',
  (gateway: TestGateway) => {
    it('starts no SDK and makes no span', async () => {
      const exporter = new InMemorySpanExporter();
      expect(
        startTracing(GatewayConfig.from({}), { spanProcessor: new SimpleSpanProcessor(exporter) }),
      ).toBe(false);
      const uscc = enterpriseInAllFour(gateway.app.get(DepartmentSimulatorHost).simulators());
      const res = await gateway.graphql(FOUR_DEPARTMENTS_QUERY, { v: uscc });
      expect(res.errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 100));
      expect(exporter.getFinishedSpans()).toEqual([]);
      expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    });
  },
  DEPARTMENT_ENV,
);

describeGateway(
  'tracing with OTEL_TRACES_EXPORTER=otlp',
  (gateway: TestGateway) => {
    const exporter = new InMemorySpanExporter();
    let uscc: string;

    beforeAll(() => {
      expect(
        startTracing(GatewayConfig.from({ OTEL_TRACES_EXPORTER: 'otlp' }), {
          spanProcessor: new SimpleSpanProcessor(exporter),
        }),
      ).toBe(true);
      uscc = enterpriseInAllFour(gateway.app.get(DepartmentSimulatorHost).simulators());
    });
    afterAll(() => shutdownTracing());
    beforeEach(() => exporter.reset());

    it('makes a server span for the operation with one child span per department call', async () => {
      const res = await gateway.graphql<{ applicantByIdentifier: { id: string } | null }>(
        FOUR_DEPARTMENTS_QUERY,
        {
          v: uscc,
        },
      );
      expect(res.errors).toBeUndefined();
      const applicantId = res.data?.applicantByIdentifier?.id;
      const spans = await finishedSpans(exporter);

      const servers = spans.filter((s) => s.kind === SpanKind.SERVER);
      expect(servers).toHaveLength(1);
      const [server] = servers;
      expect(server.name).toBe('query FourDepartments');
      expect(server.parentSpanContext).toBeUndefined();
      expect(server.attributes).toMatchObject({
        'graphql.operation.type': 'query',
        'graphql.operation.name': 'FourDepartments',
        'oncegate.outcome': 'OK',
        'http.request.method': 'POST',
        'http.response.status_code': 200,
      });
      expect(server.resource.attributes['service.name']).toBe('oncegate-gateway');

      const calls = spans.filter((s) => s.kind === SpanKind.CLIENT);
      expect(calls.map((s) => s.name).sort()).toEqual(
        FOUR_DEPARTMENT_CALLS.map(([d, op]) => `department ${d} ${op}`).sort(),
      );
      for (const [department, operation] of FOUR_DEPARTMENT_CALLS) {
        const span = calls.find((s) => s.name === `department ${department} ${operation}`)!;
        expect(span.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
        expect(span.spanContext().traceId).toBe(server.spanContext().traceId);
        expect(span.attributes).toEqual({
          'oncegate.department': department,
          'oncegate.department.operation': operation,
          'oncegate.department.outcome': 'ok',
          'oncegate.department.attempts': 1,
          'http.response.status_code': 200,
        });
      }
      // Names and attributes carry no identifier and no applicant id.
      const described = JSON.stringify(
        spans.map((s) => [s.name, s.attributes, s.events, s.status]),
      );
      expect(described).not.toContain(uscc);
      expect(described).not.toContain(applicantId);
    });

    it('continues the caller’s trace from its traceparent', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const parentId = '00f067aa0ba902b7';
      await gateway.graphql(
        'query Procedures { procedures { code } }',
        {},
        {
          traceparent: `00-${traceId}-${parentId}-01`,
        },
      );
      const [server] = (await finishedSpans(exporter)).filter((s) => s.kind === SpanKind.SERVER);
      expect(server.name).toBe('query Procedures');
      expect(server.spanContext().traceId).toBe(traceId);
      expect(server.parentSpanContext?.spanId).toBe(parentId);
    });

    it('traces a refused request, and a batch as one span with an event per operation', async () => {
      const refused = await gateway
        .http()
        .post('/graphql')
        .set({ 'Content-Type': 'application/json', 'X-Purpose': 'ONE_STOP_SERVICE' })
        .send({ query: '{ procedures { code } }' });
      expect(refused.status).toBe(401);
      const [denied] = (await finishedSpans(exporter)).filter((s) => s.kind === SpanKind.SERVER);
      expect(denied.name).toBe('POST /graphql');
      expect(denied.attributes['http.response.status_code']).toBe(401);

      exporter.reset();
      const batch = await gateway
        .http()
        .post('/graphql')
        .set({ 'Content-Type': 'application/json', ...(await gateway.as('default')) })
        .send([{ query: 'query A { procedures { code } }' }, { query: '{ nope }' }]);
      expect(batch.status).toBe(200);
      const [server] = (await finishedSpans(exporter)).filter((s) => s.kind === SpanKind.SERVER);
      expect(server.name).toBe('POST /graphql');
      expect(
        server.events
          .map((e) => e.attributes)
          .sort((a, b) =>
            String(a?.['graphql.operation.name']).localeCompare(
              String(b?.['graphql.operation.name']),
            ),
          ),
      ).toEqual([
        {
          'graphql.operation.type': 'query',
          'graphql.operation.name': 'A',
          'oncegate.outcome': 'OK',
        },
        {
          'graphql.operation.type': 'unknown',
          'graphql.operation.name': 'anonymous',
          'oncegate.outcome': 'ERROR',
        },
      ]);
    });
  },
  { ...DEPARTMENT_ENV, OTEL_TRACES_EXPORTER: 'otlp' },
);
