/** Boundaries of DESIGN.md §3: apps → libs only; pure libs import nothing of ours; no cycles. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'Nothing in libs imports from apps.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      comment: 'An app is a composition root; apps share code only through libs.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'pure-libs-import-nothing-of-ours',
      comment:
        'identifiers, matching, applications and audit are pure: of our code they import only themselves and identifiers; no Nest, no database.',
      severity: 'error',
      from: { path: '^libs/(identifiers|matching|applications|audit)/' },
      to: { path: '^(libs|apps)/', pathNot: ['^libs/$1/', '^libs/identifiers/'] },
    },
    {
      name: 'access-is-pure',
      comment:
        'access (the sharing catalogue, the access policy, API keys) is pure: of our code it imports only itself, identifiers and applications (the working calendar).',
      severity: 'error',
      from: { path: '^libs/access/' },
      to: {
        path: '^(libs|apps)/',
        pathNot: ['^libs/access/', '^libs/identifiers/', '^libs/applications/'],
      },
    },
    {
      name: 'pure-libs-no-frameworks',
      severity: 'error',
      from: {
        path: '^libs/(identifiers|matching|applications|access|audit)/src/(?!.*\\.spec\\.ts$)',
      },
      to: { path: 'node_modules/(@nestjs|typeorm|mysql2|better-sqlite3|graphql)' },
    },
    {
      name: 'adapters-depend-on-identifiers-only',
      comment: 'DESIGN.md §3: adapters depend only on identifiers and contracts.',
      severity: 'error',
      from: { path: '^libs/adapters/' },
      to: { path: '^(libs/(?!adapters|identifiers)|apps/)' },
    },
    {
      name: 'adapters-never-import-each-other',
      severity: 'error',
      from: { path: '^libs/adapters/src/([^/]+)/' },
      to: {
        path: '^libs/adapters/src/',
        pathNot: ['^libs/adapters/src/$1/', '^libs/adapters/src/shared/'],
      },
    },
    {
      name: 'only-public-surface',
      comment: "Another library's public surface is its index.ts.",
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/(?!index\\.ts$)', pathNot: '^libs/$2/' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.(spec|db-spec|e2e-spec)\\.ts$|/testing/' },
      to: { path: '^test/|\\.(spec|db-spec|e2e-spec)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|var|coverage)/' },
  },
};
