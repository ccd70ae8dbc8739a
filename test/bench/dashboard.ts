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
      // Timed inside the page: when the list's response ended (resource timing) and when all rows and the map's
      // canvas were in the document (a mutation observer), both on the page's own clock.
      await context.addInitScript((t) => {
        sessionStorage.setItem('token', t);
        const marks: Record<string, number> = {};
        Object.assign(window, { benchMarks: marks });
        new MutationObserver(() => {
          const rows = document.querySelectorAll('[data-testid=reservoir-rows] tr').length;
          const map = document.querySelector('[data-testid=overview-map] canvas');
          if (rows >= 1294 && map && !marks.drawn) marks.drawn = performance.now();
        }).observe(document, { subtree: true, childList: true });
      }, token);
      const page = await context.newPage();
      await page.goto(`${sys.url}/#/overview`);
      await page.waitForFunction(
        () => (window as unknown as { benchMarks: { drawn?: number } }).benchMarks.drawn,
        null,
        {
          timeout: 30_000,
        },
      );
      const { drawn, listEnd } = await page.evaluate(() => ({
        drawn: (window as unknown as { benchMarks: { drawn: number } }).benchMarks.drawn,
        listEnd: performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/api/reservoirs')) as PerformanceResourceTiming,
      }));
      overview.push(Math.round(drawn));
      afterData.push(Math.round(drawn - listEnd.responseEnd));
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
        row('page start → overview drawn (1294 rows + map)', overview),
        row('/api/reservoirs response end → overview drawn', afterData),
        row('navigation → hydrograph drawn (detail page)', hydrograph),
      ],
    );
  } finally {
    await browser.close();
    await sys.stop();
  }
}

await main();
