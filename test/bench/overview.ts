// The overview at Yongzhou's size and at a province's (SEED_RESERVOIRS): API latency at 10 concurrent users (p50/p95
// and requests/s, median of 3 runs), the bytes of each response raw, gzip and brotli, and the page drawn in headless
// Chromium (map points drawn and the list's first rows shown, median of 3 loads). The floor measured in the same run:
// GET /api/health under the same load. Before/after in one run: `list` is GET /api/reservoirs (every reservoir in
// full, what the dashboard loaded before), `overview` + `points` what it loads now.
// BENCH_SIZES=1294,14000 and BENCH_MODES=postgres,embedded choose the cases.
import { request } from 'node:http';
import mqtt from 'mqtt';
import { chromium, type Browser } from 'playwright-core';
import { POSTGRES_URL, reachable, startSystem, type RunningSystem } from '../support/system.js';
import { header, percentile, sleep, table } from './lib.js';

const USERS = 10;
const RUN_MS = 5_000;
const RUNS = 3;
const HOURS = 6;
const SIZES = (process.env.BENCH_SIZES ?? '1294,14000').split(',').map(Number);
const MODES = (process.env.BENCH_MODES ?? 'postgres,embedded').split(',');
const ALL_ENDPOINTS = {
  health: '/api/health',
  list: '/api/reservoirs',
  overview: '/api/reservoirs/overview?limit=50&sort=delta&order=desc',
  points: '/api/reservoirs/points',
};
// BENCH_ENDPOINTS=health,overview,points leaves out the slow whole list (minutes at 14,000 on a busy machine).
const ENDPOINTS = Object.fromEntries(
  Object.entries(ALL_ENDPOINTS).filter(([k]) => (process.env.BENCH_ENDPOINTS ?? k).split(',').includes(k)),
);

interface Reservoir {
  code: string;
  levels: { normalLevel: number; floodLimitLevel: number };
}
interface Latency {
  p50: number;
  p95: number;
  rps: number;
}

const median = (v: number[]) => percentile(v, 50);

/** Every reservoir reports hourly for the last HOURS hours (rain, level, battery); one in 50 is over its limit. */
async function report(sys: RunningSystem, reservoirs: Reservoir[]): Promise<void> {
  const client = await mqtt.connectAsync(sys.mqttUrl, { clientId: `yz-bench-overview-${process.pid}` });
  let inFlight: Promise<unknown>[] = [];
  for (let h = HOURS - 1; h >= 0; h--) {
    const ts = new Date(Date.now() - h * 3_600_000 - 60_000).toISOString();
    for (const [i, r] of reservoirs.entries()) {
      const level = i % 50 === 0 ? r.levels.normalLevel + 0.2 : r.levels.floodLimitLevel - 1;
      const readings = [
        { sensor: 'RG1', value: (i * 7 + h) % 13 === 0 ? 4.5 : 0 },
        { sensor: 'WL1', value: level },
        { sensor: 'BV1', value: 12.6 },
      ];
      inFlight.push(
        client.publishAsync(`reservoirs/${r.code}/telemetry`, JSON.stringify({ ts, readings }), { qos: 1 }),
      );
      if (inFlight.length >= 500) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
  }
  await Promise.all(inFlight);
  await client.endAsync();
}

/** Waits until every reservoir's newest level has been stored and read by the overview. */
async function waitForReports(sys: RunningSystem, token: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const res = await sys.get<{ totals: { offline: number } }>('/api/reservoirs/overview?limit=1', token);
    if (res.status === 200 && res.body.totals.offline === 0) return;
    await sleep(1000);
  }
  throw new Error('reports not all stored within 10 minutes');
}

/** USERS clients requesting `path` back to back for RUN_MS, as a browser would (brotli). */
async function load(sys: RunningSystem, token: string, path: string): Promise<Latency> {
  const times: number[] = [];
  const end = performance.now() + RUN_MS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const res = await fetch(sys.url + path, {
          headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - start);
      }
    }),
  );
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rps: times.length / ((performance.now() - t0) / 1000),
  };
}

/** Bytes on the wire for one response in an encoding (no decompression). */
function bytes(sys: RunningSystem, token: string, path: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(sys.url + path, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding } });
    req.on('response', (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolve(n));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Navigation start → signed in, the map has drawn every point and the list shows its first rows (page's clock). */
async function pageDrawn(browser: Browser, sys: RunningSystem, size: number) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Timed from the navigation to the sign-in form (the page's clock starts there): the dashboard loads, signs in
  // and opens the overview, slightly more than opening the overview alone.
  await page.goto(`${sys.url}/#/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', sys.adminPassword);
  await page.click('button[type=submit]');
  const drawn = await page
    .waitForFunction(
      (n) => {
        const map = document.querySelector('[data-testid=overview-map]');
        const rows = document.querySelectorAll('[data-testid=reservoir-table] tr[data-code]').length;
        return Number(map?.getAttribute('data-drawn') ?? 0) >= n && rows > 0 ? performance.now() : false;
      },
      size,
      { timeout: 60_000, polling: 'raf' },
    )
    .catch(async (err: Error) => {
      await page.screenshot({ path: '/tmp/overview-bench-timeout.png' });
      const map = await page
        .locator('[data-testid=overview-map]')
        .getAttribute('data-drawn')
        .catch(() => null);
      throw new Error(
        `${err.message} (map drawn: ${map}, url ${page.url()}; screenshot /tmp/overview-bench-timeout.png)`,
      );
    });
  const ms = (await drawn.jsonValue()) as number;
  // When the overview's data had arrived (the last API response of the first screen), on the same clock.
  const dataAt = await page.evaluate(() =>
    Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .filter((e) => /\/api\/reservoirs(\/overview|\/points)?(\?|$)/.test(e.name))
        .map((e) => (e as PerformanceResourceTiming).responseEnd),
    ),
  );
  await context.close();
  return { drawnMs: Math.round(ms), dataMs: Math.round(dataAt) };
}

async function measure(browser: Browser, mode: string, size: number) {
  const sys = await startSystem({
    ...(mode === 'postgres' ? { postgresUrl: POSTGRES_URL } : {}),
    env: { SEED_RESERVOIRS: String(size) },
    startTimeoutMs: 600_000,
  });
  try {
    const token = await sys.login();
    const reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', token)).body;
    const t0 = performance.now();
    await report(sys, reservoirs);
    await waitForReports(sys, token);
    console.log(`${mode} ${size}: ${size * HOURS} reports stored in ${Math.round(performance.now() - t0)} ms`);
    const latency: Record<string, Latency> = {};
    const size_: Record<string, { raw: number; gzip: number; br: number }> = {};
    for (const [name, path] of Object.entries(ENDPOINTS)) {
      const runs: Latency[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await load(sys, token, path));
      latency[name] = {
        p50: median(runs.map((r) => r.p50)),
        p95: median(runs.map((r) => r.p95)),
        rps: median(runs.map((r) => r.rps)),
      };
      size_[name] = {
        raw: await bytes(sys, token, path, 'identity'),
        gzip: await bytes(sys, token, path, 'gzip'),
        br: await bytes(sys, token, path, 'br'),
      };
    }
    const pages: { drawnMs: number; dataMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A page that does not finish in time is reported as NaN, and the API figures still print.
      pages.push(
        await pageDrawn(browser, sys, size).catch((err: Error) => {
          console.log(err.message);
          return { drawnMs: NaN, dataMs: NaN };
        }),
      );
    }
    return {
      latency,
      bytes: size_,
      pageDrawnMs: median(pages.map((p) => p.drawnMs)),
      pageDataMs: median(pages.map((p) => p.dataMs)),
      pageRunsMs: pages.map((p) => p.drawnMs),
    };
  } finally {
    await sys.stop();
  }
}

header(
  'overview: API at 10 users, bytes, page drawn (ms, bytes)',
  `modes ${MODES.join(', ')}; sizes ${SIZES.join(', ')}`,
);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
try {
  for (const mode of MODES) {
    if (mode === 'postgres' && !(await reachable(POSTGRES_URL))) continue;
    for (const size of SIZES) {
      const r = await measure(browser, mode, size);
      results[`${mode}-${size}`] = r;
      console.log(
        `\n${mode}, ${size} reservoirs: page drawn ${r.pageDrawnMs} ms (runs ${r.pageRunsMs.join(', ')}), ` +
          `its data arrived at ${r.pageDataMs} ms`,
      );
      table(
        ['endpoint', 'p50 ms', 'p95 ms', 'req/s', 'p95 / health p95', 'raw kB', 'gzip kB', 'br kB'],
        Object.entries(r.latency).map(([name, l]) => [
          name,
          l.p50,
          l.p95,
          l.rps,
          Math.round((l.p95 / r.latency.health.p95) * 10) / 10,
          r.bytes[name].raw / 1024,
          r.bytes[name].gzip / 1024,
          r.bytes[name].br / 1024,
        ]),
      );
    }
  }
} finally {
  await browser.close();
}
const round = (x: number) => Math.round(x * 10) / 10;
console.log(
  `RESULT ${JSON.stringify(
    Object.fromEntries(
      Object.entries(results).map(([k, r]) => [
        k,
        {
          pageDrawnMs: r.pageDrawnMs,
          pageDataMs: r.pageDataMs,
          ...Object.fromEntries(
            Object.entries(r.latency).map(([name, l]) => [
              name,
              { p50: round(l.p50), p95: round(l.p95), rps: round(l.rps), ...r.bytes[name] },
            ]),
          ),
        },
      ]),
    ),
  )}`,
);
