// The dashboard during a first start, what someone trying the quick start sees: a fresh all-in-one with simulated
// stations (which replay the last 24 h) and the two-year dam-safety back-fill, the overview requested every 2 s for
// BENCH_SECONDS (default 120) as an open dashboard would. The floor in the same run: the dashboard's index page,
// which does not touch the database. Median of 3 fresh starts.
import { startSystem } from '../support/system.js';
import { header, median, percentile, sleep, table } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const RUNS = 3;
const EVERY_MS = 2_000;

interface Run {
  overview: number[];
  floor: number[];
}

async function timed(url: string, token?: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

async function firstStart(): Promise<Run> {
  const sys = await startSystem({ env: { SIMULATE: '1' } });
  try {
    const token = await sys.login();
    const run: Run = { overview: [], floor: [] };
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      const next = Date.now() + EVERY_MS;
      const [overview, floor] = await Promise.all([
        timed(`${sys.url}/api/reservoirs/overview`, token),
        timed(`${sys.url}/`),
      ]);
      run.overview.push(overview);
      run.floor.push(floor);
      await sleep(Math.max(0, next - Date.now()));
    }
    return run;
  } finally {
    await sys.stop();
  }
}

const summary = (ms: number[]) => ({
  p50: Math.round(percentile(ms, 50)),
  p90: Math.round(percentile(ms, 90)),
  max: Math.round(Math.max(...ms)),
});

header(`first start: the overview every ${EVERY_MS / 1000} s for ${SECONDS} s from a fresh start`, 'embedded');
const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  const run = await firstStart();
  const o = summary(run.overview);
  console.log(
    `  run ${i + 1}: overview p50 ${o.p50} ms, p90 ${o.p90} ms, max ${o.max} ms (${run.overview.length} requests)`,
  );
  runs.push(run);
}
const rows = (['overview', 'floor'] as const).map((k) => {
  const s = runs.map((r) => summary(r[k]));
  return { k, p50: median(s.map((x) => x.p50)), p90: median(s.map((x) => x.p90)), max: median(s.map((x) => x.max)) };
});
table(
  ['request', 'p50 (ms)', 'p90 (ms)', 'max (ms)'],
  rows.map((r) => [r.k === 'floor' ? 'index page (floor)' : 'overview', r.p50, r.p90, r.max]),
);
const [overview, floor] = rows;
console.log(
  `RESULT ${JSON.stringify({
    seconds: SECONDS,
    overview: { p50: overview.p50, p90: overview.p90, max: overview.max },
    floor: { p50: floor.p50, p90: floor.p90, max: floor.max },
    p90OverFloor: Math.round((overview.p90 / Math.max(1, floor.p90)) * 10) / 10,
  })}`,
);
