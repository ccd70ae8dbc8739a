import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Our packages resolve to their sources in tests (the "source" export condition): unit tests need no build. */
const conditions = ['source', ...defaultServerConditions];
const PACKAGES = '{domain,platform,seeds,ingest,backend,app}';

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Integration tests start real servers (embedded PGlite, brokers): keep parallelism to the 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Pure logic and in-process tests: no database, no built code (`npm run test:unit`).
          include: [`${PACKAGES}/src/**/*.test.ts`, 'frontend/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.db.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The embedded database, the machine's PostgreSQL and Mosquitto, the built system, a real browser.
          include: [`${PACKAGES}/src/**/*.db.test.ts`, 'test/**/*.test.ts'],
        },
      },
    ],
  },
});
