// Shared helpers of the benchmarks: machine context, percentiles, tables, fresh PostgreSQL databases, load publishing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '@yz/platform';
import { type ReservoirSeed } from '@yz/domain';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { freePort, POSTGRES_URL, reachable, ROOT } from '../support/system.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function header(title: string, mode: string): void {
  const cpu = cpus();
  console.log(`\n== ${title} ==`);
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `node ${process.version}, ${process.platform}/${process.arch}`,
  );
  console.log(`mode: ${mode}`);
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function table(headings: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => headings.map((_, i) => (typeof r[i] === 'number' ? fmt(r[i]) : String(r[i] ?? ''))));
  const widths = headings.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(headings));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) console.log(line(r));
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (Math.abs(n) >= 100 || Number.isInteger(n)) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(1);
}

export const registry = generateRegistry();
export const reservoirs: ReservoirSeed[] = registry.reservoirs;

/**
 * A fresh database, migrated and with the registry loaded: on the machine's PostgreSQL, or (name null) an embedded
 * one in a scratch directory.
 */
export async function freshDatabase(
  name: string | null,
): Promise<{ url: string; db: OpenDatabase; drop(): Promise<void> }> {
  let databaseUrl: string | undefined;
  if (name) {
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(POSTGRES_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-bench-'));
  const quiet = { log: () => {}, warn: () => {} };
  const db = await openDatabase({ databaseUrl, dataDir, afterMigrate: (ds) => loadRegistry(ds, registry) }, quiet);
  return {
    url: db.url,
    db,
    async drop() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface Load {
  messages: number;
  publishers: number;
  /** Readings in one message: RG1, WL1, BV1 in turn, every third one 10 s later than the three before. */
  perMessage: number;
}

/** Spacing of one reservoir's messages: room for 50 readings' 10-second steps. */
const MESSAGE_EVERY_MS = 5 * 60_000;

/** Message `i` of a load: reservoirs round-robin, quiet values that open no alert. */
export function loadMessage(i: number, perMessage: number, startMs: number): { code: string; payload: string } {
  const r = reservoirs[i % reservoirs.length];
  const ts = startMs + Math.floor(i / reservoirs.length) * MESSAGE_EVERY_MS;
  const quiet = [0, r.levels.normalLevel - 1, 12.6];
  const readings = Array.from({ length: perMessage }, (_, j) => ({
    sensor: ['RG1', 'WL1', 'BV1'][j % 3],
    value: quiet[j % 3],
    ts: new Date(ts + Math.floor(j / 3) * 10_000).toISOString(),
  }));
  return { code: r.code, payload: JSON.stringify({ ts: new Date(ts).toISOString(), readings }) };
}

/** The time span a load's messages cover, so that consecutive runs write new rows. */
export function loadSpanMs(load: Load): number {
  return Math.ceil(load.messages / reservoirs.length + 1) * MESSAGE_EVERY_MS;
}

/** A load's messages, built before the clock starts: composing JSON is the stations' work, not the system's. */
export function loadMessages(prefix: string, load: Load, startMs: number): { topic: string; payload: Buffer }[] {
  return Array.from({ length: load.messages }, (_, i) => {
    const { code, payload } = loadMessage(i, load.perMessage, startMs);
    return { topic: `${prefix}reservoirs/${code}/telemetry`, payload: Buffer.from(payload) };
  });
}

/**
 * Publishes the messages at QoS 1 from `publishers` clients (message i from client i mod publishers) with a window
 * of unacknowledged messages each. Resolves when every PUBACK has arrived; returns the publish time in ms.
 */
export async function publishLoad(
  url: string,
  messages: { topic: string; payload: Buffer }[],
  publishers: number,
  protocolVersion: 4 | 5,
): Promise<number> {
  const window = 200;
  const clients = await Promise.all(
    Array.from({ length: publishers }, (_, i) =>
      mqtt.connectAsync(url, { clientId: `yz-bench-pub-${process.pid}-${i}`, protocolVersion, clean: true }),
    ),
  );
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (client, c) => {
      // A sliding window, as many stations publishing on their own would keep: the next message goes as soon as one
      // is acknowledged, not once the whole window is.
      let inFlight = 0;
      let failed: unknown;
      let wake: (() => void) | undefined;
      const settled = () => {
        inFlight--;
        const w = wake;
        wake = undefined;
        w?.();
      };
      for (let i = c; i < messages.length && failed === undefined; i += publishers) {
        inFlight++;
        client.publishAsync(messages[i].topic, messages[i].payload, { qos: 1 }).then(settled, (err) => {
          failed = err;
          settled();
        });
        if (inFlight >= window) await new Promise<void>((resolve) => (wake = resolve));
      }
      while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
      if (failed !== undefined) throw failed;
    }),
  );
  const ms = performance.now() - t0;
  await Promise.all(clients.map((c) => c.endAsync()));
  return ms;
}

/** The median of an odd number of figures. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** One Prometheus counter or gauge (summed over labels), 0 when absent or unreachable. */
export async function metric(metricsUrl: string, name: string): Promise<number> {
  return metricIn(await scrape(metricsUrl), name);
}

/** The Prometheus text of `metricsUrl` ('' when it does not answer). */
export async function scrape(metricsUrl: string): Promise<string> {
  return fetch(metricsUrl)
    .then((r) => r.text())
    .catch(() => '');
}

/** A metric's value in scraped text, summed over its labels. */
export function metricIn(text: string, name: string): number {
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) sum += Number(m[1]);
  return sum;
}

/** Polls `count` until it reaches `total`, stalls for `stallMs` or `timeoutMs` passes; returns the count and time. */
export async function waitForCount(
  count: () => Promise<number>,
  total: number,
  t0: number,
  timeoutMs: number,
  stallMs = 5_000,
): Promise<{ reached: number; ms: number }> {
  let reached = 0;
  let progressAt = performance.now();
  while (performance.now() - t0 < timeoutMs && performance.now() - progressAt < stallMs) {
    const n = await count();
    if (n > reached) [reached, progressAt] = [n, performance.now()];
    if (reached >= total) break;
    await sleep(50);
  }
  return { reached, ms: progressAt - t0 };
}

/** Ends a child process: SIGTERM, then SIGKILL if it has not gone after 10 s. */
export async function stopProc(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The queue and in-flight limits of deploy/mosquitto/mosquitto.conf, as its lines. */
function deployedQueueLimits(): string {
  const conf = readFileSync(join(ROOT, 'deploy/mosquitto/mosquitto.conf'), 'utf8');
  return conf.match(/^max_(?:queued|inflight)_messages \d+$/gm)!.join('\n') + '\n';
}

/** A private Mosquitto on a free loopback port with the queue limits of deploy/mosquitto/mosquitto.conf. */
export async function startMosquitto(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'yz-bench-mqtt-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n${deployedQueueLimits()}`,
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await reachable(url)); i++) await sleep(100);
  return {
    url,
    pid: child.pid!,
    async stop() {
      await stopProc(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
