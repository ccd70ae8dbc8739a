// Issues 12 and 16: memory of the embedded all-in-one (PGlite, Aedes, ingest and backend in one process) under load.
// - steady (default): QoS 1 telemetry at a constant rate for a while; RSS sampled every 10 s from /proc; reports
//   RSS after warm-up, at the end, its spread and its slope after warm-up (target: flat within ± 100 MB);
// - `--bursts`: six bursts of 100,000 readings as fast as they go, RSS before, after each, 10 s and 60 s later.
// Flags (or env): --minutes=N (BENCH_RSS_MINUTES, 10), --rate=N readings/s (BENCH_RSS_RATE, 2000),
// --warmup=N minutes (BENCH_RSS_WARMUP_MINUTES, 2, at most half the run), --bursts.
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { startSystem, type RunningSystem } from '../support/system.js';
import { header, loadMessage, loadMessages, loadSpanMs, metric, publishLoad, sleep, table } from './lib.js';

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const MINUTES = Number(flag('minutes') ?? process.env.BENCH_RSS_MINUTES ?? 10);
const RATE = Number(flag('rate') ?? process.env.BENCH_RSS_RATE ?? 2000);
const WARMUP_MINUTES = Math.min(MINUTES / 2, Number(flag('warmup') ?? process.env.BENCH_RSS_WARMUP_MINUTES ?? 2));
const BURSTS = process.argv.includes('--bursts');
const READINGS_PER_MESSAGE = 5;
const SAMPLE_MS = 10_000;
/** Publishing ticks per second: the rate is spread over the second rather than sent in one clump. */
const TICKS = 10;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Least-squares slope of (minutes, MB) samples, MB per minute. */
function slope(points: { min: number; mb: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.min, 0) / n;
  const my = points.reduce((s, p) => s + p.mb, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.min - mx) * (p.mb - my), 0);
  const sxx = points.reduce((s, p) => s + (p.min - mx) ** 2, 0);
  return sxx ? sxy / sxx : 0;
}

/** Publishes at RATE readings/s (QoS 1, acknowledged after commit) and samples RSS until MINUTES are over. */
async function steady(sys: RunningSystem) {
  const client = await mqtt.connectAsync(sys.mqttUrl, { clientId: `yz-bench-rss-${process.pid}` });
  const messagesPerSecond = RATE / READINGS_PER_MESSAGE;
  // Readings are as recent as a live system's: the run's data ends about now.
  const startMs = Date.now() - loadSpanMs({ messages: MINUTES * 60 * messagesPerSecond, publishers: 1, perMessage: 5 });
  const samples: { min: number; mb: number }[] = [];
  let sent = 0;
  let acked = 0;
  let maxUnacked = 0;
  const t0 = performance.now();
  const end = t0 + MINUTES * 60_000;
  let nextSample = t0;
  while (performance.now() < end) {
    const tick = performance.now();
    if (tick >= nextSample) {
      samples.push({ min: (tick - t0) / 60_000, mb: rssMb(sys.pid) });
      const s = samples[samples.length - 1];
      console.log(`${s.min.toFixed(1).padStart(5)} min  RSS ${Math.round(s.mb)} MB  unacked ${sent - acked}`);
      nextSample += SAMPLE_MS;
    }
    // Paced by the clock, not by the ticks: a late tick sends what the rate owes so far.
    const due = Math.floor(((tick - t0) / 1000) * messagesPerSecond);
    for (; sent < due; sent++) {
      const { code, payload } = loadMessage(sent, READINGS_PER_MESSAGE, startMs);
      void client
        .publishAsync(`${sys.topicPrefix}reservoirs/${code}/telemetry`, payload, { qos: 1 })
        .then(() => acked++);
    }
    maxUnacked = Math.max(maxUnacked, sent - acked);
    await sleep(Math.max(0, 1000 / TICKS - (performance.now() - tick)));
  }
  samples.push({ min: (performance.now() - t0) / 60_000, mb: rssMb(sys.pid) });
  const drainT0 = performance.now();
  while (acked < sent && performance.now() - drainT0 < 60_000) await sleep(100);
  await client.endAsync();
  const stored = await metric(`${sys.url}/metrics`, 'ingest_readings_stored_total');
  const afterWarmup = samples.filter((s) => s.min >= WARMUP_MINUTES);
  const mbs = afterWarmup.map((s) => s.mb);
  return {
    readingsSent: sent * READINGS_PER_MESSAGE,
    readingsStored: stored,
    maxUnackedMessages: maxUnacked,
    rssStartMb: Math.round(samples[0].mb),
    rssAfterWarmupMb: Math.round(afterWarmup[0].mb),
    rssEndMb: Math.round(samples[samples.length - 1].mb),
    rssMaxAfterWarmupMb: Math.round(Math.max(...mbs)),
    rssSpreadAfterWarmupMb: Math.round(Math.max(...mbs) - Math.min(...mbs)),
    slopeMbPerMin: Number(slope(afterWarmup).toFixed(1)),
  };
}

/** Six bursts of 100,000 readings (4 publishers, 200 in flight each), RSS after each, 10 s and 60 s after the last. */
async function bursts(sys: RunningSystem) {
  const rss = [rssMb(sys.pid)];
  for (let b = 0; b < 6; b++) {
    const load = { messages: 100_000 / READINGS_PER_MESSAGE, publishers: 4, perMessage: READINGS_PER_MESSAGE };
    const messages = loadMessages(sys.topicPrefix, load, Date.now() - (30 + b) * 24 * 3_600_000);
    await publishLoad(sys.mqttUrl, messages, load.publishers, 4);
    await sleep(2000);
    rss.push(rssMb(sys.pid));
    console.log(`burst ${b + 1}: RSS ${Math.round(rss[rss.length - 1])} MB`);
  }
  await sleep(10_000);
  const after = rssMb(sys.pid);
  // Idle, V8 gives back what its garbage collector frees; WASM memory (PGlite's) never shrinks.
  await sleep(50_000);
  return {
    rssBeforeBurstsMb: Math.round(rss[0]),
    rssPeakMb: Math.round(Math.max(...rss)),
    rssAfterBurstsMb: Math.round(after),
    rssMinuteAfterBurstsMb: Math.round(rssMb(sys.pid)),
  };
}

header(
  'Embedded RSS',
  BURSTS
    ? 'all-in-one, embedded database and broker; six bursts of 100,000 readings'
    : `all-in-one, embedded database and broker; ${RATE} readings/s (${READINGS_PER_MESSAGE} per message, QoS 1) ` +
        `for ${MINUTES} min, warm-up ${WARMUP_MINUTES} min`,
);
const sys = await startSystem({ startTimeoutMs: 300_000 });
try {
  const result = BURSTS ? await bursts(sys) : await steady(sys);
  console.log('');
  table(
    ['figure', 'value'],
    Object.entries(result).map(([k, v]) => [k, v]),
  );
  console.log(
    'RESULT ' +
      JSON.stringify({
        ...(BURSTS ? { mode: 'bursts' } : { mode: 'steady', rate: RATE, minutes: MINUTES }),
        ...result,
      }),
  );
} finally {
  await sys.stop();
}
process.exit(0);
