/** Stable `extensions.code` values of this gateway's own errors. Clients branch on these. */
export enum GatewayErrorCode {
  INVALID_IDENTIFIER = 'INVALID_IDENTIFIER',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** No API key, or one that is malformed, unknown, revoked or expired (HTTP 401). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** No X-Purpose, or one the sharing catalogue does not declare. */
  PURPOSE_REQUIRED = 'PURPOSE_REQUIRED',
  /** The consumer's roles do not allow this operation. */
  FORBIDDEN = 'FORBIDDEN',
  /** Too deep, too many aliases, too costly, or too large a batch. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** Over the consumer's requests per minute (HTTP 429, Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The audit record of the exchange could not be written: no data is returned (HTTP 503). */
  AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE',
  /** A request body over GRAPHQL_MAX_BODY_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A field whose data item the consumer may not read; the field is null, the rest arrives. */
  FORBIDDEN_DATA_ITEM = 'FORBIDDEN_DATA_ITEM',
  /** An idempotency key sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** A status a procedure or application cannot move to from where it is. */
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** An error whose message is safe to show the caller, with extra extensions. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
