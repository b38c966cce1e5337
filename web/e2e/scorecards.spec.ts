import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { resolvedForecast, stamp } from './support/records';
import { e2eState } from './support/state';

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

test('the trend chart draws a tag’s nightly snapshots; without snapshots it says why', async ({ page }) => {
  const tag = stamp('trend');
  const viewer = await createUser('viewer');
  await signInWithKey(page, viewer, `/app/scorecards?groupBy=tag&tag=${tag}&trend=tag:${tag}`);
  const trend = page.getByRole('region', { name: 'Trend' });
  await expect(trend.getByText('No snapshots in this period')).toBeVisible();

  // Snapshots are written by the nightly job from data as of each past day; these stand for three nights.
  await nightlySnapshots(tag, [
    ['2026-01-10', 0.2],
    ['2026-02-10', 0.15],
    ['2026-03-10', 0.12],
  ]);
  await page.reload();
  await expect(trend.getByRole('img', { name: `Brier score over time: ${tag}` })).toBeVisible();
  await expect(trend).toContainText('one-sided, 0–1');
  await expectAccessible(page, 'scorecards-trend');
});

async function nightlySnapshots(tag: string, points: [string, number][]): Promise<void> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    for (const [date, brier] of points) {
      const figures = {
        counts: {
          scored: 3,
          estimates: 3,
          forecasts: 3,
          excludedTotal: 0,
          excluded: { partial: 0, annulled: 0, ambiguous: 0, withdrawn: 0, unresolved: 0 },
        },
        brierOneSided: brier,
        brierTwoSided: brier * 2,
        brierOneSidedInterval95: { lower: brier / 2, upper: brier * 1.5 },
      };
      await client.query(`INSERT INTO scorecard_snapshots (date, scope, key, label, figures) VALUES ($1, 'tag', $2, $2, $3)`, [
        date,
        tag,
        figures,
      ]);
    }
  } finally {
    await client.end();
  }
}
