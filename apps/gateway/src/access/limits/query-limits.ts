import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** The one code every query-shape limit answers with. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
  /** What an unbounded list field (no `first`) is taken to hold. */
  readonly assumedListSize: number;
}

/** graphql-armor's rejection, reported as a validation error with our code and the limit. */
function report(limit: Record<string, number>) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: QUERY_TOO_COMPLEX, ...limit },
      }),
    );
  };
}

/** Depth and aliases, checked with the document before anything runs (introspection is exempt from depth). */
export function queryShapeRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      exposeLimits: true,
      ignoreIntrospection: true,
      // Reported as a validation error (400), never thrown out of validation (500).
      propagateOnRejection: false,
      onReject: [report({ maxDepth: limits.maxDepth })],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [report({ maxAliases: limits.maxAliases })],
    }),
  ];
}

/**
 * The cost of a field: 1, plus what is under it times how many times it
 * comes — `first` when the field takes one, else `assumedListSize` for a
 * list, else once. A page of 100 applicants with four departments each
 * costs a hundred times one applicant.
 */
export function listSizeEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const first: unknown = args.first;
    const times =
      typeof first === 'number' && first > 0
        ? first
        : isListType(getNullableType(field.type))
          ? assumedListSize
          : 1;
    return 1 + times * childComplexity;
  };
}

/** An operation that only asks the schema about itself (GraphiQL's introspection). */
function introspectionOnly(fields: readonly string[]): boolean {
  return fields.length > 0 && fields.every((f) => f.startsWith('__'));
}

/**
 * Refuses an operation whose cost (with its variables) is over the limit,
 * before it runs: HTTP 400, `QUERY_TOO_COMPLEX` with `cost` and `maxCost`.
 */
export function queryCostPlugin(limits: QueryLimits): ApolloServerPlugin {
  const estimators = [listSizeEstimator(limits.assumedListSize)];
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema, operation }) => {
          if (!operation) return Promise.resolve();
          const roots = operation.selectionSet.selections.flatMap((s) =>
            s.kind === Kind.FIELD ? [s.name.value] : [],
          );
          if (introspectionOnly(roots)) return Promise.resolve();
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators,
            });
          } catch (error) {
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT.
            if (error instanceof GraphQLError) return Promise.resolve();
            throw error;
          }
          if (cost > limits.maxCost)
            throw new GraphQLError(
              `The query costs ${cost}; the limit is ${limits.maxCost}. Ask for fewer items (first:) or fewer fields.`,
              {
                extensions: {
                  code: QUERY_TOO_COMPLEX,
                  cost,
                  maxCost: limits.maxCost,
                  http: { status: 400 },
                },
              },
            );
          return Promise.resolve();
        },
      }),
  };
}
