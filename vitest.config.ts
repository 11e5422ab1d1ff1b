import { defineConfig } from 'vitest/config';

// Integration tests run twice, once per database; pure unit tests once; browser tests against the real server.
const integration = ['apps/server/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/**/*.test.ts', 'apps/web/src/**/*.test.ts'] } },
      { test: { name: 'pglite', include: integration, env: { HB_TEST_DB: 'pglite' }, testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'postgres', include: integration, env: { HB_TEST_DB: 'postgres' }, testTimeout: 60_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.e2e.ts'],
          globalSetup: 'e2e/src/setup.ts',
          testTimeout: 90_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // The server shares two cores with the integration suites; a page may take seconds to settle.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
