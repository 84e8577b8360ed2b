import { defineConfig } from 'vitest/config';

// The integration tests that run on PostgreSQL too (YUKONG_TEST_PG, see tests/helpers/test-store.ts):
// together they write through every repository. The tests of several servers run only there.
const ON_POSTGRES = [
  'tests/api-workflow.test.ts',
  'tests/api-editions.test.ts',
  'tests/api-billing.test.ts',
  'tests/api-credit.test.ts',
  'tests/api-live.test.ts',
  'tests/api-landing-points.test.ts',
  'tests/api-registry.test.ts',
  'tests/api-access.test.ts',
  'tests/api-planner.test.ts',
  'tests/api-pricing.test.ts',
  'tests/uom-outbox.test.ts',
  'tests/cluster/**/*.test.ts',
  'server/**/*.pg.test.ts',
];

// Three projects, two files at a time (vitest's default on two cores would be one): everything but
// the browser tests on the embedded store; the PostgreSQL suite (each harness has a database of its
// own) when a test database is given (scripts/test-pg.mjs says when it is not); the browser tests,
// one file at a time, afterwards, so chromium never competes with the suite.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'seeds/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/cluster/**', '**/*.pg.test.ts', '**/node_modules/**'],
        },
      },
      { extends: true, test: { name: 'pg', include: ON_POSTGRES, env: { YUKONG_TEST_STORE: 'postgres' } } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
