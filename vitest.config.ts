import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: one Chromium per worker is the most this machine runs well.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,host,guest,popup,tabs,element,react,worker,share,share-target,testing}/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/harness/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
