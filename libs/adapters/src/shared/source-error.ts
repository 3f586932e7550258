import type { DepartmentId } from './department';

/** How a department call failed, as the gateway reports it (`extensions.code`). */
export enum SourceErrorCode {
  /** Refused, unreachable, 5xx, or the circuit breaker is open. */
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
  /** No answer within the department's timeout. */
  SOURCE_TIMEOUT = 'SOURCE_TIMEOUT',
  /** An answer that breaks the department's contract: unparseable, wrong shape, a SOAP fault we cannot read. */
  SOURCE_INVALID_RESPONSE = 'SOURCE_INVALID_RESPONSE',
  /**
   * The department refused a submission for its content (an HTTP 4xx with its
   * error code, a SOAP Client fault): a final answer, not worth sending again.
   */
  SOURCE_REJECTED = 'SOURCE_REJECTED',
}

/**
 * A department call that failed. Messages name the department and the kind of
 * failure, never a payload or an identifier (they reach logs and callers).
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  /**
   * The department's own code for a refusal (SOURCE_REJECTED only), e.g.
   * `4221`, `VALIDATION_FAILED` or a SOAP fault's `CWDM`: stable, and no
   * personal data.
   */
  readonly departmentCode?: string;

  constructor(
    readonly code: SourceErrorCode,
    readonly source: DepartmentId,
    message: string,
    options?: { cause?: unknown; departmentCode?: string },
  ) {
    super(message, options);
    if (options?.departmentCode !== undefined) this.departmentCode = options.departmentCode;
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

  /**
   * The department refused a submission: a final answer (the same content
   * would be refused again). `departmentCode` is the department's error code,
   * `reason` what it means, in words that name fields at most, never a value
   * (messages reach logs and callers).
   */
  static rejected(source: DepartmentId, departmentCode: string, reason: string): SourceError {
    return new SourceError(
      SourceErrorCode.SOURCE_REJECTED,
      source,
      `${source} rejected the submission (${departmentCode}): ${reason}`,
      { departmentCode },
    );
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
