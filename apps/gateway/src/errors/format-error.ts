import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { SourceError } from '@oncegate/adapters';
import { RegistryError, RegistryErrorCode } from '@oncegate/registry';
import { GatewayError, GatewayErrorCode } from './gateway-error';

/** GraphQL-level codes Apollo itself produces; their messages describe the request, not our internals. */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function registryCode(code: RegistryErrorCode): { code: string; safe: boolean } {
  switch (code) {
    case RegistryErrorCode.DUPLICATE_IDENTIFIER:
    case RegistryErrorCode.DUPLICATE_SOURCE_RECORD:
    case RegistryErrorCode.CANDIDATE_ALREADY_DECIDED:
    case RegistryErrorCode.CONSUMER_EXISTS:
    case RegistryErrorCode.GRANT_ALREADY_DECIDED:
      return { code: 'CONFLICT', safe: true };
    case RegistryErrorCode.APPLICANT_NOT_FOUND:
    case RegistryErrorCode.CANDIDATE_NOT_FOUND:
    case RegistryErrorCode.CONSUMER_NOT_FOUND:
    case RegistryErrorCode.GRANT_NOT_FOUND:
      return { code: 'NOT_FOUND', safe: true };
    case RegistryErrorCode.INVALID_REGISTRATION:
    case RegistryErrorCode.MERGE_INTO_SELF:
    case RegistryErrorCode.SURVIVOR_NOT_ACTIVE:
    case RegistryErrorCode.ALREADY_MERGED:
    case RegistryErrorCode.INVALID_SPLIT:
    case RegistryErrorCode.REASON_REQUIRED:
      return { code: GatewayErrorCode.BAD_USER_INPUT, safe: true };
    case RegistryErrorCode.BROKEN_MERGE_CHAIN:
    case RegistryErrorCode.INVALID_DATABASE_URL:
      return { code: GatewayErrorCode.INTERNAL_SERVER_ERROR, safe: false };
  }
}

/** Errors the caller caused or may see; everything else is ours to log and hide. */
export function isExpectedError(error: unknown): boolean {
  if (error instanceof SourceError) return true;
  if (error instanceof GatewayError) return error.code !== GatewayErrorCode.INTERNAL_SERVER_ERROR;
  if (error instanceof RegistryError) return registryCode(error.code).safe;
  return false;
}

/**
 * The one place errors become GraphQL errors. Known errors keep their
 * message and get a stable code; anything unexpected is reported to the
 * caller as INTERNAL_SERVER_ERROR with no message, stack or SQL from the
 * inside (GraphqlExceptionFilter logs it in full, with the request id).
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof GatewayError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...original.extensions },
    };
  }
  if (original instanceof SourceError) {
    // The department's name and the kind of failure; never what it sent.
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, source: original.source },
    };
  }
  if (original instanceof RegistryError) {
    const { code, safe } = registryCode(original.code);
    return { ...base, message: safe ? original.message : 'Internal error', extensions: { code } };
  }
  const code = formatted.extensions?.code;
  // Our query limits' errors (Apollo files the validation ones under GRAPHQL_VALIDATION_FAILED):
  // the message and the limit crossed, not the HTTP status.
  const limit = [error, (error as { originalError?: unknown } | null)?.originalError].find(
    (e): e is GraphQLError =>
      e instanceof GraphQLError && e.extensions.code === GatewayErrorCode.QUERY_TOO_COMPLEX,
  );
  if (limit) {
    const { http: _http, ...extensions } = limit.extensions;
    return { ...base, extensions };
  }
  if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
    return { ...base, extensions: { code } };
  }
  return {
    ...base,
    message: 'Internal error',
    extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR },
  };
}
