import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { stamp } from './support/records';

test('Home lists forecasts past their deadline awaiting resolution, with days overdue and a link to resolve', async ({ page }) => {
  const analyst = await createUser('analyst');
  const statement = `${stamp('Overdue')}: the census results will be published`;
  const forecaster = await apiCall<{ id: string }>('POST', '/forecasters', { name: stamp('Census watcher'), kind: 'person' }, analyst.key);
  // Open although its deadline has passed (the scheduler, off in these tests, has not marked it due).
  const forecast = await apiCall<{ id: string; status: string }>(
    'POST',
    '/forecasts',
    {
      statement,
      resolutionCriteria: 'Yes if the statistics office publishes the census results by the deadline.',
      deadline: '1990-01-31T23:59:59Z',
      madeAt: '1990-01-02T00:00:00Z',
      initialEstimate: { forecasterId: forecaster.id, probability: 0.6 },
    },
    analyst.key,
  );
  const days = Math.floor((Date.now() - Date.parse('1990-01-31T23:59:59Z')) / 86_400_000);

  await signInWithKey(page, analyst);
  const panel = page.getByRole('region', { name: 'Due and overdue, awaiting resolution' });
  const line = panel.getByRole('listitem').filter({ hasText: statement });
  await expect(line).toContainText(`Overdue by ${days.toLocaleString('en-GB')} days`);
  await expect(line.getByRole('link', { name: `Resolve: ${statement}` })).toHaveAttribute(
    'href',
    `/app/forecasts/${forecast.id}#resolution-title`,
  );
  await expect(page.getByRole('img', { name: /^Calibration/ })).toBeVisible();
  await expectAccessible(page, 'home');
  await screenshots(page, 'home-due');
  // The panel's link lists every overdue forecast, the unswept ones included, with the filter shown as set.
  await panel.getByRole('link', { name: /^All overdue forecasts/ }).click();
  await expect(page.getByRole('checkbox', { name: /^Overdue only/ })).toBeChecked();
  await expect(page.getByRole('row').filter({ hasText: statement })).toBeVisible();
  await screenshots(page, 'forecasts-overdue');
  await page.goBack();
  await line.getByRole('link', { name: statement, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: statement })).toBeVisible();
});
