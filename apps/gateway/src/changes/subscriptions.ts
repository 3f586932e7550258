import type { SubscriptionConfig } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import { formatGatewayError } from '../errors/format-error';

/**
 * GraphQL subscriptions over graphql-ws (the `graphql-transport-ws`
 * protocol) on the GraphQL path. Results sent over a socket go through the
 * same error formatting as HTTP answers: stable codes, no internals.
 */
export const SUBSCRIPTIONS: SubscriptionConfig = {
  'graphql-ws': {
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors
        ? {
            ...result,
            errors: result.errors.map((error: GraphQLError) =>
              formatGatewayError(error.toJSON(), error),
            ),
          }
        : undefined,
  },
};
