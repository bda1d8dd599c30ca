// Mutation testing of the domain's rule modules: `npm run test:mutation` (see TESTING.md).
// Unit tests only (vitest.mutation.config.ts), each mutant against the tests that reach it.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: [
    'shared/deadlines.ts',
    'shared/requests/lifecycle.ts',
    'shared/staff/totp.ts',
    'shared/audit/chain.ts',
    'shared/marketing/preferences.ts',
    'shared/fulfilment/erase.ts',
    'shared/complaints/lifecycle.ts',
    'shared/complaints/report.ts',
    'shared/systems/declaration.ts',
    'shared/systems/plan.ts',
    'shared/systems/erasure.ts',
    'shared/systems/run.ts',
    'shared/systems/completion.ts',
    'shared/systems/outcome.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two shared cores: one test runner each.
  concurrency: 2,
  // Only what the unit tests need is copied into the sandbox.
  ignorePatterns: [
    '/*',
    '!/shared',
    '!/test',
    '/test/*',
    '!/test/support',
    '!/tenants',
    '!/package.json',
    '!/tsconfig.json',
    '!/vitest.mutation.config.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // A full run (a few minutes) by default: incremental mode reused stale results for static
  // mutants here. `npm run test:mutation -- --incremental` is quicker while writing tests.
  incremental: false,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 85, break: null },
};
