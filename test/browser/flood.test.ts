// Flood foresight in the dashboard: the outlook card and the events on a reservoir page, the hours-to column of the
// overview, and the 08:00 daily report (printable, with its XLSX) for a July storm day.

import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { launch, shot, SHOTS, signIn, VIEWPORTS } from './browser.js';

const MIN = 60_000;
interface Detail {
  code: string;
  gatedSpillway: boolean;
  levels: { floodLimitLevel: number; normalLevel: number };
}

let sys: RunningSystem;
let browser: Browser;
let code: string;

describe('flood foresight dashboard', () => {
  beforeAll(async () => {
    sys = await startSystem();
    const token = await sys.login();
    const list = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431102', token)).body;
    let target: Detail | undefined;
    for (const r of list) {
      const d = (await sys.get<Detail>(`/api/reservoirs/${r.code}`, token)).body;
      if (!d.gatedSpillway) {
        target = d;
        break;
      }
    }
    code = target!.code;
    const { restrictedLevel } = (
      await sys.get<{ restrictedLevel: number | null }>(`/api/reservoirs/${code}/outlook`, token)
    ).body;
    const limit = restrictedLevel ?? target!.levels.floodLimitLevel;
    const low = Math.min(limit, target!.levels.normalLevel);
    const client = await mqtt.connectAsync(sys.mqttUrl);
    const send = (ts: number, readings: object[]) =>
      client.publishAsync(
        `reservoirs/${code}/telemetry`,
        JSON.stringify({ ts: new Date(ts).toISOString(), readings }),
        { qos: 1 },
      );
    // A July storm day: rain all night, the level 0.4 m over its limit from 20:00 to the 08:00 report and after.
    const night = Date.parse('2026-07-01T18:00:00+08:00');
    for (let i = 0; i <= 16 * 6; i++) {
      const ts = night + i * 10 * MIN;
      const level = i < 12 ? low - 0.3 : Math.max(limit, target!.levels.normalLevel) + 0.4;
      await send(ts, [
        { sensor: 'RG1', value: 1.5 },
        { sensor: 'WL1', value: Number(level.toFixed(2)) },
      ]);
    }
    // Now: the level rising 0.1 m an hour for the last two hours, below the spillway crest.
    const now = Date.now();
    for (let k = 0; k <= 12; k++) {
      await send(now - (12 - k) * 10 * MIN, [{ sensor: 'WL1', value: Number((low - 1 + k * 0.0167).toFixed(2)) }]);
    }
    await client.endAsync();
    await vi.waitFor(
      async () => {
        const events = await sys.get<unknown[]>(
          `/api/flood-limit-events?reservoir=${code}&from=2026-06-30T00:00:00Z`,
          token,
        );
        expect(events.body).toHaveLength(1);
      },
      { timeout: 60_000, interval: 500 },
    );
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('shows the outlook and the events on the reservoir page', async () => {
    const page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.wall);
    await page.goto(`${sys.url}/#/reservoir/${code}`);
    const outlook = page.locator('[data-testid=outlook]');
    await expect
      .poll(() => outlook.locator('[data-testid=outlook-inflow]').textContent(), { timeout: 20_000 })
      .toMatch(/m³\/s/);
    expect(await outlook.locator('[data-testid=hours-floodLimit]').textContent()).toMatch(/约 [\d.]+ 小时/);
    const events = page.locator('[data-testid=events-flood_limit] tbody tr');
    await expect.poll(() => events.count(), { timeout: 20_000 }).toBe(1);
    await outlook.scrollIntoViewIfNeeded();
    await shot(page, 'flood-reservoir-outlook');
    await page.close();
  });

  it('sorts the overview by hours to the design flood level', async () => {
    const page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.wall);
    const header = page.locator('th', { hasText: '距设计洪水位' });
    await expect.poll(() => header.count(), { timeout: 10_000 }).toBe(1);
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await shot(page, 'flood-overview-hours');
    await page.close();
  });

  it('prints the daily report of the storm day and downloads it as XLSX', async () => {
    const page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.laptop);
    await page.goto(`${sys.url}/#/report`);
    await page.locator('[data-testid=report-date]').fill('2026-07-02');
    await page.locator('[data-testid=report-date]').dispatchEvent('change');
    const report = page.locator('[data-testid=daily-report][data-date="2026-07-02"]');
    await report.waitFor({ timeout: 20_000 });
    // 1.5 mm every 10 min from 18:00 to 08:00: 85 readings, 127.5 mm.
    expect(await report.locator('[data-testid=report-wettest] tr').first().textContent()).toContain('127.5 mm');
    expect(await report.locator(`[data-testid=report-above] tr[data-code="${code}"]`).count()).toBe(1);
    await shot(page, 'flood-daily-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-xlsx]')]);
    expect(download.suggestedFilename()).toBe('daily-report-2026-07-02.xlsx');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=report-print]').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}flood-daily-report-print.png`, fullPage: true });

    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-testid=report-date]').fill('1999-12-31');
    await page.locator('[data-testid=report-date]').dispatchEvent('change');
    await expect
      .poll(() => page.locator('[data-testid=report-error]').textContent(), { timeout: 10_000 })
      .toContain('2000');
    await page.close();
  });
});
