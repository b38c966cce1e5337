import { createUser, expect, signInWithKey, test } from './support/fixtures';
import { openForecastWithEvidence, propose, resolvedForecast, stamp } from './support/records';

/**
 * A viewer reads the scorecards and the review queue but is offered no write control on them, and
 * the imports and admin pages are not theirs (the server refuses all the same).
 */
test('a viewer sees no write controls on the scorecard, review, import and admin pages', async ({ page }) => {
  const tag = stamp('viewer');
  await resolvedForecast(tag, stamp('Vic'), 0.6);
  const analyst = await createUser('analyst');
  const reviewer = await createUser('reviewer');
  const statement = `${stamp('Viewer')}: a proposal the viewer may read`;
  const { forecastId, evidenceId } = await openForecastWithEvidence(analyst, statement);
  await propose(reviewer, forecastId, evidenceId, 'Published.');
  const viewer = await createUser('viewer');

  await signInWithKey(page, viewer, `/app/scorecards?tag=${tag}`);
  await expect(page.getByRole('table', { name: /Accuracy scorecard/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Publish/ })).toHaveCount(0);

  await page.goto('/app/review');
  const card = page.getByRole('article', { name: statement });
  await expect(card).toContainText('Awaiting a reviewer');
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect(card.getByRole('textbox')).toHaveCount(0);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Imports' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  for (const path of ['/app/imports', '/app/admin', '/app/admin/jobs']) {
    await page.goto(path);
    await expect(page.getByText(/This page is for the (analyst|admin) role/)).toBeVisible();
    await expect(page.getByRole('button', { name: /Import|Check the file|Run now|Add person|Issue a key/ })).toHaveCount(0);
    await expect(page.locator('input[type=file]')).toHaveCount(0);
  }
});
