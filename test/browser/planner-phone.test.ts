// A planner enters an allocation on a project, sees it in the project's figures, the programme totals and the audit
// trail, and gets the API's validation message at the field; the overview and a reservoir page fit a phone.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { createUser, launch, shot, signIn, VIEWPORTS } from './browser.js';

interface Project {
  id: number;
  reservoirCode: string;
  allocated: string;
}

let sys: RunningSystem;
let token: string;
let browser: Browser;

describe('planner forms and phone layout', () => {
  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('records an allocation through the form and shows it in figures, totals and the audit', async () => {
    const password = await createUser(sys, token, 'planner2', 'planner');
    const { body: projects } = await sys.get<Project[]>('/api/projects', token);
    const p = projects[0]!;
    const page = await signIn(browser, sys, 'planner2', password, VIEWPORTS.laptop);
    await page.goto(`${sys.url}/#/programme`);
    const summary = page.locator('[data-testid=funding-summary]');
    await expect.poll(() => summary.getAttribute('data-projects'), { timeout: 20_000 }).toBe(String(projects.length));
    const totalBefore = await summary.getAttribute('data-allocated');
    await shot(page, 'programme-1366');

    await page.goto(`${sys.url}/#/programme/projects/${p.id}`);
    await page.waitForSelector('[data-testid=allocation-form]');
    // A malformed amount: the API's message, in Chinese, under the amount field.
    await page.fill('[data-testid=allocation-amount] input', '12.345');
    await page.click('[data-testid=allocation-date] input');
    await page.keyboard.type('2026-11-20');
    await page.keyboard.press('Enter');
    await page.click('[data-testid=allocation-save]');
    await expect
      .poll(() => page.locator('[data-field=amount] .n-form-item-feedback').textContent(), { timeout: 10_000 })
      .toContain('最多两位小数');
    await page.fill('[data-testid=allocation-amount] input', '12345.60');
    await page.click('[data-testid=allocation-save]');
    const before = Number(p.allocated);
    await expect
      .poll(async () => Number(await page.locator('[data-testid=project]').getAttribute('data-allocated')), {
        timeout: 10_000,
      })
      .toBeCloseTo(before + 12345.6, 2);
    const audit = page.locator('[data-testid=project-history] tr[data-kind=allocation]');
    await expect.poll(() => audit.last().textContent()).toContain('planner2');
    await shot(page, 'project-1366');

    await page.goto(`${sys.url}/#/programme`);
    await expect
      .poll(async () => Number(await summary.getAttribute('data-allocated')), { timeout: 20_000 })
      .toBeCloseTo(Number(totalBefore) + 12345.6, 2);
    await page.close();
  });

  it('fits the overview and a reservoir page on a 390 px phone without sideways scroll', async () => {
    const page = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'overview-390');
    const { body } = await sys.get<{ code: string; damSafetyMonitoring: boolean }[]>('/api/reservoirs', token);
    const r = body.find((x) => x.damSafetyMonitoring)!;
    await page.goto(`${sys.url}/#/reservoir/${r.code}`);
    await page.locator('[data-testid=hydrograph][data-ready="1"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'reservoir-390');
    await page.setViewportSize(VIEWPORTS.wall);
    await page.locator('[data-testid=hydrograph][data-ready="1"]').waitFor();
    await shot(page, 'reservoir-1920');
    await page.goto(`${sys.url}/#/reservoir/431199-9999`);
    await expect(page.locator('[data-testid=reservoir-missing]').textContent()).resolves.toContain('未找到水库');
    await page.close();
  });
});
