// Dashboard timings in Debian's Chromium against the embedded all-in-one: time to the first chart, and how long the
// overview takes to draw all 1294 reservoirs once their data has arrived. Prints figures; asserts nothing.
import mqtt from 'mqtt';
import { chromium } from 'playwright-core';
import { startSystem } from '../support/system.js';
import { header, percentile, table } from './lib.js';

const RUNS = 5;

interface Reservoir {
  code: string;
  levels: { normalLevel: number };
}

async function main(): Promise<void> {
  header('dashboard: time to first chart and to the full overview (ms)', 'all-in-one, embedded; headless Chromium');
  const sys = await startSystem();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const token = await sys.login();
    const reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', token)).body;
    // Every reservoir reports once, so the overview has a level for each.
    const client = await mqtt.connectAsync(sys.mqttUrl);
    const ts = new Date(Date.now() - 60_000).toISOString();
    for (const r of reservoirs) {
      await client.publishAsync(
        `reservoirs/${r.code}/telemetry`,
        JSON.stringify({
          ts,
          readings: [
            { sensor: 'WL1', value: r.levels.normalLevel - 1 },
            { sensor: 'RG1', value: 0.5 },
          ],
        }),
        { qos: 1 },
      );
    }
    await client.endAsync();
    const overview: number[] = [];
    const afterData: number[] = [];
    const hydrograph: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript((t) => sessionStorage.setItem('token', t), token);
      const page = await context.newPage();
      const start = Date.now();
      const listArrived = page.waitForResponse((res) => res.url().endsWith('/api/reservoirs') && res.ok());
      await page.goto(`${sys.url}/#/overview`);
      await listArrived;
      const arrived = Date.now();
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-testid=reservoir-rows] tr').length >= 1294 &&
          document.querySelector('[data-testid=overview-map] canvas') !== null,
        null,
        { polling: 'raf', timeout: 30_000 },
      );
      const drawn = Date.now();
      overview.push(drawn - start);
      afterData.push(drawn - arrived);
      const detailStart = Date.now();
      await page.goto(`${sys.url}/#/reservoir/${reservoirs[run].code}`);
      await page.locator('[data-testid=hydrograph][data-ready="1"]').waitFor({ timeout: 30_000 });
      hydrograph.push(Date.now() - detailStart);
      await context.close();
    }
    const row = (name: string, v: number[]) => [name, v.length, percentile(v, 50), Math.max(...v)];
    table(
      ['measure', 'runs', 'p50', 'max'],
      [
        row('navigation → overview drawn (1294 rows + map)', overview),
        row('/api/reservoirs arrived → overview drawn', afterData),
        row('navigation → hydrograph drawn (detail page)', hydrograph),
      ],
    );
  } finally {
    await browser.close();
    await sys.stop();
  }
}

await main();
