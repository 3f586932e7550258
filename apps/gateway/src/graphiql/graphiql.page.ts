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

/** The demo's second tab: one construction application, its deliveries, timeline and once-only measure. */
export const APPLICATION_QUERY = `# One form, many departments: the demo enterprise applied once for five
# procedures. Each department got only its own items, in its own format;
# reuse counts what the applicant typed and what OnceGate prefilled.
query DemoApplication($id: ID!) {
  application(id: $id) {
    applicationNo
    status
    reuse {
      typed
      prefilled
      entriesSaved
      perDepartment { department procedure items prefilled typed }
    }
    procedures {
      procedure { name department timeLimit { days unit } }
      status
      receiptNo
      delivery { state attempts lastError }
      timeline { startedAt dueAt elapsedDays remainingDays overdue paused }
    }
    events { seq type procedure actor note occurredAt }
  }
}
`;

interface Tab {
  query: string;
  variables: string;
  headers: string;
}

/**
 * The header editor's starting text: every request needs a key and a
 * purpose. The key is never put in the page: the user pastes one (in demo
 * mode, from the demo keys file, which only its owner can read).
 */
export function headersTemplate(demoKeysFile: string | null): string {
  return JSON.stringify(
    {
      Authorization: `Bearer <${demoKeysFile ? `a key from ${demoKeysFile}` : 'your API key'}>`,
      'X-Purpose': 'ONE_STOP_SERVICE',
    },
    null,
    2,
  );
}

/**
 * The page. Demo mode fills the tabs: the applicant lookup with a demo ID
 * number, and the demo application when there is one.
 */
export function graphiqlHtml(
  example: { scheme: string; value: string } | null,
  demoApplicationId: string | null = null,
  headers: string = headersTemplate(null),
): string {
  const tabs: Tab[] = [
    { query: DEFAULT_QUERY, variables: example ? JSON.stringify(example, null, 2) : '{}', headers },
  ];
  if (demoApplicationId)
    tabs.push({
      query: APPLICATION_QUERY,
      variables: JSON.stringify({ id: demoApplicationId }, null, 2),
      headers,
    });
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
    JSON.stringify({ tabs }),
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
  var send = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  // GraphiQL 3 can send the operation name of the tab run before
  // (graphql/graphiql#3632): drop a name the document does not define, so that
  // the server runs the tab's own operation.
  var fetcher = function (params, options) {
    var name = params && params.operationName;
    if (name && typeof params.query === 'string' &&
        !new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(params.query)) {
      params = Object.assign({}, params, { operationName: null });
    }
    return send(params, options);
  };
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      // The first visit's tabs; GraphiQL keeps the user's own tabs after that.
      defaultTabs: defaults.tabs,
      // GraphiQL 3 fills the variables editor from this prop, not from the first tab. Set once:
      // GraphiQL only re-applies it when the prop changes, so edits stay.
      variables: defaults.tabs[0].variables,
      headers: defaults.tabs[0].headers,
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
