// /api/health latency idle and while 13 logins per second arrive (password hashing must stay off the event loop).
// `npm run bench:login` (after `npm run build`): the all-in-one on the machine's PostgreSQL (else embedded), median
// of 3 runs, RESULT {json} last. Hashing is the same in both modes; the server start is quicker on a loaded machine.
import { header, percentile, table } from './lib.js';
import { POSTGRES_URL, reachable, startSystem, type RunningSystem } from '../support/system.js';

const LOGINS_PER_SECOND = 13;
const SECONDS = 8;
const RUNS = 3;

/** Sequential health requests for SECONDS: their latencies (ms). */
async function healthLatencies(sys: RunningSystem): Promise<number[]> {
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    const t = performance.now();
    await fetch(`${sys.url}/api/health`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - t);
  }
  return latencies;
}

/** Fires LOGINS_PER_SECOND logins a second (not waiting for answers) while `work` runs; login latencies (ms). */
async function duringLogins<T>(sys: RunningSystem, work: () => Promise<T>): Promise<{ result: T; logins: number[] }> {
  const logins: Promise<number>[] = [];
  const timer = setInterval(() => {
    const t = performance.now();
    logins.push(
      fetch(`${sys.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench-login', password: 'bench-login-pass' }),
      }).then(async (r) => {
        if (r.status !== 200) throw new Error(`login answered ${r.status}`);
        await r.arrayBuffer();
        return performance.now() - t;
      }),
    );
  }, 1000 / LOGINS_PER_SECOND);
  const result = await work();
  clearInterval(timer);
  return { result, logins: await Promise.all(logins) };
}

const median = (values: number[]) => percentile(values, 50);

async function main(): Promise<void> {
  const postgres = await reachable(POSTGRES_URL);
  const mode = postgres ? 'all-in-one on PostgreSQL' : 'embedded all-in-one';
  header('health latency under logins', `${mode}, ${LOGINS_PER_SECOND} logins/s for ${SECONDS} s`);
  const sys = await startSystem(postgres ? { postgresUrl: POSTGRES_URL } : {});
  try {
    const admin = await sys.login();
    const created = await sys.post('/api/users', admin, {
      username: 'bench-login',
      displayName: 'bench',
      password: 'bench-login-pass',
      role: 'duty_officer',
    });
    if (created.status !== 201) throw new Error(`creating the user answered ${created.status}`);
    const runs: { idle: number; during: number; login: number; rate: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const idle = await healthLatencies(sys);
      const { result: during, logins } = await duringLogins(sys, () => healthLatencies(sys));
      runs.push({
        idle: percentile(idle, 95),
        during: percentile(during, 95),
        login: median(logins),
        rate: logins.length / SECONDS,
      });
    }
    table(
      ['run', 'health p95 idle ms', 'health p95 during ms', 'login p50 ms', 'logins/s'],
      runs.map((r, i) => [i + 1, r.idle, r.during, r.login, r.rate]),
    );
    const idle = median(runs.map((r) => r.idle));
    const during = median(runs.map((r) => r.during));
    const result = {
      healthP95IdleMs: Number(idle.toFixed(1)),
      healthP95DuringLoginsMs: Number(during.toFixed(1)),
      ratioToIdle: Number((during / idle).toFixed(2)),
      loginP50Ms: Number(median(runs.map((r) => r.login)).toFixed(1)),
      loginsPerSecond: Number(median(runs.map((r) => r.rate)).toFixed(1)),
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await sys.stop();
  }
}

await main();
