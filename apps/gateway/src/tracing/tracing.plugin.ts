import type {
  ApolloServerPlugin,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { trace, type Span } from '@opentelemetry/api';
import { outcomeOf } from '../audit/audit.plugin';
import type { GatewayContext } from '../graphql-context';
import { OperationLabels } from '../metrics/operation-label';

/** Attributes of the GraphQL server span (GraphQL semantic conventions, and ours). */
export const GraphqlSpanAttributes = {
  OPERATION_TYPE: 'graphql.operation.type',
  OPERATION_NAME: 'graphql.operation.name',
  OUTCOME: 'oncegate.outcome',
} as const;

/**
 * Names the request's server span after its operation (`query Name`, the
 * name bounded as the metrics bound it) and records the outcome of the
 * answer as sent (after the audit plugin). Several operations in one batched
 * request are events of the request's span instead. Nothing without a
 * recording span (tracing off, or a subscription's WebSocket).
 */
export function tracingPlugin(): ApolloServerPlugin<GatewayContext> {
  const names = new OperationLabels();
  return {
    requestDidStart({ contextValue }): Promise<GraphQLRequestListener<GatewayContext> | void> {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return Promise.resolve();
      const batched = Array.isArray(contextValue.req?.body);
      return Promise.resolve({
        willSendResponse: (requestContext) => {
          const record = () => describe(span, requestContext, names, batched);
          const res = contextValue.res;
          // Before the middleware's own listener, which ends the span.
          if (res && !res.writableFinished) res.prependOnceListener('close', record);
          else record();
          return Promise.resolve();
        },
      });
    },
  };
}

function describe(
  span: Span,
  { request, operation, response }: GraphQLRequestContextWillSendResponse<GatewayContext>,
  names: OperationLabels,
  batched: boolean,
): void {
  if (response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  const type = operation?.operation ?? 'unknown';
  const name = names.of(request.operationName ?? operation?.name?.value ?? null);
  const attributes = {
    [GraphqlSpanAttributes.OPERATION_TYPE]: type,
    [GraphqlSpanAttributes.OPERATION_NAME]: name,
    [GraphqlSpanAttributes.OUTCOME]: outcomeOf(
      result.errors,
      result.data !== undefined && result.data !== null,
    ),
  };
  if (batched) {
    span.addEvent('graphql.operation', attributes);
    return;
  }
  span.updateName(`${type} ${name}`);
  span.setAttributes(attributes);
}
