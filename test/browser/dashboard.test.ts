// Browser test: the real all-in-one system, a real Chromium, the built dashboard.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

interface Reservoir {
  code: string;
  name: string;
  damSafetyMonitoring: boolean;
  levels: { deadLevel: number; normalLevel: number; crestElevation: number };
}

let sys: RunningSystem;
let url: string;
let mqttUrl: string;
let token: string;
let password: string;
let browser: Browser;
let page: Page;
let target: Reservoir;

const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
  const res = await fetch(url + path, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
};

/** A day of hourly readings below the normal pool (water level, rain, seepage) so the charts have lines. */
async function publishHistory(): Promise<void> {
  const { body: detail } = await api<{ sensors: { code: string; type: string }[] }>(`/api/reservoirs/${target.code}`);
  const seepage = detail.sensors.filter((s) => s.type === 'seepage_pressure').map((s) => s.code);
  const client = await mqtt.connectAsync(mqttUrl);
  const now = Date.now();
  for (let i = 24; i >= 1; i--) {
    const ts = new Date(now - i * 3600e3).toISOString();
    const level = target.levels.normalLevel - 1.2 + 0.03 * (24 - i);
    const readings = [
      { sensor: 'WL1', value: Number(level.toFixed(2)) },
      { sensor: 'RG1', value: i % 5 === 0 ? 6.5 : i % 3 === 0 ? 1.5 : 0 },
      ...seepage.map((sensor, k) => ({ sensor, value: Number((20 + 4 * k + Math.sin(i / 4)).toFixed(2)) })),
    ];
    await client.publishAsync(`reservoirs/${target.code}/telemetry`, JSON.stringify({ ts, readings }), { qos: 1 });
  }
  await client.endAsync();
}

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe('dashboard in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sys = await startSystem();
    ({ url, mqttUrl, adminPassword: password } = sys);
    token = await sys.login();
    const { body: reservoirs } = await api<Reservoir[]>('/api/reservoirs');
    target = reservoirs.find((r) => r.damSafetyMonitoring) ?? reservoirs[0];
    await publishHistory();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('logs in and shows every reservoir on the overview', async () => {
    await page.goto(`${url}/`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=reservoir-rows] tr').length > 1000, null, {
      timeout: 30_000,
    });
    expect(await page.locator('[data-testid=overview-map] canvas').count()).toBeGreaterThan(0);
    await expect(page.locator('[data-testid=user-name]').textContent()).resolves.toBeTruthy();
    // 今日到报率 comes from /api/stations/health, not from a client-side count.
    const { body: health } = await api<{ total: { rate: number | null } }>('/api/stations/health');
    const arrival = page.locator('[data-testid=kpi-arrival] .kpi-value');
    await expect.poll(() => arrival.textContent(), { timeout: 10_000 }).toMatch(/^\d+(\.\d)?%$|^—$/);
    if (health.total.rate !== null)
      expect(await arrival.textContent()).toBe(`${(health.total.rate * 100).toFixed(1)}%`);
    await shot('01-overview');
  });

  it('shows a new alert live on the alert desk and acknowledges it', async (ctx) => {
    const probe = await api<{ id: unknown }[]>('/api/alerts?state=open');
    if (probe.status === 404) ctx.skip();
    const before = new Set(probe.body.map((a) => String(a.id)));
    await page.goto(`${url}/#/alerts`);
    await page.waitForSelector('[data-testid=alert-list]');
    const client = await mqtt.connectAsync(mqttUrl);
    const topic = `reservoirs/${target.code}/telemetry`;
    await client.publishAsync(
      topic,
      JSON.stringify({
        ts: new Date().toISOString(),
        readings: [{ sensor: 'WL1', value: target.levels.crestElevation - 0.2 }],
      }),
      { qos: 1 },
    );
    await client.endAsync();
    const row = page.locator(`article.alert-row:has(a[href="#/reservoir/${target.code}"])`).first();
    await row.waitFor({ timeout: 30_000 });
    await shot('02-alert-desk');
    const id = (await row.getAttribute('data-testid'))!.slice('alert-'.length);
    expect(before.has(id), 'the alert arrived over the socket after the page was loaded').toBe(false);
    await page.click(`[data-testid=ack-${id}]`);
    await expect
      .poll(
        async () =>
          (await api<{ id: unknown }[]>('/api/alerts?state=acknowledged')).body.some((a) => String(a.id) === id),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    await page.click('[data-testid=tab-acknowledged]');
    await expect
      .poll(() => page.locator(`[data-testid=state-${id}]`).textContent(), { timeout: 10_000 })
      .toBe('已确认');
    await page.click(`[data-testid=history-toggle-${id}]`);
    const history = page.locator(`[data-testid=history-${id}] tbody tr`);
    await expect.poll(() => history.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await expect(page.locator(`[data-testid=history-${id}]`).textContent()).resolves.toContain('admin');
    await shot('03-alert-acknowledged');
  });

  it('draws the hydrograph with the characteristic levels', async () => {
    await page.goto(`${url}/#/reservoir/${target.code}`);
    const chart = page.locator('[data-testid=hydrograph][data-ready="1"]');
    await chart.waitFor({ timeout: 20_000 });
    const levels = (await chart.getAttribute('data-levels')) ?? '';
    for (const name of ['死水位', '汛限水位', '正常蓄水位', '设计洪水位', '校核洪水位', '坝顶高程'])
      expect(levels).toContain(name);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    await page.click('[data-testid=range-7d]');
    await page.locator('[data-testid=hydrograph][data-range="7d"]').waitFor({ timeout: 20_000 });
    await expect(page.locator('[data-testid=reservoir-worst-alert]').textContent()).resolves.toMatch(/预警/);
    await shot('04-reservoir-detail');
    await page.click('[data-testid=range-custom]');
    await page.click('[data-testid=range-apply]');
    await page.locator('[data-testid=hydrograph][data-range="custom"]').waitFor({ timeout: 20_000 });
    await shot('04b-reservoir-custom-range');
  });

  it('lists the appraisal schedule and overdue hazards on the programme page', async () => {
    const { body: due } = await api<unknown[]>('/api/appraisals?due=this-year');
    const { body: hazards } = await api<{ status: string }[]>('/api/hazards?overdue=true');
    await page.goto(`${url}/#/programme`);
    const card = page.locator('[data-testid=appraisals-this-year]');
    await card.waitFor({ timeout: 20_000 });
    expect(Number(await card.getAttribute('data-count'))).toBe(due.length);
    if (due.length) expect(await card.locator('tbody tr').count()).toBe(Math.min(due.length, 300));
    else await expect(card.locator('.empty').textContent()).resolves.toBeTruthy();
    await page.locator('[data-testid=appraisals-overdue]').waitFor();
    const hz = page.locator('[data-testid=hazards-overdue]');
    expect(Number(await hz.getAttribute('data-count'))).toBe(hazards.filter((x) => x.status !== 'closed').length);
    await page.locator('[data-testid=funding-chart][data-ready="1"] canvas').first().waitFor();
    await shot('07a-programme');
  });

  it('switches the labels to English', async () => {
    await page.goto(`${url}/#/reservoir/${target.code}`);
    await page.locator('[data-testid=hydrograph][data-ready="1"]').waitFor({ timeout: 20_000 });
    await page.click('[data-testid=lang-toggle]');
    await page.locator('[data-testid=hydrograph][data-ready="1"]').waitFor({ timeout: 20_000 });
    await expect(page.locator('header nav').textContent()).resolves.toContain('Overview');
    await expect(page.locator('[data-testid=hydrograph]').getAttribute('data-levels')).resolves.toContain('Dead level');
    await shot('05-reservoir-detail-en');
    await page.goto(`${url}/#/overview`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=reservoir-rows] tr').length > 1000);
    await shot('06-overview-en');
    await page.goto(`${url}/#/programme`);
    await page.locator('[data-testid=funding-chart][data-ready="1"] canvas').first().waitFor();
    await shot('07-programme-en');
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${url}/#/alerts`);
    await page.locator('[data-testid=alert-list] > *').first().waitFor();
    await shot('08-alerts-tablet');
  });
});
