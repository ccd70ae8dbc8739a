// A storm drill from the dashboard: an engineer starts it on the ledger page at the default speed, every page shows
// the drill banner, and the duty desk gets an orange (or red) alert marked as a drill within 3 minutes of the click.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { launch, shot, signIn, VIEWPORTS } from './browser.js';

interface Reservoir {
  latest: { time: string | null };
}

let sys: RunningSystem;
let browser: Browser;

describe('storm drill', () => {
  beforeAll(async () => {
    sys = await startSystem({ env: { SIMULATE: '1', SIMULATE_HISTORY_HOURS: '0.25' } });
    const token = await sys.login();
    // The simulator first fills the last quarter hour (every station reports once on start-up); the drill is about
    // now, so wait until ingest has taken that in.
    await vi.waitFor(
      async () => {
        const { body } = await sys.get<Reservoir[]>('/api/reservoirs', token);
        expect(body.filter((r) => r.latest.time).length).toBeGreaterThan(body.length * 0.9);
      },
      { timeout: 150_000, interval: 2_000 },
    );
    browser = await launch();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('raises an orange drill alert on the desk within 3 minutes', async () => {
    const page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.wall);
    await shot(page, 'overview-simulated-1920');
    await page.setViewportSize(VIEWPORTS.laptop);
    await page.goto(`${sys.url}/#/ledger`);
    await page.waitForSelector('[data-testid=storm-start]');
    const clicked = Date.now();
    await page.click('[data-testid=storm-start]');
    await page.locator('[data-testid=drill-banner]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=drill-banner]').textContent()).toContain('×120');

    await page.goto(`${sys.url}/#/alerts`);
    const orange = page.locator(
      'article.alert[data-drill="1"][data-severity=major], article.alert[data-drill="1"][data-severity=critical]',
    );
    await orange
      .first()
      .waitFor({ timeout: 180_000 - (Date.now() - clicked) })
      .catch((err: Error) => {
        // Say why: the readings' arrival and the alert engine's complaints are in the system's output.
        console.log(
          sys
            .output()
            .split('\n')
            .filter((l) => /alert|error|warn/i.test(l))
            .slice(-20)
            .join('\n'),
        );
        throw err;
      });
    const seconds = (Date.now() - clicked) / 1000;
    expect(seconds).toBeLessThan(180);
    console.log(`first orange drill alert on the desk ${seconds.toFixed(0)} s after the click`);
    expect(await page.locator('[data-testid=drill-banner]').isVisible()).toBe(true);
    expect(await orange.first().locator('.drill-tag').textContent()).toBe('演练');
    await shot(page, 'desk-drill-1366');
    await page.goto(`${sys.url}/#/overview`);
    await page.click('[data-testid=choropleth-alerts]');
    await shot(page, 'overview-drill-1366');
    await page.close();
  }, 240_000);
});
