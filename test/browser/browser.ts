// Shared by the browser tests: a real Chromium on the built dashboard of a real all-in-one system, signed in
// through the login form, with screenshots kept in test/browser/screenshots/ (gitignored) for people to look at.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningSystem } from '../support/system.js';

export const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const VIEWPORTS = {
  wall: { width: 1920, height: 1080 },
  laptop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A new page signed in as `username` through the form, on the overview once its list has rows. */
export async function signIn(
  browser: Browser,
  sys: RunningSystem,
  username = 'admin',
  password = sys.adminPassword,
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${sys.url}/#/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=reservoir-table] tbody tr[data-code]', { timeout: 30_000 });
  return page;
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

/** A user of the given role, created through the API; returns its password. */
export async function createUser(sys: RunningSystem, token: string, username: string, role: string): Promise<string> {
  const password = `pass-${username}-1234`;
  const res = await sys.post('/api/users', token, { username, displayName: username, password, role });
  if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return password;
}
