import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{domain,common,seeds,ingest,backend}/src/**/*.test.ts',
      'frontend/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Integration tests start real servers (embedded PGlite, brokers): keep parallelism to the 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
