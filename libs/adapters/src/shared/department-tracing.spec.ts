import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { DepartmentCallPolicy } from './department-call-policy';
import { DepartmentSpanAttributes } from './department-tracing';
import { HttpJsonClient } from './http-json-client';
import { SourceError } from './source-error';

const config = { timeoutMs: 5000, retries: 2, breakerThreshold: 3, breakerHalfOpenAfterMs: 100 };

describe('department calls without tracing', () => {
  it('send no traceparent and make no recording span', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = new HttpJsonClient('tax', `http://127.0.0.1:${port(server)}`, {
      maxConnections: 1,
    });
    try {
      const recording = await new DepartmentCallPolicy('tax', config).read('taxpayers', () =>
        Promise.resolve(trace.getActiveSpan()?.isRecording() ?? false),
      );
      expect(recording).toBe(false);
      await new DepartmentCallPolicy('tax', config).read('taxpayers', (signal) =>
        client.request({ method: 'GET', path: '/x', signal }),
      );
      expect(seen[0].traceparent).toBeUndefined();
    } finally {
      await client.close();
      server.close();
    }
  });
});

describe('department calls with tracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let server: Server;
  let client: HttpJsonClient;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    provider.register();
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.statusCode = req.url === '/down' ? 503 : 200;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    client = new HttpJsonClient('land-planning', `http://127.0.0.1:${port(server)}`, {
      maxConnections: 2,
    });
  });
  afterAll(async () => {
    await client.close();
    server.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => {
    exporter.reset();
    seen.length = 0;
  });

  it('makes one client span per call, a child of the caller’s, and sends its traceparent', async () => {
    const policy = new DepartmentCallPolicy('land-planning', config);
    const parent = trace.getTracer('test').startSpan('request');
    const answer = await context.with(trace.setSpan(context.active(), parent), () =>
      policy.read('parcelsByHolder', async (signal) =>
        (await client.request({ method: 'GET', path: '/parcels', signal })).json(),
      ),
    );
    parent.end();
    expect(answer).toEqual({ ok: true });
    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span.name).toBe('department land-planning parcelsByHolder');
    expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(span.attributes).toEqual({
      [DepartmentSpanAttributes.DEPARTMENT]: 'land-planning',
      [DepartmentSpanAttributes.OPERATION]: 'parcelsByHolder',
      [DepartmentSpanAttributes.OUTCOME]: 'ok',
      [DepartmentSpanAttributes.ATTEMPTS]: 1,
      'http.response.status_code': 200,
    });
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
    // The department sees the call's own span as the parent of its work.
    expect(seen[0].traceparent).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
  });

  it('marks a failed call as an error with its code, its attempts and the last status', async () => {
    const policy = new DepartmentCallPolicy('land-planning', config);
    await expect(
      policy.read('parcelsByHolder', (signal) =>
        client.request({ method: 'GET', path: '/down', signal }),
      ),
    ).rejects.toBeInstanceOf(SourceError);
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'SOURCE_UNAVAILABLE' });
    expect(span.attributes).toMatchObject({
      [DepartmentSpanAttributes.OUTCOME]: 'unavailable',
      [DepartmentSpanAttributes.ATTEMPTS]: 3,
      'http.response.status_code': 503,
    });
    expect(seen).toHaveLength(3);
    expect(span.events).toEqual([]);
  });
});

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}
