import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { SharingCatalogue } from '@oncegate/access';
import { sha256Hex, type ExchangeFacts, type Outcome } from '@oncegate/audit';
import { OperationTypeNode, type GraphQLFormattedError } from 'graphql';
import { GatewayErrorCode } from '../errors/gateway-error';
import type { GatewayContext } from '../graphql-context';
import type { AuditLog } from './audit-log';
import type { RequestAccess } from '../access/request-access';

const DENIALS = new Set<string>([GatewayErrorCode.FORBIDDEN, GatewayErrorCode.FORBIDDEN_DATA_ITEM]);

function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/**
 * How an operation ended, from its answer: OK (no errors), DENIED (refused:
 * only FORBIDDEN / FORBIDDEN_DATA_ITEM errors and nothing else read, or a
 * FORBIDDEN operation), PARTIAL (data and errors), ERROR (errors, no data).
 * The audit record's outcome; the request metrics use the same.
 */
export function outcomeOf(
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

/** How one GraphQL operation (or one event of a subscription) went, for its audit record. */
export interface OperationResult {
  readonly kind: 'QUERY' | 'MUTATION' | 'SUBSCRIPTION';
  readonly operationName: string | null;
  /** The document as sent; only its SHA-256 is kept. */
  readonly query: string | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
  readonly hasData: boolean;
  readonly startedAt: number;
  readonly requestId: string | null;
}

/** The kind of exchange an operation type is. */
export function exchangeKind(
  operation: OperationTypeNode | undefined,
): 'QUERY' | 'MUTATION' | 'SUBSCRIPTION' {
  if (operation === OperationTypeNode.MUTATION) return 'MUTATION';
  if (operation === OperationTypeNode.SUBSCRIPTION) return 'SUBSCRIPTION';
  return 'QUERY';
}

/**
 * The audit facts of an operation: who asked (consumer, official, purpose,
 * case), what (operation name, SHA-256 of the document), about whom
 * (applicants touched), which data items were returned and from which
 * departments, how it ended and how long it took. No data values.
 */
export function operationFacts(
  access: RequestAccess,
  catalogue: SharingCatalogue,
  result: OperationResult,
): ExchangeFacts {
  const codes = (result.errors ?? []).map((e) => codeOf(e));
  const denied = [...access.denied.keys()].map((item) => `FORBIDDEN_DATA_ITEM:${item}`);
  const read = [...access.read];
  return {
    at: new Date(result.startedAt).toISOString(),
    requestId: result.requestId,
    consumer: access.consumer.name,
    userId: access.userId,
    purpose: access.purpose,
    caseId: access.caseId,
    kind: result.kind,
    operationName: result.operationName,
    documentHash: result.query ? sha256Hex(result.query) : null,
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
    outcome: outcomeOf(result.errors, result.hasData),
    errorCodes: [
      ...new Set([
        ...codes.filter((c) => c !== String(GatewayErrorCode.FORBIDDEN_DATA_ITEM)),
        ...denied,
      ]),
    ],
    durationMs: Date.now() - result.startedAt,
  };
}

/** What the caller gets instead of data when its exchange cannot be put on the record. */
export const AUDIT_UNAVAILABLE_ERROR: GraphQLFormattedError = {
  message: 'The audit trail cannot be written: nothing is returned until it can',
  extensions: { code: GatewayErrorCode.AUDIT_UNAVAILABLE },
};

/**
 * One audit record per GraphQL operation over HTTP, written before the
 * answer leaves (fail closed): if the record cannot be written the caller
 * gets AUDIT_UNAVAILABLE (HTTP 503) instead of the data. (Subscription
 * events are recorded where graphql-ws sends them: `subscriptions.ts`.)
 */
export function auditPlugin(
  log: AuditLog,
  catalogue: SharingCatalogue,
): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart({ request, contextValue }): Promise<GraphQLRequestListener<GatewayContext>> {
      const startedAt = Date.now();
      return Promise.resolve({
        willSendResponse: async ({ response, operation }) => {
          if (!log.enabled || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const facts = operationFacts(contextValue.access, catalogue, {
            kind: exchangeKind(operation?.operation),
            operationName: request.operationName ?? operation?.name?.value ?? null,
            query: request.query,
            errors: result.errors,
            hasData: result.data !== undefined && result.data !== null,
            startedAt,
            requestId: requestIdOf(contextValue),
          });
          try {
            await log.record(facts);
          } catch {
            response.body = { kind: 'single', singleResult: { errors: [AUDIT_UNAVAILABLE_ERROR] } };
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
