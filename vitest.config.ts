import { defineConfig } from 'vitest/config';

// Integration tests run twice, once per database; pure unit tests once.
const integration = ['apps/server/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/**/*.test.ts'] } },
      { test: { name: 'pglite', include: integration, env: { HB_TEST_DB: 'pglite' }, testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'postgres', include: integration, env: { HB_TEST_DB: 'postgres' }, testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
