import { afterAll, beforeAll, describe } from 'vitest';
import { POSTGRES_URL, reachable, startSystem, type RunningSystem } from './system.js';

/** The system a suite runs against, with an admin token; both set before its first test. */
export interface PostgresSuite {
  sys: RunningSystem;
  admin: string;
}

const postgresUp = await reachable(POSTGRES_URL);

/**
 * A suite against the whole system on the machine's PostgreSQL (skipped where there is none): the system starts
 * before the suite's tests with an admin logged in, and stops after them.
 */
export function describeOnPostgres(name: string, body: (suite: PostgresSuite) => void): void {
  describe.skipIf(!postgresUp)(name, () => {
    const suite = {} as PostgresSuite;
    beforeAll(async () => {
      suite.sys = await startSystem({ postgresUrl: POSTGRES_URL });
      suite.admin = await suite.sys.login();
    });
    afterAll(() => suite.sys?.stop());
    body(suite);
  });
}
