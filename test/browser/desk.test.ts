// The duty desk on a storm night: alerts grouped by reservoir and sorted worst first, counts per severity in the
// header and the tab title, bulk acknowledge with one note; a planner sees the desk without the buttons.

import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { createUser, launch, shot, signIn, VIEWPORTS } from './browser.js';

interface Reservoir {
  code: string;
  levels: { normalLevel: number; designFloodLevel: number; checkFloodLevel: number; crestElevation: number };
}
interface Alert {
  id: string;
  reservoirCode: string;
  severity: string;
  state: string;
}

let sys: RunningSystem;
let token: string;
let browser: Browser;
let targets: Reservoir[];

describe('duty desk', () => {
  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
    const { body } = await sys.get<Reservoir[]>('/api/reservoirs', token);
    targets = body.slice(0, 3);
    // Three reservoirs over their limits by different margins: warning, orange (design flood), red (check flood).
    const client = await mqtt.connectAsync(sys.mqttUrl);
    const levels = [
      targets[0]!.levels.normalLevel + 0.05,
      targets[1]!.levels.designFloodLevel + 0.05,
      targets[2]!.levels.checkFloodLevel + 0.05,
    ];
    for (const [i, r] of targets.entries()) {
      await client.publishAsync(
        `reservoirs/${r.code}/telemetry`,
        JSON.stringify({
          ts: new Date().toISOString(),
          readings: [
            { sensor: 'WL1', value: Number(levels[i]!.toFixed(2)) },
            { sensor: 'RG1', value: 60 },
          ],
        }),
        { qos: 1 },
      );
    }
    await client.endAsync();
    await vi.waitFor(
      async () => {
        const { body: open } = await sys.get<Alert[]>('/api/alerts?state=open', token);
        expect(open.filter((a) => targets.some((r) => r.code === a.reservoirCode)).length).toBeGreaterThanOrEqual(3);
      },
      { timeout: 30_000, interval: 300 },
    );
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('groups by reservoir, worst first, with counts in the header and the title', async () => {
    const page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.laptop);
    await page.goto(`${sys.url}/#/alerts`);
    const groups = page.locator('section.group');
    await expect.poll(() => groups.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const worst = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-worst')));
    const rank = { critical: 4, major: 3, warning: 2, info: 1 } as Record<string, number>;
    expect(worst.map((w) => rank[w!])).toEqual([...worst.map((w) => rank[w!])].sort((a, b) => b - a));
    // Rain and level alerts of one reservoir sit in one group.
    const first = groups.first();
    expect(await first.locator('article.alert').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => first.locator('a[href^="tel:"]').count(), { timeout: 10_000 }).toBe(4);
    const { body: open } = await sys.get<Alert[]>('/api/alerts?state=open', token);
    const red = open.filter((a) => a.severity === 'critical').length;
    await expect.poll(() => page.locator('[data-testid=header-count-critical]').textContent()).toContain(String(red));
    if (red) expect(await page.title()).toContain(`${red}红`);
    await shot(page, 'desk-1366');

    // Bulk acknowledge of everything open, with one note.
    await page.click('[data-testid=select-all]');
    await page.fill('[data-testid=bulk-note] input', '已通知巡查责任人到坝');
    await page.click('[data-testid=bulk-ack]');
    await expect
      .poll(async () => (await sys.get<Alert[]>('/api/alerts?state=open', token)).body.length, { timeout: 20_000 })
      .toBe(0);
    const { body: acked } = await sys.get<Alert[]>('/api/alerts?state=acknowledged', token);
    expect(acked.length).toBe(open.length);
    const { body: history } = await sys.get<{ action: string; note: string | null; actor: string }[]>(
      `/api/alerts/${acked[0]!.id}/history`,
      token,
    );
    expect(history.some((e) => e.action === 'ack' && e.note === '已通知巡查责任人到坝' && e.actor === 'admin')).toBe(
      true,
    );
    await page.click('[data-testid=tab-acknowledged]');
    await expect.poll(() => page.locator('section.group').count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('shows a planner the desk without acknowledge or resolve buttons', async () => {
    const password = await createUser(sys, token, 'planner1', 'planner');
    const page = await signIn(browser, sys, 'planner1', password, VIEWPORTS.phone);
    await page.goto(`${sys.url}/#/alerts`);
    await page.click('[data-testid=tab-acknowledged]');
    await expect.poll(() => page.locator('article.alert').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid^=resolve-], [data-testid^=ack-], [data-testid=bulk-ack]').count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'desk-390-planner');
    await page.close();
  });
});
