// The registers beyond one project's figures, entered through their forms by the role that may: a funds transfer
// between two projects (planner), a hazard (engineer), a responsible person and an alert-rule override (engineer).
// Each shows in its list, with the API's validation message at the field first; buttons stay hidden from others.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { createUser, launch, shot, signIn, VIEWPORTS } from './browser.js';

interface Project {
  id: number;
  reservoirName: string;
  county: string;
  kind: string;
  allocated: string;
  spent: string;
}

let sys: RunningSystem;
let token: string;
let browser: Browser;
let planner: Page;
let engineer: Page;
let engineerPassword: string;
let code: string;

/** A date in Beijing, `days` from today. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

async function typeDate(page: Page, selector: string, date: string): Promise<void> {
  await page.click(`${selector} input`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
}

const feedback = (page: Page, form: string, field: string) =>
  page.locator(`[data-testid=${form}] [data-field="${field}"] .n-form-item-feedback`);

describe('register forms', () => {
  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
    browser = await launch();
    const plannerPassword = await createUser(sys, token, 'planner5', 'planner');
    engineerPassword = await createUser(sys, token, 'engineer5', 'engineer');
    planner = await signIn(browser, sys, 'planner5', plannerPassword, VIEWPORTS.laptop);
    engineer = await signIn(browser, sys, 'engineer5', engineerPassword, VIEWPORTS.laptop);
    const { body } = await sys.get<{ code: string }[]>('/api/reservoirs', token);
    code = body[0]!.code;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('transfers unspent funds to a project of the same county: both figures and audit trails show it', async () => {
    const { body: projects } = await sys.get<Project[]>('/api/projects', token);
    const from = projects.find(
      (p) =>
        Number(p.allocated) - Number(p.spent) > 1000 &&
        projects.some((q) => q.id !== p.id && q.county === p.county && q.kind === p.kind),
    )!;
    const to = projects.find((q) => q.id !== from.id && q.county === from.county && q.kind === from.kind)!;
    await planner.goto(`${sys.url}/#/programme/projects/${from.id}`);
    await planner.click('.n-tabs-tab:has-text("资金调剂")');
    await planner.click('[data-testid=transfer-form] [data-field=toProjectId] .n-base-selection');
    await planner.click(`.n-base-select-option:has-text("${to.reservoirName}")`);
    await planner.fill('[data-testid=transfer-form] [data-field=amount] input', '1.234');
    await planner.fill('[data-testid=transfer-form] [data-field=reason] input', '结余调剂至急需项目');
    await planner.click('[data-testid=transfer-form] button[type=submit]');
    await expect.poll(() => feedback(planner, 'transfer-form', 'amount').textContent()).toContain('最多两位小数');

    await planner.fill('[data-testid=transfer-form] [data-field=amount] input', '600.00');
    await planner.click('[data-testid=transfer-form] button[type=submit]');
    const project = planner.locator('[data-testid=project]');
    await expect
      .poll(async () => Number(await project.getAttribute('data-allocated')), { timeout: 10_000 })
      .toBeCloseTo(Number(from.allocated) - 600, 2);
    const out = planner.locator('[data-testid=project-history] tr[data-kind=transfer]').last();
    expect(await out.textContent()).toMatch(
      new RegExp(`调出.*${from.reservoirName} → ${to.reservoirName}.*结余调剂至急需项目.*planner5`),
    );
    await shot(planner, 'transfer-1366');

    await planner.goto(`${sys.url}/#/programme/projects/${to.id}`);
    await expect
      .poll(async () => Number(await project.getAttribute('data-allocated')), { timeout: 10_000 })
      .toBeCloseTo(Number(to.allocated) + 600, 2);
    expect(await planner.locator('[data-testid=project-history] tr[data-kind=transfer]').last().textContent()).toMatch(
      /调入.*planner5/,
    );
  });

  it('records a hazard past its deadline, then closes it with evidence: lists and audit trail show both', async () => {
    await engineer.goto(`${sys.url}/#/ledger`);
    await engineer.fill('[data-testid=hazard-code] input', code);
    await typeDate(engineer, '[data-testid=hazard-form] [data-field=foundOn]', beijingDay(-30));
    await engineer.fill('[data-testid=hazard-found-by] input', '巡查员 李四');
    await engineer.fill('[data-testid=hazard-description] textarea', '下游坝坡渗水 E2E');
    // A deadline before the day it was found: the API's message under the deadline.
    await typeDate(engineer, '[data-testid=hazard-deadline]', beijingDay(-40));
    await engineer.click('[data-testid=hazard-save]');
    await expect
      .poll(() => feedback(engineer, 'hazard-form', 'rectificationDeadline').textContent(), { timeout: 10_000 })
      .toBeTruthy();
    await typeDate(engineer, '[data-testid=hazard-deadline]', beijingDay(-1));
    await engineer.click('[data-testid=hazard-save]');
    await engineer.goto(`${sys.url}/#/programme`);
    await expect
      .poll(() => engineer.locator('[data-testid=hazards-overdue]').textContent(), { timeout: 20_000 })
      .toContain('下游坝坡渗水 E2E');

    // The reservoir's own list, where it is closed with the evidence asked for at the field.
    await engineer.goto(`${sys.url}/#/reservoir/${code}`);
    const item = engineer.locator('[data-testid=reservoir-hazards] li:has-text("下游坝坡渗水 E2E")');
    await item.locator('button[data-testid^=close-hazard-]').click();
    await engineer.click('[data-testid=hazard-close-save]');
    await expect
      .poll(() => feedback(engineer, 'hazard-close-form', 'evidence').textContent(), { timeout: 10_000 })
      .toContain('整改佐证');
    await engineer.fill('[data-testid=hazard-evidence] textarea', '已换填反滤料，见整改照片 E2E');
    await engineer.click('[data-testid=hazard-close-save]');
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('closed');
    const closed = engineer.locator('[data-testid=reservoir-audit] tr[data-entity=hazard][data-action=close]').first();
    await expect.poll(() => closed.textContent(), { timeout: 10_000 }).toContain('已换填反滤料，见整改照片 E2E');
    expect(await closed.textContent()).toMatch(/engineer5.*隐患 #\d+ 销号.*状态: 未整改 → 已销号/);
    const created = engineer.locator('[data-testid=reservoir-audit] tr[data-entity=hazard][data-action=create]');
    expect(await created.first().textContent()).toMatch(/engineer5.*新增.*下游坝坡渗水 E2E/);
    await item.scrollIntoViewIfNeeded();
    await shot(engineer, 'hazards-1366');
  });

  it('changes a responsible person: the phone is checked at the field, the list shows the new person', async () => {
    await engineer.goto(`${sys.url}/#/reservoir/${code}`);
    await engineer.click('[data-testid=edit-person-patrol]');
    await engineer.fill('[data-testid=person-form] [data-field=name] input', '赵六');
    await engineer.fill('[data-testid=person-phone] input', '12345');
    await engineer.click('[data-testid=person-save]');
    await expect.poll(() => feedback(engineer, 'person-form', 'phone').textContent(), { timeout: 10_000 }).toBeTruthy();
    await engineer.fill('[data-testid=person-phone] input', '13912345678');
    await engineer.click('[data-testid=person-save]');
    await expect
      .poll(() => engineer.locator('[data-testid=persons]').textContent(), { timeout: 10_000 })
      .toMatch(/巡查责任人\s*赵六\s*13912345678/);
    const audit = engineer.locator('[data-testid=reservoir-audit] tr[data-entity=responsible_person]').first();
    await expect.poll(() => audit.textContent(), { timeout: 10_000 }).toMatch(/engineer5.*巡查责任人.*赵六/);
    expect(await audit.textContent()).toContain('13912345678');
  });

  it('overrides an alert rule: the effective rules show it marked as overridden', async () => {
    await engineer.goto(`${sys.url}/#/reservoir/${code}`);
    await engineer.click('[data-testid=rules-edit]');
    // The orange level above the red one: the API's problem at the orange level.
    await engineer.fill('[data-testid="rule-waterLevel.major"] input', '999');
    await engineer.click('[data-testid=rules-save]');
    await expect
      .poll(() => feedback(engineer, 'rules-form', 'waterLevel.major').textContent(), { timeout: 10_000 })
      .toMatch(/^须低于 [\d.]+$/);
    await feedback(engineer, 'rules-form', 'waterLevel.major').scrollIntoViewIfNeeded();
    await shot(engineer, 'alert-rules-error-1366');
    await engineer.click('[data-testid=rules-form] button:has-text("取消")');
    await engineer.click('[data-testid=rules-edit]');
    await engineer.fill('[data-testid="rule-waterLevelRise.ratePerHour"] input', '0.35');
    await engineer.click('[data-testid=rules-save]');
    const row = engineer.locator('[data-testid=alert-rules] tr:has-text("水位上涨率")');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/0\.35 m\/h.*已调整/);
    const audit = engineer.locator('[data-testid=reservoir-audit] tr[data-entity=alert_rules]').first();
    await expect
      .poll(() => audit.textContent(), { timeout: 10_000 })
      .toMatch(/engineer5.*预警规则 调整.*水位上涨率.*0\.35/);
    await shot(engineer, 'alert-rules-1366');
    await audit.scrollIntoViewIfNeeded();
    await shot(engineer, 'reservoir-audit-1366');
    // On a phone the hazards, persons and audit trail fit without sideways scroll.
    const phone = await signIn(browser, sys, 'engineer5', engineerPassword, VIEWPORTS.phone);
    await phone.goto(`${sys.url}/#/reservoir/${code}`);
    const phoneAudit = phone.locator('[data-testid=reservoir-audit] tr[data-entity=alert_rules]');
    await phoneAudit.waitFor({ timeout: 10_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phoneAudit.scrollIntoViewIfNeeded();
    await shot(phone, 'reservoir-audit-390');
    await phone.close();
  });

  it('shows the edit buttons only to the roles that may use them', async () => {
    const hazard = await sys.post('/api/hazards', token, {
      reservoirCode: code,
      foundOn: beijingDay(0),
      foundBy: '巡查员',
      source: 'patrol',
      locationOnDam: '坝顶',
      description: '坝顶裂缝 E2E',
      severity: 'general',
      rectificationDeadline: beijingDay(30),
    });
    expect(hazard.status).toBe(201);
    await planner.goto(`${sys.url}/#/reservoir/${code}`);
    await planner.waitForSelector('[data-testid=reservoir-hazards] li:has-text("坝顶裂缝 E2E")');
    expect(await planner.locator('[data-testid^=close-hazard-]').count()).toBe(0);
    expect(await planner.locator('[data-testid=reservoir-audit] tr[data-entity=hazard]').count()).toBeGreaterThan(0);
    await planner.waitForSelector('[data-testid=persons] li');
    await planner.waitForSelector('[data-testid=alert-rules]');
    expect(await planner.locator('[data-testid^=edit-person-]').count()).toBe(0);
    expect(await planner.locator('[data-testid=rules-edit]').count()).toBe(0);
    await planner.goto(`${sys.url}/#/ledger`);
    await planner.waitForSelector('[data-testid=import]');
    expect(await planner.locator('[data-testid=hazard-form]').count()).toBe(0);

    const { body: projects } = await sys.get<Project[]>('/api/projects', token);
    await engineer.goto(`${sys.url}/#/programme/projects/${projects[0]!.id}`);
    await engineer.waitForSelector('[data-testid=project-history]');
    expect(await engineer.locator('[data-testid=project-forms]').count()).toBe(0);
  });

  it("keeps another area's audit trail out of an area-scoped user's reach", async () => {
    const { body: reservoirs } = await sys.get<{ code: string; county: string }[]>('/api/reservoirs', token);
    const mine = reservoirs.find((r) => r.county !== reservoirs[0]!.county)!;
    const created = await sys.post('/api/users', token, {
      username: 'county-planner5',
      displayName: 'county-planner5',
      password: 'county-planner5-pass',
      role: 'planner',
      areaCode: mine.county,
    });
    expect(created.status).toBe(201);
    const scoped = await sys.login('county-planner5', 'county-planner5-pass');
    expect((await sys.get(`/api/reservoirs/${mine.code}/audit`, scoped)).status).toBe(200);
    expect((await sys.get(`/api/reservoirs/${code}/audit`, scoped)).status).toBe(404);
    expect((await sys.get(`/api/reservoirs/${code}/audit`, token)).status).toBe(200);
  });
});
