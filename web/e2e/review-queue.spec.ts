import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { openForecastWithEvidence, propose, stamp } from './support/records';

test('a second reviewer reads the cited evidence and approves a proposal with a comment', async ({ page }) => {
  const analyst = await createUser('analyst');
  const proposer = await createUser('reviewer');
  const second = await createUser('reviewer');
  const statement = `${stamp('Review')}: the ministry will publish the 2026 figure`;
  const { forecastId, evidenceId, evidenceSummary } = await openForecastWithEvidence(analyst, statement);
  await propose(proposer, forecastId, evidenceId, 'The bulletin of 1 February carries the figure.');

  await signInWithKey(page, second, '/app/');
  // The queue is one call: each proposal comes with its forecast, cited evidence and proposer.
  const calls: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/forecasts') || pathname.startsWith('/resolution-proposals') || pathname.startsWith('/evidence'))
      calls.push(`${r.method()} ${pathname}`);
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
  const card = page.getByRole('article', { name: statement });
  await expect(card).toContainText('Proposed: Yes — it happened');
  await expect(card).toContainText(`by ${proposer.displayName}`);
  await expect(card).toContainText('Yes if the ministry publishes the figure by the deadline.');
  await expect(card).toContainText('70%');
  expect(calls).toEqual(['GET /resolution-proposals']);
  await expect(card).toContainText('The bulletin of 1 February carries the figure.');
  await expect(card.getByRole('listitem').filter({ hasText: evidenceSummary })).toContainText('supports');
  await expect(card).toContainText('1 Feb 2026 UTC');
  await expectAccessible(page, 'review-queue');
  await screenshots(page, 'review-queue');

  // A rejection needs a comment; the approval takes one.
  await card.getByRole('button', { name: 'Reject' }).click();
  await expect(card.getByRole('alert')).toContainText('needs one');
  await card.getByLabel(/Comment/).fill('Checked the bulletin; agreed.');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved' })).toContainText(`Approved: “${statement}” is resolved yes.`);
  await expect(card).toHaveCount(0);
  const forecast = await apiCall<{ status: string; outcome: string }>('GET', `/forecasts/${forecastId}`);
  expect(forecast).toMatchObject({ status: 'resolved', outcome: 'yes' });
  const proposals = await apiCall<{ data: { review: { comment: string } }[] }>('GET', `/resolution-proposals?forecastId=${forecastId}`);
  expect(proposals.data[0].review.comment).toBe('Checked the bulletin; agreed.');

  // Decided proposals are listed with their review.
  await page.getByRole('button', { name: 'Approved' }).click();
  await expect(page).toHaveURL(/state=approved/);
  await expect(page.getByRole('article', { name: statement })).toContainText('Checked the bulletin; agreed.');
});

test('the proposer cannot approve their own proposal, only withdraw it; a refusal from the server is shown', async ({ page }) => {
  const analyst = await createUser('analyst');
  const proposer = await createUser('reviewer');
  const statement = `${stamp('Own')}: the ministry will publish the 2026 figure`;
  const { forecastId, evidenceId } = await openForecastWithEvidence(analyst, statement);
  await propose(proposer, forecastId, evidenceId, 'Published.');
  await signInWithKey(page, proposer, '/app/review');
  const card = page.getByRole('article', { name: statement });
  await expect(card.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await card.getByLabel(/Comment/).fill('Proposed too early; withdrawing.');
  await card.getByRole('button', { name: 'Withdraw my proposal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rejected' })).toContainText('stays as it was');
});

test('an empty queue says so', async ({ page }) => {
  const reviewer = await createUser('reviewer');
  await signInWithKey(page, reviewer, '/app/review?state=rejected&cursor=bogus');
  await expect(page.getByRole('alert').or(page.getByText('No rejected proposals'))).toBeVisible();
});
