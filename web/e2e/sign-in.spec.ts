import type { Page } from '@playwright/test';
import pg from 'pg';
import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test, type TestUser } from './support/fixtures';
import { stamp } from './support/records';
import { e2eState } from './support/state';

/** Runs one statement on the run's database as its owner (what an operator, or time, would do). */
async function sql(text: string, values: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

const PASSWORD = 'correct horse battery staple';

/** A user with a password, set through an invitation link the admin made with the API. */
async function userWithPassword(role: TestUser['role']): Promise<TestUser> {
  const user = await createUser(role);
  const link = await apiCall<{ url: string }>('POST', `/users/${user.id}/password-links`, { purpose: 'invitation' });
  const token = new URL(link.url).hash.replace('#token=', '');
  const response = await fetch(`${e2eState().baseUrl}/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: e2eState().baseUrl },
    body: JSON.stringify({ token, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return user;
}

async function signInWithPassword(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an invitation made in the Admin page: a new person sets a password in a fresh browser, signs out and signs in with it', async ({
  page,
  browser,
}) => {
  const admin = await createUser('admin');
  const name = stamp('Ines Invited');
  const email = `${name.toLowerCase().replace(/\s+/g, '-')}@example.org`;
  await signInWithKey(page, admin, '/app/admin');
  await page.getByText('Add a person').click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Add person' }) });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByLabel('Role', { exact: true }).selectOption('analyst');
  await form.getByRole('button', { name: 'Add person' }).click();
  const access = page.getByRole('region', { name: new RegExp(name) });
  await access.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await access.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/app\/set-password#token=/);

  // The new person has nothing of the admin's: a browser of their own.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  // The page checks the link first and says whose password it sets.
  await expect(newcomer.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible();
  await expect(newcomer.getByText(`A new password for ${email}`)).toBeVisible();
  await expect(newcomer.getByText('At least 12 characters')).toBeVisible();
  // The token leaves the address bar once read.
  await expect(newcomer).toHaveURL(/\/app\/set-password$/);
  await expectAccessible(newcomer, 'set-password');
  await screenshots(newcomer, 'set-password');

  // The rules are checked before sending, and the problem is named.
  await newcomer.getByLabel('New password').fill('too short');
  await newcomer.getByLabel('The same password again').fill('too short');
  await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(newcomer.getByRole('alert')).toContainText('at least 12 characters (it has 9)');
  await newcomer.getByLabel('New password').fill(PASSWORD);
  await newcomer.getByLabel('The same password again').fill(`${PASSWORD}!`);
  await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(newcomer.getByRole('alert')).toContainText('The two passwords differ');

  await newcomer.getByLabel('The same password again').fill(PASSWORD);
  await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(newcomer).toHaveURL(/\/app\/?$/);
  await expect(newcomer.getByRole('banner').getByText(name)).toBeVisible();
  await expect(newcomer.getByRole('heading', { level: 1 })).toContainText(/Home|Welcome|Good/);

  // Sign-out ends the session on the server: the old cookie no longer answers.
  await newcomer.getByRole('button', { name: 'Sign out' }).click();
  await expect(newcomer).toHaveURL(/\/app\/sign-in/);
  expect((await context.request.get(`${e2eState().baseUrl}/auth/session`)).status()).toBe(401);

  // The password works; the link does not work twice.
  await signInWithPassword(newcomer, email);
  await expect(newcomer).toHaveURL(/\/app\/?$/);
  await expect(newcomer.getByRole('banner').getByText(name)).toBeVisible();
  // Opened again, the used link says so at once, before anyone types a password.
  await newcomer.goto(link);
  await expect(newcomer.getByRole('alert')).toContainText('This link no longer works');
  await expect(newcomer.getByLabel('New password')).toHaveCount(0);
  await expect(newcomer.getByRole('alert')).toContainText('used already');
  await expectAccessible(newcomer, 'set-password, used link');
  await context.close();
});

test('a link without its token says so, with a way to sign in', async ({ page }) => {
  await page.goto('/app/set-password');
  await expect(page.getByRole('alert')).toContainText('This link is incomplete');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, 'set-password without a token');
  await screenshots(page, 'set-password-incomplete');
  await page.goto('/app/set-password#token=not-a-real-token');
  await expect(page.getByRole('alert')).toContainText('This link no longer works');
  await expect(page.getByLabel('New password')).toHaveCount(0);
});

test('when the session expires the next page is the sign-in page saying so, and signing in returns there', async ({ page }) => {
  const analyst = await userWithPassword('analyst');
  await page.goto('/app/sign-in');
  await signInWithPassword(page, analyst.email);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Time passes: every session of the user is past its end (setting the password started one too).
  expect(
    await sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND revoked_at IS NULL`, [analyst.id]),
  ).toBeGreaterThanOrEqual(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecasts' }).click();
  await expect(page).toHaveURL(/\/app\/sign-in\?ended=1&next=%2Fforecasts/);
  await expect(page.getByRole('status')).toContainText('Your session ended');
  await expectAccessible(page, 'sign-in after the session ended');
  await screenshots(page, 'sign-in-session-ended');

  await signInWithPassword(page, analyst.email);
  await expect(page).toHaveURL(/\/app\/forecasts/);
  await expect(page.getByRole('heading', { level: 1, name: 'Forecasts' })).toBeVisible();
});

test('a write with the session cookie but without the CSRF token is refused with 403 and writes nothing', async ({ page }) => {
  const analyst = await userWithPassword('analyst');
  await page.goto('/app/sign-in');
  await signInWithPassword(page, analyst.email);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const { baseUrl } = e2eState();
  const request = page.context().request;
  const name = stamp('Forged forecaster');

  const forged = await request.post(`${baseUrl}/forecasters`, { data: { name, kind: 'person' }, headers: { origin: baseUrl } });
  expect(forged.status()).toBe(403);
  expect(forged.headers()['content-type']).toContain('application/json');
  expect(await forged.json()).toMatchObject({ code: 'csrf_rejected' });
  expect(await sql('SELECT 1 FROM forecasters WHERE name = $1', [name])).toBe(0);

  // The same write with the session's token goes through: the refusal was the missing token.
  const { csrfToken } = (await (await request.get(`${baseUrl}/auth/session`)).json()) as { csrfToken: string };
  const allowed = await request.post(`${baseUrl}/forecasters`, {
    data: { name, kind: 'person' },
    headers: { origin: baseUrl, 'x-csrf-token': csrfToken },
  });
  expect(allowed.status()).toBe(201);
  expect(await sql('SELECT 1 FROM forecasters WHERE name = $1', [name])).toBe(1);
});
