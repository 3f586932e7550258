import { Logger } from '@nestjs/common';
import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { GatewayConfig } from '../config/gateway.config';

/** The tracer of the gateway's own spans (one server span per GraphQL request). */
export const GATEWAY_TRACER = '@oncegate/gateway';

let started: NodeTracerProvider | null = null;

/** The SDK's own warnings and errors (a collector that cannot be reached) go to the gateway's log. */
function logDiagnostics(): void {
  const logger = new Logger('OpenTelemetry');
  const text = (message: string, args: unknown[]) =>
    [message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' ');
  const quiet = () => undefined;
  diag.setLogger(
    {
      error: (message, ...args) => logger.error(text(message, args)),
      warn: (message, ...args) => logger.warn(text(message, args)),
      info: quiet,
      debug: quiet,
      verbose: quiet,
    },
    DiagLogLevel.WARN,
  );
}

/**
 * Starts OpenTelemetry tracing for this process when OTEL_TRACES_EXPORTER=otlp
 * (call it before the gateway is created); with `none` nothing is started and
 * the API stays a no-op. Spans are batched and sent over OTLP/HTTP
 * (JSON) to the configured endpoint; `spanProcessor` replaces that (tests
 * export to memory). Only the W3C `traceparent` is propagated, in and out:
 * no baggage, so nothing a caller puts in one reaches a department. Returns
 * whether tracing was started; `shutdownTracing()` flushes and stops it.
 */
export function startTracing(
  config: GatewayConfig,
  options: { spanProcessor?: SpanProcessor } = {},
): boolean {
  const settings = config.tracing;
  if (!settings.enabled || started) return false;
  const provider = new NodeTracerProvider({
    // The SDK's own attributes (telemetry.sdk.*) with our service.name.
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    ),
    spanProcessors: [
      options.spanProcessor ??
        new BatchSpanProcessor(
          new OTLPTraceExporter(settings.url === undefined ? {} : { url: settings.url }),
        ),
    ],
  });
  logDiagnostics();
  provider.register({ propagator: new W3CTraceContextPropagator() });
  started = provider;
  return true;
}

/**
 * Sends the spans still buffered and stops tracing; the API is a no-op
 * again afterwards. Called when the gateway shuts down; safe to call twice.
 */
export async function shutdownTracing(): Promise<void> {
  const provider = started;
  if (!provider) return;
  started = null;
  try {
    await provider.shutdown();
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
    diag.disable();
  }
}
