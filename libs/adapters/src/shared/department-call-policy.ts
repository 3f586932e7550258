import {
  BrokenCircuitError,
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
  type IPolicy,
} from 'cockatiel';
import type { DepartmentClientConfig } from './department-client.config';
import type { DepartmentId } from './department';
import { SourceError, SourceErrorCode } from './source-error';

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
export class DepartmentCallPolicy {
  private readonly reads: IPolicy;
  private readonly writes: IPolicy;

  constructor(
    readonly source: DepartmentId,
    private readonly config: Pick<
      DepartmentClientConfig,
      'timeoutMs' | 'retries' | 'breakerThreshold' | 'breakerHalfOpenAfterMs'
    >,
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
    this.reads = wrap(budget(), retries, breaker);
    this.writes = wrap(budget(), breaker);
  }

  /** An idempotent read: retried on transient failures within the budget. */
  read<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.run(this.reads, call);
  }

  /** A call that must not be repeated blindly (a submission): one attempt. */
  write<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.run(this.writes, call);
  }

  private async run<T>(policy: IPolicy, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await policy.execute(({ signal }) => call(signal));
    } catch (error) {
      throw this.toSourceError(error);
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
