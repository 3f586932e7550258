import { context, propagation, trace } from '@opentelemetry/api';
import { ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';

/** The OpenTelemetry tracer of the department calls. */
export const DEPARTMENT_TRACER = '@oncegate/adapters';

/**
 * Attributes of a department call's span (besides `http.response.status_code`,
 * set by the HTTP clients): fixed names and counts, never keys or values.
 */
export const DepartmentSpanAttributes = {
  DEPARTMENT: 'oncegate.department',
  OPERATION: 'oncegate.department.operation',
  OUTCOME: 'oncegate.department.outcome',
  ATTEMPTS: 'oncegate.department.attempts',
} as const;

/**
 * Adds the W3C `traceparent` of the department call being made to a
 * request's headers, and nothing when tracing is off (the API's propagator
 * is a no-op until an SDK registers one).
 */
export function withTraceHeaders(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/** Puts the HTTP status of a department's answer on the span of the call being made, if one records. */
export function recordHttpStatus(status: number): void {
  trace.getActiveSpan()?.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
}
