import { Catch, Logger } from '@nestjs/common';
import { SourceError } from '@oncegate/adapters';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { isExpectedError } from './format-error';

/**
 * Logs what went wrong inside a resolver exactly once: unexpected errors in
 * full (the pino logger adds the request id and masks ID numbers), expected
 * ones — a mistyped identifier, a bad argument — not at all, since they are
 * the caller's and already in the response. The error then goes on to
 * `formatGatewayError`, which decides what the caller sees.
 */
@Catch()
export class GraphqlExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown): unknown {
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
}
