// Station reporting (测站到报) as a duty officer sees it: 到报率 and 及时率 of the hydrological day in total, per area
// and per station, a silent station listed first, and the day picker.

import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { launch, shot, signIn, VIEWPORTS } from './browser.js';

const HOUR = 3_600_000;
let sys: RunningSystem;
let browser: Browser;
let page: Page;
let code: string;
let token: string;

describe('station reporting', () => {
  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
    code = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431126', token)).body[0]!.code;
    // The hourly reports of the last three closed hours, on their slots.
    const top = Math.floor(Date.now() / HOUR) * HOUR;
    const client = await mqtt.connectAsync(sys.mqttUrl);
    for (const slot of [top - 2 * HOUR, top - HOUR, top]) {
      const readings = [{ sensor: 'BV1', value: 12.8 }];
      await client.publishAsync(
        `reservoirs/${code}/telemetry`,
        JSON.stringify({ ts: new Date(slot).toISOString(), readings }),
        { qos: 1 },
      );
    }
    await client.endAsync();
    await vi.waitFor(
      async () => {
        const { body } = await sys.get<{ stations: { code: string; online: boolean }[] }>(
          '/api/stations/health?county=431126',
          token,
        );
        expect(body.stations.find((s) => s.code === `${code}-RW`)?.online).toBe(true);
      },
      { timeout: 30_000, interval: 300 },
    );
    browser = await launch();
    page = await signIn(browser, sys);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('shows the day, the rates per area and each station, worst first', async () => {
    await page.goto(`${sys.url}/#/stations`);
    const total = page.locator('[data-testid=health-total]');
    // In the hydrological day's first minutes nothing is due yet (a period counts once it has ended), and the rates
    // read "—" until something is.
    const due = (await sys.get<{ total: { due: number } }>('/api/stations/health', token)).body.total.due;
    const rates = due > 0 ? /到报率.*%.*及时率.*%/ : /到报率\s*—\s*及时率\s*—/;
    await expect.poll(() => total.textContent(), { timeout: 20_000 }).toMatch(rates);
    await expect.poll(() => page.locator('[data-testid=health-areas] tbody tr').count()).toBe(14);
    // Nearly every station is silent in this test: they come first, with their reservoir named.
    const firstStation = page.locator('[data-testid=health-stations] tbody tr').first();
    await expect.poll(() => firstStation.textContent()).toContain('离线');
    // Registered as the system started today: it owes only what came after, and says since when.
    expect(await firstStation.locator('[data-testid=monitored-since]').textContent()).toMatch(
      /接入于 \d\d\/\d\d \d\d:\d\d/,
    );
    await shot(page, 'stations-laptop');
    // 宁远县 alone: its one reporting station is online, the area's figures are the total.
    await page.locator('[data-testid=health-area]').click();
    await page.locator('.n-base-select-option', { hasText: '宁远县' }).click();
    await expect.poll(() => total.textContent()).toMatch(/在线\s*1 \/ \d+/);
    await expect.poll(() => page.locator('[data-testid=health-areas] tbody tr').count()).toBe(1);
    // A day long past: nothing received.
    await page.fill('[data-testid=health-date]', '2026-01-05');
    await expect.poll(() => total.textContent()).toContain('2026-01-05'.slice(5).replace('-', '/'));
    await page.setViewportSize(VIEWPORTS.phone);
    await shot(page, 'stations-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('lets an engineer lower the blue rain grade (12 h) of one reservoir from its rules card', async () => {
    await page.setViewportSize(VIEWPORTS.laptop);
    await page.goto(`${sys.url}/#/reservoir/${code}`);
    await page.locator('[data-testid=rules-edit]').click();
    const blue = page.locator('[data-testid="rule-rain.12h.0"] input');
    await expect.poll(() => blue.inputValue(), { timeout: 20_000 }).toBe('50');
    await blue.fill('40');
    await page.locator('[data-testid=rules-save]').click();
    await expect
      .poll(() => page.locator('[data-testid=alert-rules]').textContent(), { timeout: 20_000 })
      .toContain('40 mm');
    const { body } = await sys.get<{ effective: { rain: Record<string, (number | null)[]> } }>(
      `/api/reservoirs/${code}/alert-rules`,
      token,
    );
    expect(body.effective.rain['12h']).toEqual([40, null, null, null]);
    expect(body.effective.rain['3h']).toEqual([null, null, 50, 100]);
  });
});
