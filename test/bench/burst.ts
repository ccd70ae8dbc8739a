// The top of the hour: every reservoir's station reports at once, and the last report of the burst puts one
// reservoir over its design-flood level. Measures how long that alert takes to reach a dashboard (a Socket.IO
// client) while the burst is ingested, on the embedded all-in-one and on PostgreSQL + Mosquitto, and the all-in-one's
// longest event-loop stall meanwhile (what an arriving alarm reading may wait behind).
// BENCH_SIZES=1294,14000 (registry sizes, SEED_RESERVOIRS) and BENCH_MODES=embedded,postgres choose the cases.
// `npm run bench:burst` (after `npm run build`).
import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { POSTGRES_URL, reachable, startSystem, type SystemOptions } from '../support/system.js';
import { generateRegistry } from '@yz/seeds';
import type { ReservoirSeed } from '@yz/domain';
import { header, median, metric, metricIn, scrape, sleep, startMosquitto, table } from './lib.js';

const SIZES = (process.env.BENCH_SIZES ?? '1294,14000').split(',').map(Number);
const MODES = (process.env.BENCH_MODES ?? 'embedded,postgres').split(',');
const RUNS = 3;
const PUBLISHERS = 4;
const READINGS_PER_REPORT = 3;
const HOUR_MS = 3_600_000;
/** How long an alert or the burst's storage is waited for before it counts as never arrived. */
const WAIT_MS = 120_000;

interface Burst {
  /** From publishing the dangerous report (the burst's last) to its `alert` open at the client, in ms. */
  latency: number | null;
  /** From the burst's first report to the alert. */
  sinceBurst: number | null;
  /** From the burst's first report until every reading is stored. */
  storedMs: number | null;
  /** The all-in-one's longest event-loop delay from the burst's start until it was stored. */
  stallMs: number;
}

function report(code: string, ts: number, level: number): { topic: string; payload: string } {
  return {
    topic: `reservoirs/${code}/telemetry`,
    payload: JSON.stringify({
      ts: new Date(ts).toISOString(),
      readings: [
        { sensor: 'RG1', value: 0 },
        { sensor: 'WL1', value: level },
        { sensor: 'BV1', value: 12.6 },
      ],
    }),
  };
}

/** One report from every reservoir at `ts`, then the dangerous one, published last on its own. */
async function burst(
  reservoirs: ReservoirSeed[],
  clients: MqttClient[],
  prefix: string,
  ts: number,
  danger: ReservoirSeed,
  alerted: Promise<number>,
  stored: () => Promise<boolean>,
): Promise<Omit<Burst, 'stallMs'>> {
  const quiet = reservoirs.filter((r) => r !== danger);
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (client, c) => {
      const sent: Promise<unknown>[] = [];
      for (let i = c; i < quiet.length; i += clients.length) {
        const r = report(quiet[i].code, ts, quiet[i].levels.normalLevel - 1);
        sent.push(client.publishAsync(prefix + r.topic, r.payload, { qos: 1 }));
      }
      await Promise.all(sent);
    }),
  );
  const d = report(danger.code, ts, danger.levels.designFloodLevel + 0.5);
  const tDanger = performance.now();
  await clients[0].publishAsync(prefix + d.topic, d.payload, { qos: 1 });
  const allStored = (async () => {
    for (const deadline = performance.now() + WAIT_MS; performance.now() < deadline; await sleep(20)) {
      if (await stored()) return performance.now();
    }
    return null;
  })();
  const at = await Promise.race([alerted, sleep(WAIT_MS).then(() => null)]);
  const storedAt = await allStored;
  return {
    latency: at === null ? null : at - tDanger,
    sinceBurst: at === null ? null : at - t0,
    storedMs: storedAt === null ? null : storedAt - t0,
  };
}

async function run(mode: string, size: number, opts: SystemOptions, protocol: 4 | 5): Promise<Burst[]> {
  const reservoirs = generateRegistry(undefined, size).reservoirs;
  // A province's registry takes minutes to seed on a first start.
  const sys = await startSystem({ ...opts, env: { SEED_RESERVOIRS: String(size) }, startTimeoutMs: 900_000 });
  const waiting = new Map<string, (t: number) => void>();
  let socket: Socket | undefined;
  let clients: MqttClient[] = [];
  try {
    socket = io(sys.url, { auth: { token: await sys.login() }, transports: ['websocket'], reconnection: false });
    socket.on('alert', (a: { reservoirCode: string; event?: string }) => {
      if (a.event === 'open') waiting.get(a.reservoirCode)?.(performance.now());
    });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', resolve);
      socket!.once('connect_error', reject);
    });
    clients = await Promise.all(
      Array.from({ length: PUBLISHERS }, (_, i) =>
        mqtt.connectAsync(sys.mqttUrl, { clientId: `yz-bench-burst-${process.pid}-${i}`, protocolVersion: protocol }),
      ),
    );
    const metricsUrl = `${sys.url}/metrics`;
    const results: Burst[] = [];
    // A first burst warms the system up (caches, plans, JIT); it is not counted.
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    for (let k = 0; k <= RUNS; k++) {
      const danger = reservoirs[reservoirs.length - 1 - k];
      const alerted = new Promise<number>((resolve) => waiting.set(danger.code, resolve));
      // Each scrape reads the stall gauge's maximum since the one before, and starts it again.
      const before = await metric(metricsUrl, 'ingest_readings_stored_total');
      const expected = before + reservoirs.length * READINGS_PER_REPORT;
      let stallS = 0;
      const stored = async () => {
        const text = await scrape(metricsUrl);
        stallS = Math.max(stallS, metricIn(text, 'ingest_event_loop_stall_max_seconds'));
        return metricIn(text, 'ingest_readings_stored_total') >= expected;
      };
      const b = {
        ...(await burst(reservoirs, clients, sys.topicPrefix, hour - (RUNS - k) * HOUR_MS, danger, alerted, stored)),
        stallMs: stallS * 1000,
      };
      const f = (n: number | null) => (n === null ? 'none' : `${Math.round(n)} ms`);
      console.log(
        `  ${mode} ${size}: ${k ? `run ${k}` : 'warm-up'}: alert ${f(b.latency)} after its report, ${f(b.sinceBurst)} after ` +
          `the burst began; burst stored in ${f(b.storedMs)}; longest event-loop stall ${f(b.stallMs)}`,
      );
      if (k) results.push(b);
    }
    return results;
  } finally {
    socket?.disconnect();
    await Promise.all(clients.map((c) => c.endAsync()));
    await sys.stop();
  }
}

function summarise(runs: Burst[]) {
  const med = (pick: (b: Burst) => number | null) => {
    const v = runs.map(pick);
    return v.length && v.every((x) => x !== null) ? Math.round(median(v as number[])) : null;
  };
  return {
    latencyMs: med((b) => b.latency),
    sinceBurstMs: med((b) => b.sinceBurst),
    storedMs: med((b) => b.storedMs),
    stallMs: med((b) => b.stallMs),
  };
}

async function main(): Promise<void> {
  const postgres = await reachable(POSTGRES_URL);
  const modes = MODES.filter((m) => m === 'embedded' || (m === 'postgres' && postgres));
  header(
    `burst: every reservoir reports at once (${SIZES.map((n) => n.toLocaleString('en-US')).join(' and ')}), the ` +
      `last one over its design-flood level; alert latency to a Socket.IO client, median of ${RUNS}`,
    modes.map((m) => (m === 'embedded' ? 'all-in-one, embedded' : 'PostgreSQL + a private Mosquitto')).join('; '),
  );
  const results: Record<string, ReturnType<typeof summarise>> = {};
  for (const size of SIZES) {
    for (const mode of modes) {
      if (mode === 'embedded') {
        results[`${mode}_${size}`] = summarise(await run(mode, size, {}, 4));
        continue;
      }
      // A private Mosquitto with deploy/'s queue limits: a server's default (1,000 queued) drops a province's burst.
      const broker = await startMosquitto();
      try {
        results[`${mode}_${size}`] = summarise(
          await run(mode, size, { postgresUrl: POSTGRES_URL, mqttUrl: broker.url }, 5),
        );
      } finally {
        await broker.stop();
      }
    }
  }
  const ms = (n: number | null) => n ?? '-';
  table(
    ['case', 'alert after its report (ms)', 'after the burst began (ms)', 'burst stored (ms)', 'longest stall (ms)'],
    Object.entries(results).map(([name, r]) => [
      name,
      ms(r.latencyMs),
      ms(r.sinceBurstMs),
      ms(r.storedMs),
      ms(r.stallMs),
    ]),
  );
  console.log(`RESULT ${JSON.stringify(results)}`);
}

await main();
process.exit(0);
