import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type {
  CircuitBreakerProbe,
  CircuitBreakerState,
  DepartmentCallObserver,
  DepartmentCallOutcome,
} from './department-call-observer';
import type { DepartmentClientConfig } from './department-client.config';
import type { DepartmentId } from './department';
import { DEPARTMENT_TRACER, DepartmentSpanAttributes } from './department-tracing';
import { SourceError, SourceErrorCode } from './source-error';

const FAILURE_OUTCOMES: Readonly<Record<SourceErrorCode, DepartmentCallOutcome>> = {
  [SourceErrorCode.SOURCE_UNAVAILABLE]: 'unavailable',
  [SourceErrorCode.SOURCE_TIMEOUT]: 'timeout',
  [SourceErrorCode.SOURCE_INVALID_RESPONSE]: 'invalid_response',
  [SourceErrorCode.SOURCE_REJECTED]: 'rejected',
};

/** Failures worth another attempt: the department may answer next time. An invalid answer will not improve. */
function isTransient(error: unknown): boolean {
  return error instanceof SourceError && error.code === SourceErrorCode.SOURCE_UNAVAILABLE;
}

/**
 * A department that refuses a submission for its content is working: the
 * refusal is its answer, so it neither opens the breaker nor counts towards
 * opening it. Every other failure does.
 */
function isDepartmentFailure(error: unknown): boolean {
  return !(error instanceof SourceError && error.code === SourceErrorCode.SOURCE_REJECTED);
}

/**
 * Timeout, retry and circuit breaker for one department, in that order from
 * the outside: the timeout is the budget of the whole call, retries included,
 * so a caller never waits longer than `timeoutMs` for a department; each
 * attempt passes through the breaker, which opens after `breakerThreshold`
 * consecutive failures and then fails fast until a trial call succeeds.
 * One instance per department per process: the breaker's state is shared by
 * every request.
 */
export class DepartmentCallPolicy implements CircuitBreakerProbe {
  private readonly reads: IPolicy;
  private readonly writes: IPolicy;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    readonly source: DepartmentId,
    private readonly config: Pick<
      DepartmentClientConfig,
      'timeoutMs' | 'retries' | 'breakerThreshold' | 'breakerHalfOpenAfterMs'
    >,
    private readonly observer?: DepartmentCallObserver,
  ) {
    // Every failed attempt counts, an attempt cut off by the timeout too: a department that hangs must open the breaker.
    const breaker = circuitBreaker(handleWhen(isDepartmentFailure), {
      halfOpenAfter: config.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(config.breakerThreshold),
    });
    // Calls read their whole answer before they return, so nothing is left to
    // abort then; not aborting on return saves a DOMException (with its stack
    // trace) per call.
    const budget = () =>
      timeout(config.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
    const retries = retry(handleWhen(isTransient), {
      maxAttempts: config.retries,
      backoff: new ExponentialBackoff({
        initialDelay: 25,
        maxDelay: Math.max(25, config.timeoutMs / 4),
      }),
    });
    this.breaker = breaker;
    this.reads = wrap(budget(), retries, breaker);
    this.writes = wrap(budget(), breaker);
    observer?.policyCreated(this);
  }

  /**
   * The breaker's state now. An open breaker lets a trial call through once
   * `breakerHalfOpenAfterMs` has passed and a call comes; it reads `open`
   * until then.
   */
  get breakerState(): CircuitBreakerState {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
    }
  }

  /**
   * An idempotent read: retried on transient failures within the budget.
   * `operation` names it (the port's method, e.g. `taxpayers`) in traces and metrics.
   */
  read<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.run(operation, this.reads, call);
  }

  /** A call that must not be repeated blindly (a submission): one attempt. */
  write<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.run(operation, this.writes, call);
  }

  /**
   * Runs one logical call as a span `department <source> <operation>` (a
   * child of the caller's span; a no-op when tracing is off), active while
   * the attempts run so that the HTTP clients propagate it and record the
   * status, and reports it to the observer.
   */
  private async run<T>(
    operation: string,
    policy: IPolicy,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    let attempts = 0;
    let outcome: DepartmentCallOutcome = 'ok';
    const span = trace
      .getTracer(DEPARTMENT_TRACER)
      .startSpan(`department ${this.source} ${operation}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          [DepartmentSpanAttributes.DEPARTMENT]: this.source,
          [DepartmentSpanAttributes.OPERATION]: operation,
        },
      });
    try {
      return await context.with(trace.setSpan(context.active(), span), () =>
        policy.execute(({ signal }) => {
          attempts += 1;
          return call(signal);
        }),
      );
    } catch (error) {
      const failure = this.toSourceError(error);
      outcome =
        error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError
          ? 'circuit_open'
          : FAILURE_OUTCOMES[failure.code];
      // The code only: a message may name more than the span should carry.
      span.setStatus({ code: SpanStatusCode.ERROR, message: failure.code });
      throw failure;
    } finally {
      span.setAttributes({
        [DepartmentSpanAttributes.OUTCOME]: outcome,
        [DepartmentSpanAttributes.ATTEMPTS]: attempts,
      });
      span.end();
      this.report(operation, outcome, (performance.now() - started) / 1000, attempts);
    }
  }

  private report(
    operation: string,
    outcome: DepartmentCallOutcome,
    durationSeconds: number,
    attempts: number,
  ): void {
    if (!this.observer) return;
    try {
      this.observer.callFinished({
        department: this.source,
        operation,
        outcome,
        durationSeconds,
        attempts,
      });
    } catch {
      // Metrics must never fail a department call.
    }
  }

  private toSourceError(error: unknown): SourceError {
    if (error instanceof SourceError) return error;
    if (error instanceof TaskCancelledError)
      return SourceError.timeout(this.source, this.config.timeoutMs);
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      return SourceError.unavailable(
        this.source,
        'circuit breaker open after repeated failures',
        error,
      );
    }
    // Anything else escaped an adapter's own mapping: report it as the department's fault, keep the cause for logs.
    return SourceError.invalidResponse(
      this.source,
      'unexpected failure while reading the response',
      error,
    );
  }
}
