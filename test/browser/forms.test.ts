// Data entry end to end in the browser, beyond the allocation (planner-phone.test.ts): an expenditure and a stage
// change with its reason on a project (figures and audit trail), a ledger import whose bad rows come back with row,
// column and reason, and a user added by the admin (in the list, able to sign in).

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';
import { createUser, launch, shot, signIn, VIEWPORTS } from './browser.js';

interface Project {
  id: number;
  reservoirCode: string;
  stage: string;
  spent: string;
}

let sys: RunningSystem;
let token: string;
let browser: Browser;
let planner: Page;

async function pickDate(page: Page, formTestId: string, date: string): Promise<void> {
  await page.click(`[data-testid=${formTestId}] .n-date-picker input`);
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
}

describe('data entry forms', () => {
  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
    browser = await launch();
    const password = await createUser(sys, token, 'planner3', 'planner');
    planner = await signIn(browser, sys, 'planner3', password, VIEWPORTS.laptop);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('records an expenditure: the spent figure and the audit trail show it', async () => {
    const { body: projects } = await sys.get<Project[]>('/api/projects', token);
    const p = projects.find((x) => x.stage === 'construction') ?? projects[0]!;
    await planner.goto(`${sys.url}/#/programme/projects/${p.id}`);
    await planner.click('.n-tabs-tab:has-text("支出")');
    await planner.waitForSelector('[data-testid=expenditure-form]');
    await planner.fill('[data-testid=expenditure-amount] input', '8800.50');
    await pickDate(planner, 'expenditure-form', '2026-11-21');
    await planner.fill('[data-testid=expenditure-description] input', '坝坡护砌进度款');
    await planner.click('[data-testid=expenditure-save]');
    await expect
      .poll(async () => Number(await planner.locator('[data-testid=project]').getAttribute('data-spent')), {
        timeout: 10_000,
      })
      .toBeCloseTo(Number(p.spent) + 8800.5, 2);
    const audit = planner.locator('[data-testid=project-history] tr[data-kind=expenditure]');
    await expect.poll(() => audit.last().textContent()).toContain('坝坡护砌进度款');
    expect(await audit.last().textContent()).toContain('planner3');
  });

  it('changes a stage with its reason: the audit trail shows from, to, reason and who', async () => {
    const { body: projects } = await sys.get<Project[]>('/api/projects', token);
    const p = projects.find((x) => x.stage === 'tendering')!;
    await planner.goto(`${sys.url}/#/programme/projects/${p.id}`);
    await planner.click('.n-tabs-tab:has-text("阶段")');
    await planner.click('[data-testid=stage-select]');
    await planner.click('.n-base-select-option:has-text("施工")');
    await planner.fill('[data-testid=stage-reason] textarea', '合同已签订，施工单位进场');
    await planner.click('[data-testid=stage-save]');
    const row = planner.locator('[data-testid=project-history] tr[data-kind=stage]').last();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('合同已签订，施工单位进场');
    expect(await row.textContent()).toMatch(/招投标 → 施工.*planner3/);
    const { body } = await sys.get<Project>(`/api/projects/${p.id}`, token);
    expect(body.stage).toBe('construction');
    await shot(planner, 'project-stage-1366');
  });

  it('imports a ledger and shows each bad row with its column and reason', async () => {
    const { body: projects } = await sys.get<Project[]>('/api/projects', token);
    const csv = [
      '水库编码,金额(元),支出日期,摘要',
      `${projects[0]!.reservoirCode},1200.00,2026-11-02,材料款`,
      `${projects[0]!.reservoirCode},12.345,2026-11-02,材料款`,
      `431199-9999,100.00,2026-13-40,`,
    ].join('\n');
    await planner.goto(`${sys.url}/#/ledger`);
    await planner.click('[data-testid=import] .n-base-selection');
    await planner.click('.n-base-select-option:has-text("资金支出")');
    await planner.setInputFiles('[data-testid=import-file]', {
      name: 'expenditures.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await planner.click('[data-testid=import-run]');
    const errors = planner.locator('[data-testid=import-errors] tbody tr');
    await expect.poll(() => errors.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const text = (await errors.allTextContents()).join('\n');
    expect(text).toMatch(/3\s*金额\(元\)/);
    expect(text).toMatch(/4\s*支出日期/);
    expect(text).toMatch(/4\s*摘要/);
    await shot(planner, 'ledger-import-errors-1366');
  });

  it('adds a user as the admin: in the list, and able to sign in', async () => {
    const admin = await signIn(browser, sys, 'admin', sys.adminPassword, VIEWPORTS.laptop);
    await admin.goto(`${sys.url}/#/users`);
    await admin.fill('[data-testid=user-username] input', 'officer7');
    await admin.fill('[data-testid=user-display] input', '值班员七');
    await admin.fill('[data-testid=user-password] input', 'short');
    await admin.click('[data-testid=user-save]');
    await expect
      .poll(() => admin.locator('[data-field=password] .n-form-item-feedback').textContent(), { timeout: 10_000 })
      .toBeTruthy();
    await admin.fill('[data-testid=user-password] input', 'officer7-password');
    await admin.click('[data-testid=user-save]');
    await expect
      .poll(() => admin.locator('[data-testid=users] tr:has-text("officer7")').count(), { timeout: 10_000 })
      .toBe(1);
    const login = await sys.post<{ accessToken: string }>('/api/auth/login', null, {
      username: 'officer7',
      password: 'officer7-password',
    });
    expect(login.status).toBe(200);
    await admin.close();
  });
});
