/** The example a newcomer sees first: a demo person found by an ID number typed the way people type it. */
export const DEFAULT_QUERY = `# OnceGate — one GraphQL schema over the county's department systems.
# Identifiers are normalized: full-width digits, spaces, a lower-case x and
# 15-digit resident IDs all find the same person.
query FindApplicant($scheme: IdentifierScheme!, $value: String!) {
  applicantByIdentifier(scheme: $scheme, value: $value) {
    id
    kind
    name
    identifiers { scheme value legacyValue }
    sourceRecords { system localId observedAt }
    attributes { name value source observedAt }
  }
}
`;

export function graphiqlHtml(example: { scheme: string; value: string } | null): string {
  const variables = example ? JSON.stringify(example, null, 2) : '{}';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OnceGate GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<style>html,body,#graphiql{height:100%;margin:0;}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="oncegate-defaults" type="application/json">${escapeForScript(
    JSON.stringify({ query: DEFAULT_QUERY, variables }),
  )}</script>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/init.js"></script>
</body>
</html>
`;
}

/** Kept in code rather than as a file so that the build needs no asset copying. */
export const GRAPHIQL_INIT_JS = `(function () {
  var defaults = JSON.parse(document.getElementById('oncegate-defaults').textContent);
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaults.query,
      // Set once: GraphiQL only re-applies it when the prop changes, so edits stay.
      variables: defaults.variables,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    })
  );
})();
`;

/** JSON inside a <script> element must not be able to close it. */
function escapeForScript(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Same-origin only: the page can load nothing and call nothing outside this gateway. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
