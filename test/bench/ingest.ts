// Ingest throughput: (a) insert statements against the machine's PostgreSQL, (b) standalone ingest processes behind
// Mosquitto, (c) the embedded all-in-one. `npm run bench:ingest` (after `npm run build`).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type pg from 'pg';
import { freePort, MOSQUITTO_URL, POSTGRES_URL, reachable, ROOT, startSystem } from '../support/system.js';
import {
  freshDatabase,
  header,
  publishLoad,
  READINGS_PER_MESSAGE,
  reservoirs,
  sleep,
  table,
  waitForCount,
  type Load,
} from './lib.js';

const N = 200_000;
const BATCH = 500;
const LOAD: Load = { messages: 20_000, publishers: 4 };
const TOTAL = LOAD.messages * READINGS_PER_MESSAGE;
const id = `${process.pid}_${Date.now().toString(36)}`;

type Rows = { sensors: number[]; times: Date[]; values: number[] };
type Writer = (client: pg.PoolClient, rows: Rows) => Promise<unknown>;

const writers: [string, Writer][] = [
  [
    '(i) unnest arrays, ON CONFLICT DO NOTHING',
    (c, r) =>
      c.query(
        `INSERT INTO readings (sensor_id, time, value)
         SELECT s, t, v FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) AS x(s, t, v)
         ON CONFLICT (sensor_id, time) DO NOTHING`,
        [r.sensors, r.times, r.values],
      ),
  ],
  [
    '(i) same + RETURNING (as reading-store.ts)',
    (c, r) =>
      c.query(
        `INSERT INTO readings (sensor_id, time, value)
         SELECT s, t, v FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) AS x(s, t, v)
         ON CONFLICT (sensor_id, time) DO NOTHING RETURNING sensor_id, time`,
        [r.sensors, r.times, r.values],
      ),
  ],
  [
    '(ii) multi-row VALUES, ON CONFLICT DO NOTHING',
    (c, r) => {
      const tuples = r.sensors.map((_, i) => `($${3 * i + 1}::int, $${3 * i + 2}::timestamptz, $${3 * i + 3}::float8)`);
      const params = r.sensors.flatMap((s, i) => [s, r.times[i], r.values[i]]);
      return c.query(
        `INSERT INTO readings (sensor_id, time, value) VALUES ${tuples.join(',')}
         ON CONFLICT (sensor_id, time) DO NOTHING`,
        params,
      );
    },
  ],
  [
    '(iii) COPY into a staging table + INSERT SELECT ON CONFLICT',
    async (c, r) => {
      // COPY cannot skip duplicates by itself, so it lands in a temporary table first.
      await c.query('CREATE TEMP TABLE IF NOT EXISTS readings_stage (sensor_id int, time timestamptz, value float8)');
      await c.query('TRUNCATE readings_stage');
      const text = r.sensors.map((s, i) => `${s}\t${r.times[i].toISOString()}\t${r.values[i]}\n`).join('');
      await pipeline(Readable.from([text]), c.query(copyFrom('COPY readings_stage FROM STDIN')));
      return c.query(
        `INSERT INTO readings (sensor_id, time, value) SELECT sensor_id, time, value FROM readings_stage
         ON CONFLICT (sensor_id, time) DO NOTHING`,
      );
    },
  ],
];

async function storagePath(): Promise<void> {
  header(`ingest (a): storage path, ${N.toLocaleString('en-US')} readings in batches of ${BATCH}`, 'PostgreSQL');
  const fresh = await freshDatabase(`yz_bench_a_${id}`);
  const rows: [string, number, number][] = [];
  try {
    const pool = fresh.db.pool;
    const sensorIds = (await pool.query<{ id: number }>('SELECT id FROM sensors ORDER BY id LIMIT 1000')).rows.map(
      (r) => r.id,
    );
    const base = Date.now() - 30 * 24 * 3_600_000;
    const batches: Rows[] = [];
    for (let start = 0; start < N; start += BATCH) {
      const b: Rows = { sensors: [], times: [], values: [] };
      for (let i = start; i < start + BATCH; i++) {
        b.sensors.push(sensorIds[i % sensorIds.length]);
        b.times.push(new Date(base + Math.floor(i / sensorIds.length) * 60_000));
        b.values.push(300 + (i % 97) / 10);
      }
      batches.push(b);
    }
    const client = await pool.connect();
    try {
      const run = async (name: string, write: Writer, truncate: boolean) => {
        if (truncate) await client.query('TRUNCATE readings');
        const t0 = performance.now();
        for (const b of batches) await write(client, b);
        const s = (performance.now() - t0) / 1000;
        rows.push([name, s, N / s]);
      };
      for (const [name, write] of writers) await run(name, write, true);
      await run('(i) unnest again: every reading a duplicate', writers[0][1], false);
    } finally {
      client.release();
    }
  } finally {
    await fresh.drop();
  }
  table(['statement (one connection, sequential batches)', 'seconds', 'readings/s'], rows);
}

interface IngestProc {
  child: ChildProcess;
  clientId: string;
  metricsPort: number;
  out: () => string;
}

async function spawnIngest(databaseUrl: string, mqttUrl: string, prefix: string, n: number): Promise<IngestProc> {
  const metricsPort = await freePort();
  const clientId = `yz-bench-ingest-${id}-${n}`;
  const child = spawn(process.execPath, ['ingest/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MQTT_URL: mqttUrl,
      MQTT_TOPIC_PREFIX: prefix,
      INGEST_SHARED_GROUP: `bench${id}`,
      INGEST_CLIENT_ID: clientId,
      METRICS_PORT: String(metricsPort),
      SL651_PORT: String(await freePort()),
      ADMIN_PASSWORD: 'bench-admin-pass',
      LOG_LEVEL: 'warn',
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, clientId, metricsPort, out: () => out };
}

async function waitHealthy(p: IngestProc): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`ingest exited:\n${p.out()}`);
    const ok = await fetch(`http://127.0.0.1:${p.metricsPort}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`ingest not healthy within 30 s:\n${p.out()}`);
}

/** One Prometheus counter of an ingest, 0 when absent. */
async function metric(metricsUrl: string, name = 'ingest_readings_stored_total'): Promise<number> {
  const text = await fetch(metricsUrl)
    .then((r) => r.text())
    .catch(() => '');
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/** 'stored (readings per batch)' of each process. */
async function split(metricsUrls: string[]): Promise<string> {
  const parts = await Promise.all(
    metricsUrls.map(async (u) => {
      const stored = await metric(u);
      const batches = await metric(u, 'ingest_batch_seconds_count');
      const errors = await metric(u, 'ingest_db_errors_total');
      const perBatch = batches ? Math.round(stored / batches) : '-';
      return `${stored.toLocaleString('en-US')} (${perBatch}/batch${errors ? `, ${errors} db errors` : ''})`;
    }),
  );
  return parts.join(' + ');
}

async function stopProc(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Drops the persistent session a bench ingest left on Mosquitto (clean start, session expiry 0). */
async function dropSession(url: string, clientId: string): Promise<void> {
  const c = await mqtt.connectAsync(url, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0 });
  await c.endAsync();
}

/** A private Mosquitto on a free loopback port with the queue limits of deploy/mosquitto/mosquitto.conf. */
async function startMosquitto(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'yz-bench-mqtt-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n` +
      'max_queued_messages 100000\nmax_inflight_messages 1000\nlog_dest none\n',
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await reachable(url)); i++) await sleep(100);
  return {
    url,
    async stop() {
      await stopProc(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function standalone(processes: number, mqttUrl: string, broker: string): Promise<(string | number)[]> {
  const fresh = await freshDatabase(`yz_bench_b${processes}_${id}`);
  const prefix = `bench${id}p${processes}/`;
  const procs: IngestProc[] = [];
  try {
    for (let n = 0; n < processes; n++) procs.push(await spawnIngest(fresh.url, mqttUrl, prefix, n));
    await Promise.all(procs.map(waitHealthy));
    await sleep(1000); // the shared subscription is made just after connecting
    const pool = fresh.db.pool;
    const count = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM readings')).rows[0].n);
    const t0 = performance.now();
    const publishMs = await publishLoad(mqttUrl, prefix, LOAD, 5);
    console.log(`  ${processes} process(es): published in ${(publishMs / 1000).toFixed(1)} s, waiting for the rows`);
    const { reached, ms } = await waitForCount(count, TOTAL, t0, 90_000);
    return [
      `${processes} × ingest/dist/main.js, ${broker}`,
      publishMs / 1000,
      ms / 1000,
      reached,
      (reached / ms) * 1000,
      await split(procs.map((p) => `http://127.0.0.1:${p.metricsPort}/metrics`)),
    ];
  } finally {
    await Promise.all(procs.map((p) => stopProc(p.child)));
    for (const p of procs) await dropSession(mqttUrl, p.clientId).catch(() => undefined);
    await fresh.drop();
  }
}

/**
 * The embedded all-in-one: its /metrics route answers with the dashboard's index.html (the SPA fallback comes first),
 * so the end is seen through the API: the last message of every publisher is stored (ingest keeps arrival order).
 */
async function embedded(): Promise<(string | number)[]> {
  const sys = await startSystem();
  try {
    const token = await sys.login();
    const start = Date.now() - 6 * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const lastOnes = Array.from({ length: LOAD.publishers }, (_, k) => LOAD.messages - 1 - k).map((i) => ({
      code: reservoirs[i % reservoirs.length].code,
      ts: start + Math.floor(i / reservoirs.length) * 60_000 + 30_000,
    }));
    const stored = async () => {
      for (const { code, ts } of lastOnes) {
        const path = `/api/reservoirs/${code}/series?sensor=WL1&bucket=raw&from=${iso(ts - 1000)}&to=${iso(ts + 1000)}`;
        if (!(await sys.get<{ points: unknown[] }>(path, token)).body.points?.length) return 0;
      }
      return TOTAL;
    };
    const t0 = performance.now();
    const publishMs = await publishLoad(sys.mqttUrl, sys.topicPrefix, LOAD, 4, start);
    console.log(`  embedded: published in ${(publishMs / 1000).toFixed(1)} s, waiting for the rows`);
    const { reached, ms } = await waitForCount(stored, TOTAL, t0, 120_000, Infinity);
    const done = reached ? ms : performance.now() - t0;
    return [
      'all-in-one, embedded PGlite + Aedes',
      publishMs / 1000,
      done / 1000,
      reached,
      (reached / done) * 1000,
      '-',
    ];
  } finally {
    await sys.stop();
  }
}

async function main(): Promise<void> {
  const pgUp = await reachable(POSTGRES_URL);
  const mqttUp = await reachable(MOSQUITTO_URL);
  if (pgUp) await storagePath();
  else console.log(`\ningest (a) skipped: no PostgreSQL at ${POSTGRES_URL}`);

  header(
    `ingest (b, c): end to end, ${LOAD.messages.toLocaleString('en-US')} messages × ${READINGS_PER_MESSAGE} readings, ` +
      `${LOAD.publishers} publishers at QoS 1`,
    pgUp ? 'standalone ingest on PostgreSQL + Mosquitto; embedded all-in-one' : 'embedded all-in-one only',
  );
  const rows: (string | number)[][] = [];
  const runs: [string, () => Promise<(string | number)[]>][] = [];
  const broker = pgUp ? await startMosquitto() : undefined;
  if (pgUp && mqttUp) runs.push(['1 on :1883', () => standalone(1, MOSQUITTO_URL, 'Mosquitto :1883 (defaults)')]);
  if (broker) {
    const name = 'private Mosquitto (deploy limits)';
    runs.push(
      ['1 standalone', () => standalone(1, broker.url, name)],
      ['2 standalone', () => standalone(2, broker.url, name)],
    );
  }
  runs.push(['embedded', embedded]);
  for (const [name, run] of runs) {
    rows.push(await run().catch((err: Error) => [`${name}: failed, ${err.message.split('\n')[0]}`]));
  }
  await broker?.stop();
  table(['ingest', 'publish s', 'stored s', 'stored', 'readings/s', 'stored per process'], rows);
  console.log(
    `expected ${TOTAL.toLocaleString('en-US')} readings; 'stored s' runs from the first publish to the last new row; ` +
      'a run that stops short stalled for 5 s (the broker dropped messages)',
  );
}

await main();
process.exit(0);
