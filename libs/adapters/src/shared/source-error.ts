import type { DepartmentId } from './department';

/** How a department call failed, as the gateway reports it (`extensions.code`). */
export enum SourceErrorCode {
  /** Refused, unreachable, 5xx, or the circuit breaker is open. */
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
  /** No answer within the department's timeout. */
  SOURCE_TIMEOUT = 'SOURCE_TIMEOUT',
  /** An answer that breaks the department's contract: unparseable, wrong shape, a SOAP fault we cannot read. */
  SOURCE_INVALID_RESPONSE = 'SOURCE_INVALID_RESPONSE',
}

/**
 * A department call that failed. Messages name the department and the kind of
 * failure, never a payload or an identifier (they reach logs and callers).
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly code: SourceErrorCode,
    readonly source: DepartmentId,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static unavailable(source: DepartmentId, why: string, cause?: unknown): SourceError {
    return new SourceError(
      SourceErrorCode.SOURCE_UNAVAILABLE,
      source,
      `${source} is unavailable: ${why}`,
      { cause },
    );
  }

  static timeout(source: DepartmentId, timeoutMs: number): SourceError {
    return new SourceError(
      SourceErrorCode.SOURCE_TIMEOUT,
      source,
      `${source} did not answer within ${timeoutMs} ms`,
    );
  }

  static invalidResponse(source: DepartmentId, why: string, cause?: unknown): SourceError {
    return new SourceError(
      SourceErrorCode.SOURCE_INVALID_RESPONSE,
      source,
      `${source} sent a response that breaks its contract: ${why}`,
      { cause },
    );
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
