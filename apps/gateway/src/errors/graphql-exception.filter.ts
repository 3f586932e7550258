import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { SourceError } from '@oncegate/adapters';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { isExpectedError } from './format-error';
import { GatewayErrorCode } from './gateway-error';

/**
 * Logs what went wrong inside a resolver exactly once: unexpected errors in
 * full (the pino logger adds the request id and masks ID numbers), expected
 * ones — a mistyped identifier, a bad argument — not at all, since they are
 * the caller's and already in the response. The error then goes on to
 * `formatGatewayError`, which decides what the caller sees.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() === 'http') {
      this.http(exception, host);
      return undefined;
    }
    if (exception instanceof SourceError) {
      // A department failing is news for operators, but not a bug of ours: one line, no stack.
      this.logger.warn({ source: exception.source, code: exception.code }, exception.message);
    } else if (!isExpectedError(exception)) {
      this.logger.error(
        exception instanceof Error ? exception : new Error(String(exception)),
        'Unexpected error in a resolver',
      );
    }
    return exception;
  }

  /**
   * Outside GraphQL (the body parser, routing): a body over
   * GRAPHQL_MAX_BODY_BYTES gets a GraphQL-shaped 413 with PAYLOAD_TOO_LARGE;
   * the rest is answered as Nest answers it.
   */
  private http(exception: unknown, host: ArgumentsHost): void {
    const status = (exception as { statusCode?: unknown; status?: unknown } | null)?.statusCode;
    if (status === 413) {
      host
        .switchToHttp()
        .getResponse<Response>()
        .status(413)
        .json({
          errors: [
            {
              message: 'The request body is too large',
              extensions: { code: GatewayErrorCode.PAYLOAD_TOO_LARGE },
            },
          ],
        });
      return;
    }
    super.catch(exception, host);
  }
}
