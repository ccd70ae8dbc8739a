// Bytes of the first screen: signs in on a fresh all-in-one in Chromium, records every script, style and module
// the overview loads from the dashboard (not the API or the socket), gzips each at level 9, and sums them. Median of
// 3 page loads against the 200 kB ceiling of issue 16 (300 kB in issue 17).

import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startSystem } from '../support/system.js';

const CEILING_KB = 200;

const sys = await startSystem();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const runs: { totalKb: number; files: Record<string, number> }[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const files = new Map<string, Promise<number>>();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/api') || url.pathname.startsWith('/socket.io') || !res.ok()) return;
      files.set(
        url.pathname,
        res.body().then((b) => gzipSync(b, { level: 9 }).length),
      );
    });
    await page.goto(`${sys.url}/#/login`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', sys.adminPassword);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=overview-map] canvas', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const sizes = Object.fromEntries(await Promise.all([...files].map(async ([k, v]) => [k, await v] as const)));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    runs.push({ totalKb: Math.round(total / 102.4) / 10, files: sizes });
    await context.close();
  }
  runs.sort((a, b) => a.totalKb - b.totalKb);
  const median = runs[1]!;
  const biggest = Object.entries(median.files)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([f, n]) => `${f.replace(/^\/assets\//, '')} ${(n / 1024).toFixed(1)} kB`);
  console.log(
    `first screen: ${median.files ? Object.keys(median.files).length : 0} files, ${median.totalKb} kB gzipped`,
  );
  console.log(biggest.join('\n'));
  console.log(
    `RESULT ${JSON.stringify({ firstScreenGzipKb: median.totalKb, ceilingKb: CEILING_KB, files: Object.keys(median.files).length, runsKb: runs.map((r) => r.totalKb) })}`,
  );
} finally {
  await browser.close();
  await sys.stop();
}
