// API latency at concurrency 1 and 10 on the all-in-one, after publishing some history. `npm run bench:api`.
import mqtt from 'mqtt';
import { MOSQUITTO_URL, POSTGRES_URL, reachable } from '../support/system.js';
import { header, percentile, reservoirs, sleep, table } from './lib.js';
import { startSystem, type RunningSystem, type SystemOptions } from '../support/system.js';

const HISTORY_RESERVOIRS = 5;
const HOUR = 3_600_000;
/** Each measurement stops after this many requests or this many seconds, whichever comes first. */
const MAX_REQUESTS = 300;
const MAX_SECONDS = 6;

/** 30 days of hourly WL1 and 24 h of 5-minute WL1 for a few reservoirs, quiet values that open no alert. */
async function publishHistory(sys: RunningSystem): Promise<number> {
  const client = await mqtt.connectAsync(sys.mqttUrl, { clientId: `yz-bench-api-${process.pid}`, protocolVersion: 4 });
  const now = Math.floor(Date.now() / 300_000) * 300_000;
  const times: number[] = [];
  for (let t = now - 30 * 24 * HOUR; t < now - 24 * HOUR; t += HOUR) times.push(t);
  for (let t = now - 24 * HOUR; t <= now; t += 300_000) times.push(t);
  for (const r of reservoirs.slice(0, HISTORY_RESERVOIRS)) {
    for (let i = 0; i < times.length; i += 100) {
      const readings = times.slice(i, i + 100).map((t) => ({
        sensor: 'WL1',
        value: r.levels.normalLevel - 1 + 0.02 * Math.sin(t / (6 * HOUR)),
        ts: new Date(t).toISOString(),
      }));
      const payload = { ts: readings[0].ts, readings };
      await client.publishAsync(`${sys.topicPrefix}reservoirs/${r.code}/telemetry`, JSON.stringify(payload), {
        qos: 1,
      });
    }
  }
  await client.endAsync();
  return times.length * HISTORY_RESERVOIRS;
}

/** A few reservoirs above their design flood level, so the alert list is not empty. */
async function openAlerts(sys: RunningSystem, n: number): Promise<void> {
  const client = await mqtt.connectAsync(sys.mqttUrl, { clientId: `yz-bench-api2-${process.pid}`, protocolVersion: 4 });
  for (const r of reservoirs.slice(100, 100 + n)) {
    const payload = {
      ts: new Date().toISOString(),
      readings: [{ sensor: 'WL1', value: r.levels.designFloodLevel + 0.01 }],
    };
    await client.publishAsync(`${sys.topicPrefix}reservoirs/${r.code}/telemetry`, JSON.stringify(payload), { qos: 1 });
  }
  await client.endAsync();
}

async function measure(
  sys: RunningSystem,
  token: string,
  path: string,
  concurrency: number,
): Promise<{ lat: number[]; rps: number; errors: number; bytes: number }> {
  const lat: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const one = async () => {
    const t = performance.now();
    const res = await fetch(sys.url + path, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.arrayBuffer();
    lat.push(performance.now() - t);
    bytes = body.byteLength;
    if (res.status !== 200) errors++;
  };
  for (let i = 0; i < 5; i++) await one(); // warm-up
  lat.length = 0;
  const t0 = performance.now();
  const end = t0 + MAX_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < MAX_REQUESTS && performance.now() < end) await one();
    }),
  );
  return { lat, rps: (lat.length / (performance.now() - t0)) * 1000, errors, bytes };
}

async function run(mode: string, opts: SystemOptions): Promise<(string | number)[][]> {
  const sys = await startSystem(opts);
  try {
    const token = await sys.login();
    const published = await publishHistory(sys);
    await openAlerts(sys, 20);
    const code = reservoirs[0].code;
    const iso = (ms: number) => new Date(ms).toISOString();
    const now = Date.now();
    const raw24h = `/api/reservoirs/${code}/series?sensor=WL1&bucket=raw&from=${iso(now - 24 * HOUR)}&to=${iso(now)}`;
    const hourly30d = `/api/reservoirs/${code}/series?sensor=WL1&bucket=1h&from=${iso(now - 30 * 24 * HOUR)}&to=${iso(now)}`;
    // Wait until the history is stored (the last reservoir's raw day is complete).
    const last = reservoirs[HISTORY_RESERVOIRS - 1].code;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const res = await sys.get<{ points: unknown[] }>(raw24h.replace(code, last), token);
      if (res.body.points.length >= 288) break;
      await sleep(200);
    }
    const counts = async (path: string) => (await sys.get<{ points: unknown[] }>(path, token)).body.points.length;
    console.log(
      `${mode}: history ${published} WL1 readings on ${HISTORY_RESERVOIRS} reservoirs; ` +
        `24 h raw → ${await counts(raw24h)} points, 30 d hourly → ${await counts(hourly30d)} points`,
    );
    let alerts = 0;
    for (let i = 0; i < 150 && alerts < 20; i++, await sleep(200)) {
      alerts = (await sys.get<unknown[]>('/api/alerts', token)).body.length;
    }
    const endpoints: [string, string][] = [
      [`GET /api/reservoirs (${reservoirs.length})`, '/api/reservoirs'],
      ['GET /api/reservoirs/{code}', `/api/reservoirs/${code}`],
      ['GET …/series WL1 24 h raw', raw24h],
      ['GET …/series WL1 30 d 1h', hourly30d],
      [`GET /api/alerts (${alerts})`, '/api/alerts'],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, path] of endpoints) {
      for (const c of [1, 10]) {
        const m = await measure(sys, token, path, c);
        const kb = `${(m.bytes / 1024).toFixed(1)} KiB`;
        rows.push([
          `${mode}: ${name}`,
          c,
          m.lat.length,
          kb,
          percentile(m.lat, 50),
          percentile(m.lat, 99),
          m.rps,
          m.errors,
        ]);
      }
    }
    return rows;
  } finally {
    await sys.stop();
  }
}

async function main(): Promise<void> {
  const external = (await reachable(POSTGRES_URL)) && (await reachable(MOSQUITTO_URL));
  header(
    `api: latency (ms) and throughput at concurrency 1 and 10 (each: ${MAX_REQUESTS} requests or ${MAX_SECONDS} s)`,
    external ? 'all-in-one, embedded; then all-in-one on PostgreSQL + Mosquitto' : 'all-in-one, embedded',
  );
  const rows = await run('embedded', {});
  if (external) rows.push(...(await run('PG', { postgresUrl: POSTGRES_URL, mqttUrl: MOSQUITTO_URL })));
  table(['endpoint', 'conc.', 'requests', 'body', 'p50 ms', 'p99 ms', 'req/s', 'non-200'], rows);
}

await main();
process.exit(0);
