// Issue 12, the ingest half under hostile and faulty input, on the all-in-one with its embedded database and broker:
// - acknowledged readings lost when the process is killed (SIGKILL) during a QoS 1 stream (target 0);
// - seconds until a good reading is stored after messages with NUL bytes (median of 3; target < 5 s);
// - /api/health p95 during a flood of telemetry at up to 10,000 msg/s, as a ratio to the idle p95 of the same run;
// - RSS after six bursts of 100,000 readings, against the RSS before them;
// - the SL 651 station serving a real RTU (M2 confirmation time, median of 3) with 5,000 idle and 300 slowloris
//   connections open from another address, as a ratio to the same RTU on a quiet station.
// Sizes: BENCH_KILL_READINGS (50000), BENCH_BURSTS (6), BENCH_BURST_READINGS (100000), BENCH_FLOOD_SECONDS (10).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { encodeAck, encodeMessage, startSl651Station, uplinkReport, type Message } from '@yz/ingest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { header, loadMessages, percentile, publishLoad, sleep, table } from './lib.js';

const KILL_READINGS = Number(process.env.BENCH_KILL_READINGS ?? 50_000);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 6);
const BURST_READINGS = Number(process.env.BENCH_BURST_READINGS ?? 100_000);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 10);
/** Readings in each burst message. */
const READINGS_PER_MESSAGE = 5;

/** The machine may be shared: start-up is allowed longer than in tests. */
const START_MS = 300_000;
const median = (xs: number[]) => percentile(xs, 50);
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function firstCode(sys: RunningSystem, token: string): Promise<string> {
  return (await sys.get<{ code: string }[]>('/api/reservoirs?county=431126', token)).body[0].code;
}

async function seriesTimes(sys: RunningSystem, token: string, code: string, from: number, to: number) {
  const q = `sensor=WL1&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  const res = await sys.get<{ points: [string, number][] }>(`/api/reservoirs/${code}/series?${q}`, token);
  return new Set(res.body.points.map(([t]) => Date.parse(t)));
}

/** QoS 1 stream of one-reading messages, 100 in flight; SIGKILL at 40 %; acknowledged readings missing after restart. */
async function ackedLost(): Promise<{ acked: number; lost: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-bench-kill-'));
  try {
    const sys = await startSystem({ dataDir, startTimeoutMs: START_MS });
    const code = await firstCode(sys, await sys.login());
    const base = Math.floor(Date.now() / 1000) * 1000 - 24 * 3_600_000;
    const client = await mqtt.connectAsync(sys.mqttUrl, { reconnectPeriod: 0 });
    client.on('error', () => undefined);
    const acked: number[] = [];
    let next = 0;
    let killed = false;
    const publisher = async () => {
      while (next < KILL_READINGS && !killed) {
        const i = next++;
        const ts = new Date(base + i * 1000);
        await client.publishAsync(
          `reservoirs/${code}/telemetry`,
          JSON.stringify({ readings: [{ sensor: 'WL1', value: 100, ts }] }),
          { qos: 1 },
        );
        if (!killed) acked.push(i);
      }
    };
    for (let i = 0; i < 100; i++) publisher().catch(() => undefined);
    while (acked.length < KILL_READINGS * 0.4) await sleep(20);
    await sys.kill();
    killed = true;
    const before = [...acked];
    client.end(true);
    const again = await startSystem({ dataDir, startTimeoutMs: START_MS });
    const stored = await seriesTimes(again, await again.login(), code, base - 1000, base + KILL_READINGS * 1000);
    await again.stop();
    return { acked: before.length, lost: before.filter((i) => !stored.has(base + i * 1000)).length };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** NUL in a payload, a topic and a bridge topic, then a good reading: seconds until the good one is stored. */
async function secondsAfterNul(sys: RunningSystem, token: string, code: string, run: number): Promise<number> {
  const client = await mqtt.connectAsync(sys.mqttUrl);
  const ts = Date.now() - (run + 1) * 60_000;
  const reading = (t: number) => JSON.stringify({ readings: [{ sensor: 'WL1', value: 100, ts: new Date(t) }] });
  await client.publishAsync(`reservoirs/${code}/telemetry`, Buffer.from(reading(ts - 1000) + '\0'), { qos: 1 });
  await client.publishAsync(`reservoirs/${code}\0/telemetry`, reading(ts - 2000), { qos: 1 });
  await client.publishAsync('sl651/12\u000034/up', '7E7E00', { qos: 1 });
  const t0 = performance.now();
  await client.publishAsync(`reservoirs/${code}/telemetry`, reading(ts), { qos: 1 });
  while (!(await seriesTimes(sys, token, code, ts - 500, ts + 500)).has(ts)) await sleep(50);
  await client.endAsync();
  return (performance.now() - t0) / 1000;
}

async function healthLatencies(sys: RunningSystem, untilMs: number): Promise<{ ms: number[]; notOk: number }> {
  const ms: number[] = [];
  let notOk = 0;
  while (performance.now() < untilMs) {
    const t0 = performance.now();
    const res = await fetch(`${sys.url}/api/health`).catch(() => undefined);
    ms.push(performance.now() - t0);
    if (!res?.ok) notOk++;
    await sleep(100);
  }
  return { ms, notOk };
}

/** Publishes at up to `perSecond` QoS 0 messages of 5 readings for `seconds`; returns messages sent. */
async function flood(url: string, perSecond: number, seconds: number): Promise<number> {
  const client = await mqtt.connectAsync(url);
  let sent = 0;
  const end = performance.now() + seconds * 1000;
  const base = Date.now() - 12 * 3_600_000;
  while (performance.now() < end) {
    const tick = performance.now();
    for (let i = 0; i < perSecond / 10; i++, sent++) {
      const ts = new Date(base + sent * 1000).toISOString();
      client.publish(
        `reservoirs/431126-${String(1 + (sent % 50)).padStart(4, '0')}/telemetry`,
        `{"ts":"${ts}","readings":[{"sensor":"RG1","value":0},{"sensor":"WL1","value":100},{"sensor":"BV1","value":12.6},{"sensor":"RG1","value":0,"ts":"${ts}"},{"sensor":"BV1","value":12.5,"ts":"${ts}"}]}`,
      );
    }
    await sleep(Math.max(0, 100 - (performance.now() - tick)));
  }
  await client.endAsync();
  return sent;
}

/** M2 confirmation time of one report from an RTU at 127.0.0.2. */
async function rtuMs(port: number, message: Message): Promise<number> {
  const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
  await once(socket, 'connect');
  const ack = encodeAck(message);
  let got = Buffer.alloc(0);
  const t0 = performance.now();
  const done = new Promise<void>((resolve, reject) => {
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= ack.length) resolve();
    });
    socket.on('close', () => reject(new Error('RTU connection closed')));
  });
  socket.write(encodeMessage(message)[0]);
  await Promise.race([done, sleep(10_000).then(() => Promise.reject(new Error('no confirmation in 10 s')))]);
  socket.destroy();
  return performance.now() - t0;
}

async function sl651UnderAttack() {
  const sink = { accept: (_t: string, _p: Buffer, committed: () => void) => setImmediate(committed) };
  const rejects = { reject: () => undefined };
  const station = await startSl651Station({ port: 0, host: '127.0.0.1', sink, rejects, idleTimeoutMs: 120_000 });
  let serial = 0;
  const report = (): Message => {
    const observedAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    return uplinkReport({
      serial: ++serial,
      sentAt: new Date(Math.floor(Date.now() / 1000) * 1000),
      observations: [{ observedAt, elements: { '20': 1.5, '22': 0.5, '26': 812.3, '3B': 312.47, '38': 12.6 } }],
    });
  };
  const quiet = [];
  for (let i = 0; i < 3; i++) quiet.push(await rtuMs(station.port, report()));
  const attackers: Socket[] = [];
  const open = (n: number) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const s = connect({ port: station.port, host: '127.0.0.1' });
        s.on('error', () => undefined);
        attackers.push(s);
        await Promise.race([once(s, 'connect'), sleep(2000)]);
        return s;
      }),
    );
  for (let i = 0; i < 10; i++) await open(500);
  const slow = await open(300);
  const trickle = setInterval(() => slow.forEach((s) => !s.destroyed && s.write(Buffer.from([0x7e]))), 5000);
  const served = [];
  for (let i = 0; i < 3; i++) served.push(await rtuMs(station.port, report()));
  const openNow = station.connections;
  clearInterval(trickle);
  attackers.forEach((s) => s.destroy());
  await station.close();
  return { quietMs: median(quiet), servedMs: median(served), attackerSockets: attackers.length, stationOpen: openNow };
}

header('hostile input, ingest half (issue 12)', 'all-in-one, embedded PGlite + Aedes; SL 651 station in-process');

const station = await sl651UnderAttack();
console.log('SL 651 station under 5,000 idle + 300 slowloris connections (attackers at 127.0.0.1, RTU at 127.0.0.2):');
table(
  ['RTU confirmation, quiet ms', 'under attack ms', 'attacker sockets', 'station kept open'],
  [[station.quietMs, station.servedMs, station.attackerSockets, station.stationOpen]],
);

const sys = await startSystem({ startTimeoutMs: START_MS });
const token = await sys.login();
const code = await firstCode(sys, token);
const nul: number[] = [];
for (let run = 0; run < 3; run++) nul.push(await secondsAfterNul(sys, token, code, run));
console.log(
  `\ngood reading stored after NUL messages: ${nul.map((s) => s.toFixed(2)).join(', ')} s (median ${median(nul).toFixed(2)} s)`,
);

const idle = await healthLatencies(sys, performance.now() + 3000);
const floodEnd = performance.now() + FLOOD_SECONDS * 1000;
const [sent, during] = await Promise.all([flood(sys.mqttUrl, 10_000, FLOOD_SECONDS), healthLatencies(sys, floodEnd)]);
console.log(`\n/api/health during a flood (${Math.round(sent / FLOOD_SECONDS)} msg/s offered for ${FLOOD_SECONDS} s):`);
table(
  ['', 'p50 ms', 'p95 ms', 'not ok'],
  [
    ['idle', percentile(idle.ms, 50), percentile(idle.ms, 95), idle.notOk],
    ['flood', percentile(during.ms, 50), percentile(during.ms, 95), during.notOk],
  ],
);

const rss = [rssMb(sys.pid)];
for (let b = 0; b < BURSTS; b++) {
  const load = { messages: BURST_READINGS / READINGS_PER_MESSAGE, publishers: 4, perMessage: READINGS_PER_MESSAGE };
  await publishLoad(sys.mqttUrl, loadMessages('', load, Date.now() - (30 + b) * 24 * 3_600_000), load.publishers, 4);
  await sleep(2000);
  rss.push(rssMb(sys.pid));
}
await sleep(10_000);
const rssAfter = rssMb(sys.pid);
console.log(
  `\nRSS (MB) before, after each of ${BURSTS} bursts of ${BURST_READINGS} readings, 10 s later: ${rss.map(Math.round).join(', ')}, ${Math.round(rssAfter)}`,
);
await sys.stop();

const kill = await ackedLost();
console.log(
  `\nkill -9 during a QoS 1 stream of ${KILL_READINGS} readings: ${kill.lost} of ${kill.acked} acknowledged readings lost`,
);

console.log(
  'RESULT ' +
    JSON.stringify({
      ackedLostOnKill: kill.lost,
      ackedBeforeKill: kill.acked,
      secondsToStoreAfterNul: Number(median(nul).toFixed(2)),
      healthP95IdleMs: Math.round(percentile(idle.ms, 95)),
      healthP95FloodMs: Math.round(percentile(during.ms, 95)),
      healthP95FloodRatio: Number((percentile(during.ms, 95) / percentile(idle.ms, 95)).toFixed(1)),
      healthNotOkDuringFlood: during.notOk,
      floodMsgPerSecondOffered: Math.round(sent / FLOOD_SECONDS),
      rssBeforeMb: Math.round(rss[0]),
      rssPeakMb: Math.round(Math.max(...rss)),
      rssAfterBurstsMb: Math.round(rssAfter),
      sl651RtuQuietMs: Math.round(station.quietMs),
      sl651RtuUnderAttackMs: Math.round(station.servedMs),
      sl651UnderAttackRatio: Number((station.servedMs / station.quietMs).toFixed(1)),
    }),
);
process.exit(0);
