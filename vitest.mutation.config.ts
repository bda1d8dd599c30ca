import { defineConfig } from 'vitest/config';
import { LoadFailureReporter } from './test/support/mutation/load-failure-reporter.ts';

/**
 * The unit tests only (`shared/`), for Stryker: pure rules and in-memory ports, so no DynamoDB
 * Local or SES stand-in is started and a mutant run takes milliseconds.
 */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts'],
    exclude: ['**/node_modules/**', '.stryker-tmp/**', 'reports/**'],
    maxWorkers: 1,
    reporters: ['default', new LoadFailureReporter()],
  },
});
