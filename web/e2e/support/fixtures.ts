import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { e2eState } from './state';

export { expect };

export type Role = 'viewer' | 'analyst' | 'reviewer' | 'admin';

/** A user made through the API for one test, with an API key. */
export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  key: string;
}

/** Calls the JSON API with an API key (the admin's unless another is given); throws on an error status. */
export async function apiCall<T>(method: string, url: string, body?: unknown, key = e2eState().adminKey): Promise<T> {
  const response = await fetch(`${e2eState().baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

let userCount = 0;

/** A new user with the role and an API key (the run shares one database: every user is new). */
export async function createUser(role: Role, displayName?: string): Promise<TestUser> {
  userCount += 1;
  const stamp = `${Date.now().toString(36)}${userCount}`;
  const name = displayName ?? `${role[0].toUpperCase()}${role.slice(1)} ${stamp}`;
  const email = `${role}-${stamp}@example.org`;
  const user = await apiCall<{ id: string }>('POST', '/users', { email, displayName: name, role });
  const issued = await apiCall<{ key: string }>('POST', `/users/${user.id}/api-keys`, { name: 'browser tests' });
  return { id: user.id, email, displayName: name, role, key: issued.key };
}

/** Opens the sign-in page and continues with an API key (until password sign-in is on main). */
export async function signInWithKey(page: Page, user: TestUser, next = '/app/'): Promise<void> {
  await page.goto(`/app/sign-in?next=${encodeURIComponent(next.replace(/^\/app/, ''))}`);
  await page.getByText('Use an API key instead').click();
  await page.getByLabel('API key').fill(user.key);
  await page.getByRole('button', { name: 'Continue with the key' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = severe.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

const SCREENSHOTS = path.resolve('test-artefacts/screenshots');

/** Full-page screenshots at 1440 px and 375 px (git-ignored artefacts, to be looked at). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1440, height: 900 };
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    // Nothing may stick out sideways at either width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize(original);
}

export const test = base.extend({
  // Playwright reads a fixture's dependencies from this pattern: it must be an object pattern.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(e2eState().baseUrl);
  },
});
