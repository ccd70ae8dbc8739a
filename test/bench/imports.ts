// Issue 12: a large ledger import in embedded mode (one database connection) must not hold the database for long.
// `npm run bench:imports` (after `npm run build`): the all-in-one on its embedded database; imports BENCH_ROWS
// (10,000) new hazards and, separately, as many allocations, while /api/health is asked in a loop; median of
// BENCH_RUNS (3) runs of each, RESULT {json} last.
import { header, percentile, table } from './lib.js';
import { startSystem, type RunningSystem } from '../support/system.js';
import { allocationsCsv, hazardsCsv, importLedger } from '../support/ledger-files.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => percentile(xs, 50);

interface Run {
  importSeconds: number;
  healthP50Ms: number;
  healthMaxMs: number;
  healthAnswers: number;
  /** Health answers other than 200 (503: the database missed health's 2 s deadline). */
  healthNotOk: number;
}

/** One import with /api/health asked sequentially while it runs. */
async function importWithHealth(sys: RunningSystem, token: string, kind: string, csv: string): Promise<Run> {
  const latencies: number[] = [];
  let notOk = 0;
  let done = false;
  const t0 = performance.now();
  const imported = importLedger(sys.url, token, kind, csv);
  imported.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    const t = performance.now();
    const health = await fetch(`${sys.url}/api/health`);
    await health.arrayBuffer();
    latencies.push(performance.now() - t);
    if (health.status !== 200) notOk++;
  }
  const res = await imported;
  if (res.status !== 200) throw new Error(`import ${kind} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return {
    importSeconds: (performance.now() - t0) / 1000,
    healthP50Ms: median(latencies),
    healthMaxMs: Math.max(...latencies),
    healthAnswers: latencies.length,
    healthNotOk: notOk,
  };
}

async function main(): Promise<void> {
  header(`ledger import of ${ROWS} rows with /api/health asked meanwhile`, 'all-in-one, embedded database');
  const sys = await startSystem({ startTimeoutMs: 300_000 });
  try {
    const token = await sys.login();
    const codes = (await sys.get<{ code: string }[]>('/api/reservoirs', token)).body.map((r) => r.code);
    const withProject = (await sys.get<{ reservoirCode: string }[]>('/api/projects', token)).body;
    const results: Record<string, Run> = {};
    const rows: (string | number)[][] = [];
    for (const [kind, csv] of [
      ['hazards', hazardsCsv(codes, ROWS)],
      [
        'allocations',
        allocationsCsv(
          withProject.map((p) => p.reservoirCode),
          ROWS,
        ),
      ],
    ] as const) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await importWithHealth(sys, token, kind, csv));
      const pick = (k: keyof Run) => median(runs.map((r) => r[k]));
      results[kind] = {
        importSeconds: pick('importSeconds'),
        healthP50Ms: pick('healthP50Ms'),
        healthMaxMs: pick('healthMaxMs'),
        healthAnswers: pick('healthAnswers'),
        healthNotOk: pick('healthNotOk'),
      };
      const r = results[kind];
      rows.push([kind, r.importSeconds, r.healthP50Ms, r.healthMaxMs, r.healthAnswers, r.healthNotOk]);
    }
    table(['kind', 'import s', 'health p50 ms', 'health max ms', 'health answers', 'not 200'], rows);
    console.log(`RESULT ${JSON.stringify({ rows: ROWS, runs: RUNS, ...results })}`);
  } catch (err) {
    console.error(sys.output().slice(-4000));
    throw err;
  } finally {
    await sys.stop();
  }
}

await main();
