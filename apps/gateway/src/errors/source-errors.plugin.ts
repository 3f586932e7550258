import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

const SOURCE_CODES = new Set(['SOURCE_UNAVAILABLE', 'SOURCE_TIMEOUT', 'SOURCE_INVALID_RESPONSE']);

/**
 * One error per failing department, not one per field it left null: a list
 * of 100 applicants with tax down is one SOURCE_UNAVAILABLE error naming
 * `tax`, with `extensions.paths` listing every field that is null because of
 * it (the first one stays in `path`).
 */
export function collapseSourceErrors(
  errors: readonly GraphQLFormattedError[],
): GraphQLFormattedError[] {
  const out: GraphQLFormattedError[] = [];
  const bySource = new Map<
    string,
    { error: GraphQLFormattedError; paths: (string | number)[][] }
  >();
  for (const error of errors) {
    const code = error.extensions?.code;
    const source = error.extensions?.source;
    if (typeof code !== 'string' || !SOURCE_CODES.has(code) || typeof source !== 'string') {
      out.push(error);
      continue;
    }
    const key = `${source} ${code}`;
    const seen = bySource.get(key);
    if (seen) {
      if (error.path) seen.paths.push([...error.path]);
      continue;
    }
    const entry = { error, paths: error.path ? [[...error.path]] : [] };
    bySource.set(key, entry);
    out.push(error);
  }
  return out.map((error) => {
    const code = error.extensions?.code;
    const source = error.extensions?.source;
    const entry =
      typeof code === 'string' && typeof source === 'string'
        ? bySource.get(`${source} ${code}`)
        : undefined;
    return entry && entry.error === error
      ? { ...error, extensions: { ...error.extensions, paths: entry.paths } }
      : error;
  });
}

export const sourceErrorsPlugin: ApolloServerPlugin = {
  requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    return Promise.resolve({
      willSendResponse({ response }) {
        if (response.body.kind === 'single' && response.body.singleResult.errors) {
          response.body.singleResult.errors = collapseSourceErrors(
            response.body.singleResult.errors,
          );
        }
        return Promise.resolve();
      },
    });
  },
};
