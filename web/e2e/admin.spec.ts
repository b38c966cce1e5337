import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { stamp } from './support/records';

test('an admin adds a person, changes a role, makes an invitation link, issues and revokes a key', async ({ page }) => {
  const admin = await createUser('admin');
  const name = stamp('Nina New');
  await signInWithKey(page, admin, '/app/admin');
  await expect(page.getByRole('heading', { name: 'People and access' })).toBeVisible();
  await expectAccessible(page, 'admin-people');

  await page.getByText('Add a person').click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Add person' }) });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Email', { exact: true }).fill(`${name.toLowerCase().replace(/\s+/g, '-')}@example.org`);
  await form.getByLabel('Role', { exact: true }).selectOption('analyst');
  await form.getByRole('button', { name: 'Add person' }).click();
  const access = page.getByRole('region', { name: new RegExp(name) });
  await expect(access).toBeVisible();
  await expect(page).toHaveURL(/user=/);

  // The role, changed in the table, holds in the API.
  await page.getByLabel('Name or email').fill(name);
  await page.getByLabel(`Role of ${name}`).selectOption('reviewer');
  await expect
    .poll(
      async () =>
        await apiCall<{ data: { displayName: string; role: string }[] } | { displayName: string; role: string }[]>(
          'GET',
          '/users?limit=100',
        ).then((b) => (Array.isArray(b) ? b : b.data).find((u) => u.displayName === name)?.role),
    )
    .toBe('reviewer');
  // An admin cannot change their own role here.
  await page.getByLabel('Name or email').fill(admin.displayName);
  await expect(page.getByLabel(`Role of ${admin.displayName}`)).toBeDisabled();
  await page.getByLabel('Name or email').fill(name);

  await access.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(access.getByLabel('Invitation link')).toHaveValue(/\/app\/set-password#token=/);

  await access.getByLabel("New key's name").fill('laptop');
  await access.getByRole('button', { name: 'Issue a key' }).click();
  await expect(access.getByLabel('Key “laptop”')).toHaveValue(/^fl_/);
  const key = await access.getByLabel('Key “laptop”').inputValue();
  await expect(apiCall('GET', '/users/me', undefined, key)).resolves.toMatchObject({ displayName: name });
  await expectAccessible(page, 'admin-person');
  await screenshots(page, 'admin-people');

  await access.getByRole('button', { name: 'Revoke key laptop' }).click();
  await expect(access.getByRole('row', { name: /laptop/ })).toContainText('Revoked');
  await expect(apiCall('GET', '/users/me', undefined, key)).rejects.toThrow(/401/);
});

test('an admin sees each job’s last run and runs one now; runs filter by job in the URL', async ({ page }) => {
  const admin = await createUser('admin');
  await signInWithKey(page, admin, '/app/admin/jobs');
  const card = page.getByRole('article', { name: 'Idempotency purge' });
  await card.getByRole('button', { name: /Run now/ }).click();
  await expect(card.getByRole('status')).toContainText('Done');
  await expect(card).toContainText('Last run');
  await page.getByLabel('Job', { exact: true }).selectOption('idempotency-purge');
  await expect(page).toHaveURL(/job=idempotency-purge/);
  await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('table')).toContainText('run by an admin');
  await expectAccessible(page, 'admin-jobs');
  await screenshots(page, 'admin-jobs');
});

test('the admin pages are for admins only', async ({ page }) => {
  const reviewer = await createUser('reviewer');
  await signInWithKey(page, reviewer, '/app/admin/jobs');
  await expect(page.getByText(/for the admin role/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
});
