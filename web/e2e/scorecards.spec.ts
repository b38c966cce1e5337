import { readFileSync } from 'node:fs';
import { createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { resolvedForecast, stamp } from './support/records';

test('the scorecard shows a resolved forecast’s Brier with its scale, sorts, charts, and downloads a PDF', async ({ page }) => {
  const tag = stamp('scorecard');
  const alice = stamp('Alice');
  const bob = stamp('Bob');
  // Alice said 80% and it happened: (1 − 0.8)² = 0.04. Bob said 30%: (1 − 0.3)² = 0.49.
  await resolvedForecast(tag, alice, 0.8);
  await resolvedForecast(tag, bob, 0.3);
  const viewer = await createUser('viewer');
  await signInWithKey(page, viewer, `/app/scorecards?tag=${tag}`);

  await expect(page.getByRole('heading', { name: 'Scorecards', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: /Accuracy scorecard by forecaster/ });
  const aliceRow = table.getByRole('row', { name: new RegExp(alice) });
  await expect(aliceRow.getByRole('cell').nth(2)).toContainText('0.040');
  await expect(
    table
      .getByRole('row', { name: new RegExp(bob) })
      .getByRole('cell')
      .nth(2),
  ).toContainText('0.490');
  // The scale is named beside every Brier figure: the headline and the column header.
  await expect(page.getByLabel('Overall figures')).toContainText('0.265 (one-sided, 0–1)');
  await expect(page.getByLabel('Overall figures')).toContainText('0.530 (two-sided, 0–2)');
  await expect(table.getByRole('columnheader', { name: /^Brier/ })).toContainText('0–1, one-sided');

  // Sorting by Brier, best first, then worst first; the order is in the URL.
  await table.getByRole('button', { name: /^Brier/ }).click();
  await expect(page).toHaveURL(/sort=brier&dir=asc/);
  await expect(table.locator('tbody tr').nth(1)).toContainText(alice);
  await table.getByRole('button', { name: /^Brier/ }).click();
  await expect(table.locator('tbody tr').nth(1)).toContainText(bob);
  await expect(table.getByRole('columnheader', { name: /^Brier/ })).toHaveAttribute('aria-sort', 'descending');

  // The reliability diagram of the selected row, with counts; Murphy's terms.
  await aliceRow.getByRole('button', { name: /Show/ }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Calibration: ${alice}`) })).toBeVisible();
  await expect(page.getByRole('img', { name: `Reliability diagram of ${alice}` })).toBeVisible();
  await page.getByText('The diagram as a table').click();
  await expect(page.getByRole('row', { name: /\(70%, 80%\]/ })).toContainText('1 of 1');
  await expect(page.getByText('BS = REL − RES + UNC + WBV − WBC')).toBeVisible();

  await expectAccessible(page, 'scorecards');
  await screenshots(page, 'scorecards');

  // The PDF: the same scorecard as a file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^scorecard-forecaster-.*\.pdf$/);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
  expect(readFileSync(await csv.path(), 'utf8')).toContain(alice);
});

test('scorecard filters live in the URL; an empty scope and a failing request say so', async ({ page }) => {
  const viewer = await createUser('viewer');
  await signInWithKey(page, viewer, `/app/scorecards?tag=${stamp('nothing')}&groupBy=tag`);
  await expect(page.getByText('Nothing matches these filters')).toBeVisible();
  await expect(page.getByLabel('Group by')).toHaveValue('tag');
  await expectAccessible(page, 'scorecards-empty');

  await page.getByLabel('Group by').selectOption('horizon');
  await expect(page).toHaveURL(/groupBy=horizon/);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/tag=/);

  await page.goto('/app/scorecards?from=not-a-date');
  await expect(page.getByRole('alert')).toBeVisible();
});

test('the trend chart draws a tag’s Brier over time from its outcomes’ dates; with nothing resolved it says why', async ({ page }) => {
  const tag = stamp('trend');
  const viewer = await createUser('viewer');
  await signInWithKey(page, viewer, `/app/scorecards?groupBy=tag&tag=${tag}&trend=tag:${tag}&period=5`);
  const trend = page.getByRole('region', { name: 'Trend' });
  await expect(trend.getByText('Nothing resolved here in this period')).toBeVisible();

  // GET /scorecards/trend computes its points from the data's own dates: outcomes of June 2025.
  await resolvedForecast(tag, stamp('Tess'), 0.8);
  await resolvedForecast(tag, stamp('Tom'), 0.6, 'no');
  await page.reload();
  await expect(trend.getByRole('img', { name: `Brier score over time: ${tag}` })).toBeVisible();
  await expect(trend).toContainText('one-sided, 0–1');
  await expectAccessible(page, 'scorecards-trend');
});
