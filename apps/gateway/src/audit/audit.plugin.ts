import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { SharingCatalogue } from '@oncegate/access';
import { sha256Hex, type ExchangeFacts, type Outcome } from '@oncegate/audit';
import { OperationTypeNode, type GraphQLFormattedError } from 'graphql';
import { GatewayErrorCode } from '../errors/gateway-error';
import type { GatewayContext } from '../graphql-context';
import type { AuditLog } from './audit-log';

const DENIALS = new Set<string>([GatewayErrorCode.FORBIDDEN, GatewayErrorCode.FORBIDDEN_DATA_ITEM]);

function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

function outcomeOf(
  errors: readonly GraphQLFormattedError[] | undefined,
  hasData: boolean,
): Outcome {
  if (!errors || errors.length === 0) return 'OK';
  const codes = errors.map((e) => codeOf(e));
  if (
    codes.every((c) => DENIALS.has(c)) &&
    (!hasData || codes.includes(GatewayErrorCode.FORBIDDEN))
  )
    return 'DENIED';
  return hasData ? 'PARTIAL' : 'ERROR';
}

/**
 * One audit record per GraphQL operation, written before the answer leaves
 * (fail closed): who asked (consumer, official, purpose, case), what
 * (operation name, SHA-256 of the document), about whom (applicants
 * touched), which data items were returned and from which departments, how
 * it ended and how long it took. No data values. If the record cannot be
 * written the caller gets AUDIT_UNAVAILABLE (HTTP 503) instead of the data.
 */
export function auditPlugin(
  log: AuditLog,
  catalogue: SharingCatalogue,
): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart({ request, contextValue }): Promise<GraphQLRequestListener<GatewayContext>> {
      const started = Date.now();
      return Promise.resolve({
        willSendResponse: async ({ response, operation }) => {
          if (!log.enabled || response.body.kind !== 'single') return;
          const access = contextValue.access;
          const result = response.body.singleResult;
          const codes = (result.errors ?? []).map((e) => codeOf(e));
          const denied = [...access.denied.keys()].map((item) => `FORBIDDEN_DATA_ITEM:${item}`);
          const read = [...access.read];
          const facts: ExchangeFacts = {
            at: new Date(started).toISOString(),
            requestId: requestIdOf(contextValue),
            consumer: access.consumer.name,
            userId: access.userId,
            purpose: access.purpose,
            caseId: access.caseId,
            kind:
              operation?.operation === OperationTypeNode.MUTATION
                ? 'MUTATION'
                : operation?.operation === OperationTypeNode.SUBSCRIPTION
                  ? 'SUBSCRIPTION'
                  : 'QUERY',
            operationName: request.operationName ?? operation?.name?.value ?? null,
            documentHash: request.query ? sha256Hex(request.query) : null,
            applicants: [...access.applicants],
            dataItems: read,
            departments: [
              ...new Set(
                read.flatMap((id) => {
                  const provider = catalogue.item(id)?.provider;
                  return provider && provider !== 'registry' ? [provider] : [];
                }),
              ),
            ],
            outcome: outcomeOf(result.errors, result.data !== undefined && result.data !== null),
            errorCodes: [
              ...new Set([
                ...codes.filter((c) => c !== String(GatewayErrorCode.FORBIDDEN_DATA_ITEM)),
                ...denied,
              ]),
            ],
            durationMs: Date.now() - started,
          };
          try {
            await log.record(facts);
          } catch {
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: 'The audit trail cannot be written: nothing is returned until it can',
                    extensions: { code: GatewayErrorCode.AUDIT_UNAVAILABLE },
                  },
                ],
              },
            };
            response.http.status = 503;
          }
        },
      });
    },
  };
}

function requestIdOf(context: GatewayContext): string | null {
  const id = (context.req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 64) : null;
}
