// Three tiers (STYLE.md §11): pure unit tests beside the code, tests on a real
// database (SQLite always; MariaDB/MySQL when TEST_DATABASE_URL or DATABASE_URL
// points at one), and e2e tests through HTTP.
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@oncegate/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};

module.exports = {
  // A global option in a multi-project config: database and browser tests need more than the 5 s default.
  testTimeout: 60000,
  // Jest's default (cores − 1) leaves one worker on a 2-core machine, where much of the e2e
  // tier waits on sockets and child processes: two workers take 3 minutes off `npm test` there.
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'db',
      testMatch: ['<rootDir>/libs/**/*.db-spec.ts', '<rootDir>/apps/**/*.db-spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    // Not part of `npm test`: needs Debian's chromium (`npm run test:browser`; CI installs it).
    ...(process.env.ONCEGATE_BROWSER_TESTS === '1'
      ? [
          {
            ...base,
            displayName: 'browser',
            testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
          },
        ]
      : []),
  ],
};
