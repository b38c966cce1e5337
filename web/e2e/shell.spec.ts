import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';

test('the service serves the app under /app with a fallback, and / redirects there', async ({ baseURL }) => {
  const root = await fetch(`${baseURL}/`, { redirect: 'manual' });
  expect(root.status).toBe(302);
  expect(root.headers.get('location')).toBe('/app/');
  const deepLink = await fetch(`${baseURL}/app/forecasts/some-id?status=open`);
  expect(deepLink.status).toBe(200);
  expect(deepLink.headers.get('content-type')).toContain('text/html');
  expect(await deepLink.text()).toContain('<div id="root">');
  const missingAsset = await fetch(`${baseURL}/app/assets/gone-1234.js`);
  expect(missingAsset.status).toBe(404);
  // The API keeps its paths.
  await expect(apiCall('GET', '/users/me')).resolves.toMatchObject({ role: 'admin' });
});

test('signed out, a page sends the user to sign-in and back after; sign-out ends it', async ({ page }) => {
  const analyst = await createUser('analyst', 'Anna Analyst');
  await page.goto('/app/');
  await expect(page).toHaveURL(/\/app\/sign-in\?next=%2F/);
  await expect(page.getByRole('heading', { name: 'Forecast Ledger' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshots(page, 'sign-in');

  await signInWithKey(page, analyst);
  await expect(page.getByRole('banner').getByText('Anna Analyst')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expectAccessible(page, 'home');

  // Keyboard: the skip link is the first stop and moves focus to the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/app\/sign-in/);
  await page.goto('/app/');
  await expect(page).toHaveURL(/\/app\/sign-in/);
});

test('a wrong API key is refused with a message', async ({ page }) => {
  await page.goto('/app/sign-in');
  await page.getByText('Use an API key instead').click();
  await page.getByLabel('API key').fill('fl_not_a_real_key');
  await page.getByRole('button', { name: 'Continue with the key' }).click();
  await expect(page.getByRole('alert')).toContainText('not valid');
});
