// Ingest throughput against its ceilings: (a) binary COPY of readings-shaped rows, (b) the project's commit path
// alone (the ingest pipeline fed in-process, no broker) on PostgreSQL and (b′) on the embedded database, (c′) the
// broker alone (a subscriber that only acknowledges), (c) end to end over MQTT: a standalone ingest on PostgreSQL
// behind Mosquitto, and the embedded all-in-one, at 5 and 50 readings per message; end-to-end rates are given as
// shares of COPY and of the broker sink at the same size; then the CPU each part (load publisher, broker, ingest,
// database) used per reading, from /proc. Each figure is the median of 3 runs; a run that lost messages gets no
// rate. `npm run bench:ingest` (after `npm run build`); BENCH_READINGS sets the readings per run, BENCH_PUBLISHERS the
// load's connections.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { IngestMetrics, IngestPipeline, RegistryCache } from '@yz/ingest';
import { freePort, POSTGRES_URL, reachable, ROOT, startSystem } from '../support/system.js';
import {
  freshDatabase,
  header,
  loadMessages,
  loadSpanMs,
  median,
  metric,
  metricIn,
  publishLoad,
  sleep,
  startMosquitto,
  stopProc,
  table,
  type Load,
} from './lib.js';
import { cpuPerReading, cpuSnapshot, processesNamed, type CpuSnapshot, type Parts } from './cpu.js';

const RUNS = 3;
const COPY_ROWS = 200_000;
/** Readings per run (BENCH_READINGS): 100,000 lasted half a second on PostgreSQL, mostly start-up of the run. */
const READINGS = Number(process.env.BENCH_READINGS ?? 300_000);
const PER_MESSAGE = [5, 50] as const;
/**
 * The load's connections (BENCH_PUBLISHERS), each keeping up to 200 messages unacknowledged. The embedded broker
 * acknowledges a message once stored, and reads a connection on while up to 1,000 of its messages wait: with fewer
 * connections each commit takes fewer readings, so end to end embedded also measures how many connections publish
 * (Mosquitto acknowledges at once).
 */
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 4);
const load = (perMessage: number): Load => ({ messages: READINGS / perMessage, publishers: PUBLISHERS, perMessage });
/** No reading stored for this long: the rest is lost (a batch of 500 × 50 readings can take seconds embedded). */
const STALL_MS = 20_000;
const id = `${process.pid}_${Date.now().toString(36)}`;

/** One measured run: readings/s, or null with how many readings never arrived; CPU µs per reading by part. */
interface Run {
  rate: number | null;
  lost: number;
  cpu: CpuSnapshot;
  /** Commits the run took (0 where nothing commits): fewer readings per commit cost more per reading. */
  commits: number;
}

/** The median rate of the runs, or null when any run lost messages (a partial run says nothing about speed). */
function summary(runs: Run[]): number | null {
  return runs.every((r) => r.rate !== null) ? median(runs.map((r) => r.rate!)) : null;
}

/** The median readings per commit of the runs (null where ingest does not commit: COPY, the broker sink). */
function readingsPerCommit(runs: Run[]): number | null {
  const perCommit = runs.filter((r) => r.commits > 0).map((r) => READINGS / r.commits);
  return perCommit.length ? median(perCommit) : null;
}

/** Each part's median CPU µs per reading over the runs. */
function medianCpu(runs: Run[]): CpuSnapshot {
  const parts = Object.keys(runs[0]?.cpu ?? {});
  return Object.fromEntries(parts.map((p) => [p, median(runs.map((r) => r.cpu[p]))]));
}

function cells(runs: Run[]): string[] {
  return runs.map((r) => (r.rate === null ? `LOST ${r.lost.toLocaleString('en-US')}` : fmtRate(r.rate)));
}

const fmtRate = (n: number) => Math.round(n).toLocaleString('en-US');

/** Ingest's count of commits (of its batch-time histogram). */
const COMMITS = 'ingest_batch_seconds_count';
const self = () => [process.pid];
const postgres = () => processesNamed('postgres');

/** PostgreSQL's binary COPY format: header, then per row its field count and each field as length + bytes. */
function binaryCopy(sensors: number[], rows: number, startMs: number): Buffer {
  const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
  const out = Buffer.alloc(19 + rows * (2 + 8 + 12 + 12) + 2);
  out.write('PGCOPY\n\xff\r\n\0', 0, 'latin1');
  out.writeInt32BE(0, 11); // flags
  out.writeInt32BE(0, 15); // header extension length
  let o = 19;
  for (let i = 0; i < rows; i++) {
    out.writeInt16BE(3, o);
    out.writeInt32BE(4, o + 2);
    out.writeInt32BE(sensors[i % sensors.length], o + 6);
    out.writeInt32BE(8, o + 10);
    const ms = startMs + Math.floor(i / sensors.length) * 60_000;
    out.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, o + 14);
    out.writeInt32BE(8, o + 22);
    out.writeDoubleBE(300 + (i % 97) / 10, o + 26);
    o += 34;
  }
  out.writeInt16BE(-1, o);
  return out;
}

/** (a) The ceiling: one binary COPY stream into a table shaped like readings, with its key index. */
async function copyCeiling(): Promise<Run[]> {
  const fresh = await freshDatabase(`yz_bench_copy_${id}`);
  try {
    const pool = fresh.db.pool;
    await pool.query('CREATE TABLE readings_copy (LIKE readings INCLUDING DEFAULTS INCLUDING INDEXES)');
    const sensors = (await pool.query<{ id: number }>('SELECT id FROM sensors ORDER BY id LIMIT 1000')).rows;
    const data = binaryCopy(
      sensors.map((s) => s.id),
      COPY_ROWS,
      Date.now() - 30 * 24 * 3_600_000,
    );
    const client = await pool.connect();
    const runs: Run[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        await client.query('TRUNCATE readings_copy');
        const parts = { load: self, database: postgres };
        const cpu0 = cpuSnapshot(parts);
        const t0 = performance.now();
        await pipeline(
          Readable.from([data]),
          client.query(copyFrom('COPY readings_copy (sensor_id, time, value) FROM STDIN (FORMAT binary)')),
        );
        runs.push({
          rate: (COPY_ROWS / (performance.now() - t0)) * 1000,
          lost: 0,
          cpu: cpuPerReading(cpu0, cpuSnapshot(parts), COPY_ROWS),
          commits: 0,
        });
      }
    } finally {
      client.release();
    }
    return runs;
  } finally {
    await fresh.drop();
  }
}

/**
 * (b) The pipeline as ingest runs it (validation, batching, the acknowledged commit), fed without a broker, on
 * PostgreSQL or on the embedded database (its worker thread, over the loopback wire, as the all-in-one has it).
 */
async function commitPath(perMessage: number, embedded = false): Promise<Run[]> {
  const fresh = await freshDatabase(embedded ? null : `yz_bench_commit${perMessage}_${id}`);
  const registry = new RegistryCache(fresh.db.db);
  try {
    await registry.start();
    const runs: Run[] = [];
    const l = load(perMessage);
    // The pipeline runs in this process, as does the embedded database's worker thread.
    const parts: Parts = embedded ? { ingest: self } : { ingest: self, database: postgres };
    for (let run = 0; run < RUNS; run++) {
      const metrics = new IngestMetrics();
      const ingest = new IngestPipeline(fresh.db.db, registry.sensorsOf, metrics);
      const messages = loadMessages('', l, Date.now() - (run + 2) * loadSpanMs(l));
      let committed = 0;
      const cpu0 = cpuSnapshot(parts);
      const t0 = performance.now();
      const done = new Promise<void>((resolve) => {
        for (const { topic, payload } of messages) {
          ingest.accept(topic, payload, () => {
            if (++committed === l.messages) resolve();
          });
        }
      });
      await done;
      runs.push({
        rate: (READINGS / (performance.now() - t0)) * 1000,
        lost: 0,
        cpu: cpuPerReading(cpu0, cpuSnapshot(parts), READINGS),
        commits: metricIn(await metrics.registry.metrics(), COMMITS),
      });
      await ingest.drain();
    }
    return runs;
  } finally {
    registry.stop();
    await fresh.drop();
  }
}

/**
 * Publishes a load per run and waits, polling the ingest's in-memory metrics (no database query), until every
 * reading is stored or nothing was stored for STALL_MS (the broker dropped messages).
 */
async function endToEnd(
  mqttUrl: string,
  prefix: string,
  metricsUrl: string,
  protocol: 4 | 5,
  l: Load,
  parts: Parts,
): Promise<Run[]> {
  const runs: Run[] = [];
  for (let run = 0; run < RUNS; run++) {
    const before = await metric(metricsUrl, 'ingest_readings_stored_total');
    const commitsBefore = await metric(metricsUrl, COMMITS);
    // Each run's readings follow the last's, and the last run's end in the past (later ones are refused).
    const messages = loadMessages(prefix, l, Date.now() - (RUNS + 1 - run) * loadSpanMs(l));
    const cpu0 = cpuSnapshot(parts);
    const t0 = performance.now();
    const published = publishLoad(mqttUrl, messages, l.publishers, protocol);
    let stored = 0;
    let progressAt = performance.now();
    while (stored < READINGS && performance.now() - progressAt < STALL_MS) {
      await sleep(20);
      const n = (await metric(metricsUrl, 'ingest_readings_stored_total')) - before;
      if (n > stored) [stored, progressAt] = [n, performance.now()];
    }
    const cpu = cpuPerReading(cpu0, cpuSnapshot(parts), READINGS);
    const commits = (await metric(metricsUrl, COMMITS)) - commitsBefore;
    await published.catch(() => undefined);
    runs.push(
      stored >= READINGS
        ? { rate: (READINGS / (progressAt - t0)) * 1000, lost: 0, cpu, commits }
        : { rate: null, lost: READINGS - stored, cpu, commits },
    );
  }
  return runs;
}

/** Waits until `url` answers (a child process's HTTP endpoint), then a little for its subscription. */
async function answering(url: string): Promise<void> {
  for (
    let i = 0;
    i < 300 &&
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await sleep(100);
  await sleep(500); // the subscription is made just after connecting
}

/**
 * (c′) The broker's ceiling: the same load through a private Mosquitto to a subscriber that only acknowledges
 * (broker-sink.ts), in a process of its own as ingest is. What the MQTT path alone costs on this machine.
 */
async function brokerSink(perMessage: number): Promise<Run[]> {
  const broker = await startMosquitto();
  const port = await freePort();
  const prefix = `sink${id}/`;
  const child = spawn(
    process.execPath,
    ['test/dist/bench/broker-sink.js', broker.url, prefix, String(perMessage), String(port)],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    await answering(`http://127.0.0.1:${port}/metrics`);
    const parts = { load: self, broker: () => [broker.pid], sink: () => [child.pid!] };
    return await endToEnd(broker.url, prefix, `http://127.0.0.1:${port}/metrics`, 5, load(perMessage), parts);
  } finally {
    await stopProc(child);
    await broker.stop();
  }
}

/** (c) ingest/dist/main.js on a fresh PostgreSQL database behind a private Mosquitto. */
async function standalone(perMessage: number): Promise<Run[]> {
  const broker = await startMosquitto();
  const fresh = await freshDatabase(`yz_bench_e2e${perMessage}_${id}`);
  const metricsPort = await freePort();
  const clientId = `yz-bench-ingest-${id}-${perMessage}`;
  const prefix = `bench${id}/`;
  const child = spawn(process.execPath, ['ingest/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: fresh.url,
      MQTT_URL: broker.url,
      MQTT_TOPIC_PREFIX: prefix,
      INGEST_CLIENT_ID: clientId,
      METRICS_PORT: String(metricsPort),
      SL651_PORT: String(await freePort()),
      ADMIN_PASSWORD: 'bench-admin-pass',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await answering(`http://127.0.0.1:${metricsPort}/health`);
    const parts = { load: self, broker: () => [broker.pid], ingest: () => [child.pid!], database: postgres };
    return await endToEnd(broker.url, prefix, `http://127.0.0.1:${metricsPort}/metrics`, 5, load(perMessage), parts);
  } finally {
    await stopProc(child);
    await fresh.drop();
    await broker.stop();
  }
}

/** (c) The all-in-one on its embedded database and broker; its /metrics are the in-process ingest's. */
async function embedded(perMessage: number): Promise<Run[]> {
  const sys = await startSystem();
  try {
    // The all-in-one holds the broker, ingest and the database's worker thread.
    const parts = { load: self, 'all-in-one': () => [sys.pid] };
    return await endToEnd(sys.mqttUrl, sys.topicPrefix, `${sys.url}/metrics`, 4, load(perMessage), parts);
  } finally {
    await sys.stop();
  }
}

async function measure(name: string, run: () => Promise<Run[]>): Promise<Run[]> {
  const runs = await run().catch((err: Error): Run[] => {
    console.log(`${name}: failed, ${err.message.split('\n')[0]}`);
    return [];
  });
  console.log(`  ${name}: ${cells(runs).join(', ') || 'no runs'} readings/s`);
  return runs;
}

async function main(): Promise<void> {
  if (!Number.isInteger(PUBLISHERS) || PUBLISHERS < 1) {
    console.log(`BENCH_PUBLISHERS must be a whole number of connections, got ${process.env.BENCH_PUBLISHERS}`);
    process.exit(1);
  }
  if (!(await reachable(POSTGRES_URL))) {
    console.log(`bench:ingest needs PostgreSQL at ${POSTGRES_URL} for its ceiling`);
    process.exit(1);
  }
  header(
    `ingest: ${READINGS.toLocaleString('en-US')} readings per run from ${PUBLISHERS} publishers, median of ${RUNS} runs`,
    'PostgreSQL (binary COPY ceiling, commit path, standalone ingest + private Mosquitto); embedded (commit path, all-in-one)',
  );
  const copy = await measure('binary COPY ceiling', copyCeiling);
  const cases: Record<string, [string, (n: number) => Promise<Run[]>]> = {
    commit: ['commit path', (n) => commitPath(n)],
    commit_embedded: ['commit path embedded', (n) => commitPath(n, true)],
    sink: ['broker sink (acknowledge only)', brokerSink],
    pg: ['end to end PostgreSQL', standalone],
    embedded: ['end to end embedded', embedded],
  };
  // BENCH_CASES=commit,pg runs only those (the COPY ceiling always runs).
  const only = process.env.BENCH_CASES?.split(',');
  const results: Record<string, Run[]> = {};
  for (const [key, [label, run]] of Object.entries(cases)) {
    if (only && !only.includes(key)) continue;
    for (const n of PER_MESSAGE) results[`${key}_${n}`] = await measure(`${label}, ${n}/message`, () => run(n));
  }

  const ceiling = summary(copy);
  const share = (rate: number | null, of: number | null) => (rate !== null && of ? rate / of : null);
  // End to end at n readings/message against the broker sink at n.
  const sinkOf = (name: string) => {
    const n = /^(?:pg|embedded)_(\d+)$/.exec(name)?.[1];
    return n ? summary(results[`sink_${n}`] ?? []) : null;
  };
  const rows = Object.entries(results).map(([name, runs]) => {
    const rate = summary(runs);
    return [
      name,
      ...cells(runs),
      rate ?? '-',
      share(rate, ceiling)?.toFixed(2) ?? '-',
      share(rate, sinkOf(name))?.toFixed(2) ?? '-',
    ];
  });
  table(
    ['case', 'run 1', 'run 2', 'run 3', 'median readings/s', 'of COPY', 'of sink'],
    [['binary COPY', ...cells(copy), ceiling ?? '-', '1.00', '-'], ...rows],
  );
  const round3 = (n: number | null) => n && Number(n.toFixed(3));
  const figures = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => {
      const rate = summary(runs);
      return [
        name,
        {
          rate: rate && Math.round(rate),
          ofCopy: round3(share(rate, ceiling)),
          ofSink: round3(share(rate, sinkOf(name))),
        },
      ];
    }),
  );

  // CPU per reading by part, each the median of the runs, and what the cores could carry at that cost if every part
  // kept them busy, with the load publisher and without it (stations are not on the server): the rates can be no higher.
  const runsByCase: Record<string, Run[]> = { copy, ...results };
  const cpu = Object.fromEntries(Object.entries(runsByCase).map(([name, runs]) => [name, medianCpu(runs)]));
  const partNames = [...new Set(Object.values(cpu).flatMap((c) => Object.keys(c)))];
  const total = (c: CpuSnapshot) => Object.values(c).reduce((a, b) => a + b, 0);
  const cores = cpus().length;
  console.log();
  table(
    [
      'CPU µs per reading',
      ...partNames,
      'total',
      'cores busy',
      `readings/s on ${cores} cores`,
      'without load',
      'readings/commit',
    ],
    Object.entries(cpu).map(([name, c]) => [
      name,
      ...partNames.map((p) => c[p]?.toFixed(2) ?? '-'),
      total(c).toFixed(2),
      ((total(c) * (summary(runsByCase[name]) ?? NaN)) / 1e6).toFixed(2),
      (cores * 1e6) / total(c),
      (cores * 1e6) / (total(c) - (c.load ?? 0)),
      readingsPerCommit(runsByCase[name]) ?? '-',
    ]),
  );
  const round2 = (c: CpuSnapshot) => Object.fromEntries(Object.entries(c).map(([p, us]) => [p, Number(us.toFixed(2))]));
  for (const name of Object.keys(figures)) {
    const perCommit = readingsPerCommit(results[name]);
    Object.assign(figures[name], { cpuUs: round2(cpu[name]), readingsPerCommit: perCommit && Math.round(perCommit) });
  }
  console.log(
    `RESULT ${JSON.stringify({ copy: ceiling && Math.round(ceiling), copyCpuUs: round2(cpu.copy), ...figures })}`,
  );
}

await main();
process.exit(0);
