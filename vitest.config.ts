import { defineConfig } from 'vitest/config';

// Two projects: everything but the browser tests runs in parallel; the browser tests run one file
// at a time afterwards (`npm test` runs them in that order), so chromium never competes with the suite.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'seeds/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/browser/**', '**/node_modules/**'],
        },
      },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
