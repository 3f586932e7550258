import type {
  ApolloServerPlugin,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { outcomeOf } from '../audit/audit.plugin';
import type { GatewayContext } from '../graphql-context';
import type { Metrics } from './metrics';

/**
 * Counts every GraphQL operation by name and outcome and times it by type.
 * The outcome is taken from the answer as it was sent — once the HTTP
 * response has gone, so after the audit plugin, which may still replace the
 * answer with AUDIT_UNAVAILABLE — with the audit trail's own rule
 * (`outcomeOf`).
 */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart({ contextValue }): Promise<GraphQLRequestListener<GatewayContext>> {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse: (requestContext) => {
          const record = () => recordOperation(metrics, requestContext, started);
          const res = contextValue.res;
          if (res && !res.writableFinished) res.once('close', record);
          else record();
          return Promise.resolve();
        },
      });
    },
  };
}

function recordOperation(
  metrics: Metrics,
  { request, operation, response }: GraphQLRequestContextWillSendResponse<GatewayContext>,
  started: number,
): void {
  if (response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  metrics.graphqlOperation({
    name: request.operationName ?? operation?.name?.value ?? null,
    type: operation?.operation ?? 'unknown',
    outcome: outcomeOf(result.errors, result.data !== undefined && result.data !== null),
    seconds: (performance.now() - started) / 1000,
  });
}
