import type { SubscriptionConfig } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import type { AccessService } from '../access/access.service';
import type { RequestAccess } from '../access/request-access';
import { formatGatewayError } from '../errors/format-error';

/**
 * GraphQL subscriptions over graphql-ws (the `graphql-transport-ws`
 * protocol) on the GraphQL path. Results sent over a socket go through the
 * same error formatting as HTTP answers: stable codes, no internals.
 */
export function subscriptions(access: AccessService): SubscriptionConfig {
  return {
    'graphql-ws': {
      // The key and purpose come in connectionParams, under the HTTP header names; a
      // connection without a valid key and purpose is closed (4403).
      onConnect: async (ctx) => {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const param = (name: string): string | undefined => {
          const value = params[name] ?? params[name.toLowerCase()];
          return typeof value === 'string' ? value : undefined;
        };
        try {
          (ctx.extra as { access?: RequestAccess }).access = await access.access({
            authorization: param('Authorization'),
            purpose: param('X-Purpose'),
            caseId: param('X-Case-Id'),
            userId: param('X-User-Id'),
          });
          return true;
        } catch {
          return false;
        }
      },
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
}
