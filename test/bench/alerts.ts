// Alert latency: from the MQTT publish of a threshold-crossing reading to the `alert` open event at every one of
// 200 connected dashboards. `npm run bench:alerts` (after `npm run build`).
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { MOSQUITTO_URL, POSTGRES_URL, reachable } from '../support/system.js';
import { header, percentile, reservoirs, sleep, table } from './lib.js';
import { startSystem, type RunningSystem, type SystemOptions } from '../support/system.js';

const CLIENTS = 200;
const ALERTS = 100;

interface AlertEvent {
  reservoirCode: string;
  event?: string;
}

async function connectClients(sys: RunningSystem, token: string, arrivals: Map<string, number[]>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    // forceNew: a connection per dashboard, not one multiplexed connection for all.
    const s = io(sys.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    s.on('alert', (a: AlertEvent) => {
      if (a.event === 'open') arrivals.get(a.reservoirCode)?.push(performance.now());
    });
    sockets.push(s);
  }
  const deadline = Date.now() + 30_000;
  while (sockets.some((s) => !s.connected)) {
    if (Date.now() > deadline) throw new Error(`${sockets.filter((s) => s.connected).length}/${CLIENTS} connected`);
    await sleep(50);
  }
  return sockets;
}

async function run(mode: string, opts: SystemOptions): Promise<(string | number)[][]> {
  const sys = await startSystem(opts);
  const arrivals = new Map<string, number[]>();
  let sockets: Socket[] = [];
  const publisher = await mqtt.connectAsync(sys.mqttUrl, {
    clientId: `yz-bench-alerts-${process.pid}`,
    protocolVersion: opts.mqttUrl ? 5 : 4,
  });
  try {
    sockets = await connectClients(sys, await sys.login(), arrivals);
    // Warm-up: right after start-up the embedded system is busy for some seconds; one alert waits that out.
    const warm = reservoirs[reservoirs.length - 1];
    const warmGot: number[] = [];
    arrivals.set(warm.code, warmGot);
    const warmT0 = performance.now();
    await publisher.publishAsync(
      `${sys.topicPrefix}reservoirs/${warm.code}/telemetry`,
      JSON.stringify({
        ts: new Date().toISOString(),
        readings: [{ sensor: 'WL1', value: warm.levels.designFloodLevel + 0.01 }],
      }),
      { qos: 1 },
    );
    while (warmGot.length < CLIENTS && performance.now() - warmT0 < 60_000) await sleep(10);
    console.log(
      `${mode}: warm-up alert reached ${warmGot.length}/${CLIENTS} clients after ${Math.round(performance.now() - warmT0)} ms`,
    );
    const lastClient: number[] = [];
    const firstClient: number[] = [];
    const perClient: number[] = [];
    let missed = 0;
    const missing: string[] = [];
    const slow: string[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const r = reservoirs[(i * 11) % reservoirs.length];
      const got: number[] = [];
      arrivals.set(r.code, got);
      const payload = JSON.stringify({
        ts: new Date().toISOString(),
        readings: [{ sensor: 'WL1', value: r.levels.designFloodLevel + 0.01 }],
      });
      const t0 = performance.now();
      void publisher.publishAsync(`${sys.topicPrefix}reservoirs/${r.code}/telemetry`, payload, { qos: 1 });
      const deadline = t0 + 5_000;
      while (got.length < CLIENTS && performance.now() < deadline) await sleep(2);
      missed += CLIENTS - got.length;
      if (got.length < CLIENTS) missing.push(`#${i} ${r.code} (${got.length}/${CLIENTS})`);
      else if (Math.max(...got) - t0 > 1000) slow.push(`#${i} ${r.code} ${Math.round(Math.max(...got) - t0)} ms`);
      if (got.length) {
        firstClient.push(Math.min(...got) - t0);
        lastClient.push(Math.max(...got) - t0);
        perClient.push(...got.map((t) => t - t0));
      }
      await sleep(20);
    }
    const row = (name: string, v: number[]) => [
      `${mode}: ${name}`,
      v.length,
      percentile(v, 50),
      percentile(v, 90),
      percentile(v, 99),
      Math.max(...v),
    ];
    if (missed) console.log(`${mode}: ${missed} deliveries missing after 5 s: ${missing.join(', ')}`);
    if (slow.length) console.log(`${mode}: over 1 s: ${slow.join(', ')}`);
    return [
      row('first client, per alert', firstClient),
      row(`last of ${CLIENTS} clients, per alert`, lastClient),
      row('every client', perClient),
    ];
  } finally {
    for (const s of sockets) s.disconnect();
    await publisher.endAsync();
    await sys.stop();
  }
}

async function main(): Promise<void> {
  const external = (await reachable(POSTGRES_URL)) && (await reachable(MOSQUITTO_URL));
  header(
    `alerts: publish → 'alert' open at ${CLIENTS} socket.io clients, ${ALERTS} alerts, one at a time (ms)`,
    external ? 'all-in-one, embedded; then all-in-one on PostgreSQL + Mosquitto' : 'all-in-one, embedded',
  );
  const rows = await run('embedded', {});
  if (external) rows.push(...(await run('PG+Mosquitto', { postgresUrl: POSTGRES_URL, mqttUrl: MOSQUITTO_URL })));
  table(['latency', 'samples', 'p50', 'p90', 'p99', 'max'], rows);
  console.log('clients, publisher and clock are in this one process; the system under test is a separate process');
}

await main();
process.exit(0);
