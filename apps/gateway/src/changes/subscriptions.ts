import type { SubscriptionConfig } from '@nestjs/graphql';
import type { SharingCatalogue } from '@oncegate/access';
import { getOperationAST, type GraphQLError } from 'graphql';
import type { AccessService } from '../access/access.service';
import type { RequestAccess } from '../access/request-access';
import type { AuditLog } from '../audit/audit-log';
import { AUDIT_UNAVAILABLE_ERROR, exchangeKind, operationFacts } from '../audit/audit.plugin';
import { formatGatewayError } from '../errors/format-error';
import type { GatewayContext } from '../graphql-context';

/**
 * GraphQL subscriptions over graphql-ws (the `graphql-transport-ws`
 * protocol) on the GraphQL path. Results sent over a socket go through the
 * same error formatting as HTTP answers: stable codes, no internals. Every
 * event sent is an exchange on the audit trail, recorded before it is sent
 * (fail closed: an event that cannot be recorded goes out as
 * AUDIT_UNAVAILABLE, without its data).
 */
export function subscriptions(
  access: AccessService,
  audit: AuditLog,
  catalogue: SharingCatalogue,
): SubscriptionConfig {
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
      onNext: async (_ctx, id, payload, args, result) => {
        const startedAt = Date.now();
        const formatted = result.errors
          ? {
              ...result,
              errors: result.errors.map((error: GraphQLError) =>
                formatGatewayError(error.toJSON(), error),
              ),
            }
          : undefined;
        const context = args.contextValue as GatewayContext;
        if (!audit.enabled) return formatted;
        const operation = getOperationAST(args.document, args.operationName);
        const facts = operationFacts(context.access, catalogue, {
          kind: exchangeKind(operation?.operation),
          operationName: args.operationName ?? operation?.name?.value ?? null,
          query: payload.query,
          errors: formatted?.errors,
          hasData: result.data !== undefined && result.data !== null,
          startedAt,
          requestId: `ws:${id}`.slice(0, 64),
        });
        // The next event starts afresh (and reads the grants again).
        context.access.reset();
        try {
          await audit.record(facts);
          return formatted;
        } catch {
          return { errors: [AUDIT_UNAVAILABLE_ERROR] };
        }
      },
    },
  };
}
