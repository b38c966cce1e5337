import { apiCall, expect, expectAccessible, screenshots, test } from './support/fixtures';
import { resolvedForecast, stamp } from './support/records';

test('a published scorecard opens without signing in, read only, with its Brier and scale', async ({ page }) => {
  const tag = stamp('public');
  const dora = stamp('Dora');
  await resolvedForecast(tag, dora, 0.9);
  const forecasters = await apiCall<{ data: { id: string; name: string }[] }>('GET', `/forecasters?q=${encodeURIComponent(dora)}`);
  const forecaster = forecasters.data.find((f) => f.name === dora)!;
  const published = await apiCall<{ slug: string; path: string }>('POST', '/admin/published-scorecards', {
    kind: 'forecaster',
    forecasterId: forecaster.id,
  });

  await page.goto(published.path);
  await expect(page.getByRole('heading', { name: dora, level: 1 })).toBeVisible();
  // (1 − 0.9)² = 0.01.
  await expect(page.getByLabel('Overall figures')).toContainText('0.010 (one-sided, 0–1)');
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.getByLabel('Group by').selectOption('month');
  await expect(page).toHaveURL(/groupBy=month/);
  await expect(page.getByRole('table', { name: /by month/ })).toContainText('2025-06');
  await expectAccessible(page, 'public-scorecard');
  await screenshots(page, 'public-scorecard');

  await page.goto('/app/public/scorecards/no-such-scorecard');
  await expect(page.getByRole('alert')).toContainText('Not found');
});
