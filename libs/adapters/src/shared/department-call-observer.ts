import type { DepartmentId } from './department';

/**
 * How one department call ended: `ok`, or the kind of failure —
 * `unavailable`, `timeout`, `invalid_response`, `rejected` (a submission the
 * department refused for its content) or `circuit_open` (failed fast, the
 * department was not asked).
 */
export type DepartmentCallOutcome =
  'ok' | 'unavailable' | 'timeout' | 'invalid_response' | 'rejected' | 'circuit_open';

/** A circuit breaker's state: calls go through, one trial call goes through, or calls fail fast. */
export type CircuitBreakerState = 'closed' | 'half-open' | 'open';

/** One logical department call (retries included), as the call policy saw it. No keys, no values. */
export interface DepartmentCallRecord {
  readonly department: DepartmentId;
  /** The port operation, e.g. `taxpayers`, `changes`, `submit`: a fixed name, never data. */
  readonly operation: string;
  readonly outcome: DepartmentCallOutcome;
  /** Wall time of the whole call, retries and backoff included. */
  readonly durationSeconds: number;
  /** Attempts that reached the department (0 when the breaker refused the call). */
  readonly attempts: number;
}

/** A department's circuit breaker, to be read whenever its state is wanted (a metrics scrape). */
export interface CircuitBreakerProbe {
  readonly source: DepartmentId;
  readonly breakerState: CircuitBreakerState;
}

/**
 * Told about every department call and every call policy made (for metrics).
 * It must not throw, and must be quick: it runs on the request's path.
 */
export interface DepartmentCallObserver {
  /** A call policy was made: its breaker may be read from now on. */
  policyCreated(probe: CircuitBreakerProbe): void;
  /** A call ended (after its last attempt). */
  callFinished(record: DepartmentCallRecord): void;
}

/** What every adapter factory takes besides its configuration. */
export interface DepartmentAdapterOptions {
  /** Told about the adapter's calls and its circuit breaker (the gateway's metrics); none by default. */
  readonly observer?: DepartmentCallObserver;
}
