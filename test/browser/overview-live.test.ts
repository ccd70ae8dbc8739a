// The overview as a duty officer sees it through a storm: a reading pushed over MQTT changes the level and the KPI
// without a reload, the map draws the 14 areas, and the connection indicator turns red when the socket drops.

import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { launch, shot, signIn, VIEWPORTS } from './browser.js';

interface Reservoir {
  code: string;
  name: string;
  levels: { normalLevel: number; floodLimitLevel: number; crestElevation: number };
}

let sys: RunningSystem;
let browser: Browser;
let page: Page;
let target: Reservoir;

async function publish(level: number, ts: Date): Promise<void> {
  const client = await mqtt.connectAsync(sys.mqttUrl);
  await client.publishAsync(
    `reservoirs/${target.code}/telemetry`,
    JSON.stringify({ ts: ts.toISOString(), readings: [{ sensor: 'WL1', value: level }] }),
    { qos: 1 },
  );
  await client.endAsync();
}

describe('overview, live', () => {
  beforeAll(async () => {
    sys = await startSystem();
    const token = await sys.login();
    const { body } = await sys.get<Reservoir[]>('/api/reservoirs', token);
    target = body[0]!;
    // A first reading below the limit, so the reservoir is online and normal when the page opens.
    await publish(Number((target.levels.normalLevel - 1).toFixed(2)), new Date(Date.now() - 60_000));
    browser = await launch();
    page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.wall);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('draws the county map with all 14 areas', async () => {
    const map = page.locator('[data-testid=overview-map]');
    expect(await map.getAttribute('data-areas')).toBe('14');
    expect(await map.locator('canvas').count()).toBeGreaterThan(0);
    await page.click('[data-testid=choropleth-alerts]');
    await expect.poll(() => map.getAttribute('data-mode')).toBe('alerts');
    await shot(page, 'overview-1920-alerts');
  });

  it('changes the level and the KPI when a reading arrives, without a reload', async () => {
    await page.fill('[data-testid=search]', target.code);
    const row = page.locator(`tr[data-code="${target.code}"]`);
    await row.waitFor();
    const above = page.locator('[data-testid=kpi-above] .kpi-value');
    const before = Number(await above.textContent());
    const level = Number((target.levels.normalLevel + 0.28).toFixed(2));
    await publish(level, new Date());
    await expect.poll(() => row.locator('td').nth(3).textContent(), { timeout: 20_000 }).toBe(level.toFixed(2));
    await expect.poll(async () => Number(await above.textContent()), { timeout: 10_000 }).toBe(before + 1);
    await expect(page.locator('[data-testid=updated-at]').first().textContent()).resolves.toMatch(/\d\d:\d\d:\d\d/);
    await page.fill('[data-testid=search]', '');
    await shot(page, 'overview-1920');
  });

  it('turns the connection indicator red, with the time, when the socket drops', async () => {
    const link = page.locator('[data-testid=connection]');
    await expect.poll(() => link.getAttribute('data-state')).toBe('connected');
    await sys.stop();
    await expect.poll(() => link.getAttribute('data-state'), { timeout: 30_000 }).toBe('disconnected');
    await expect(link.textContent()).resolves.toMatch(/连接中断.*\d\d:\d\d/);
    await shot(page, 'overview-disconnected');
  });
});
