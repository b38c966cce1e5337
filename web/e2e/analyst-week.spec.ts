import type { Page } from '@playwright/test';
import { createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';

const PASSAGE = 'Security cooperation was also an important topic of the talks';

/** Selects a passage of the reader's text the way a mouse would (a DOM selection inside the text). */
async function selectPassage(page: Page, passage: string) {
  await page.locator('.document-text').evaluate((container, wanted) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`passage not found: ${wanted}`);
  }, passage);
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

test("an analyst's week: a forecast from a quote, an estimate in words, evidence, a proposed resolution a second reviewer approves, the score", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const analyst = await createUser('analyst', 'Ada Analyst');
  const proposer = await createUser('reviewer', 'Rita Reviewer');
  const approver = await createUser('reviewer', 'Sam Second');

  const analystPage = await (await browser.newContext()).newPage();
  await signInWithKey(analystPage, analyst);
  await expectAccessible(analystPage, 'home');
  await screenshots(analystPage, 'home');

  // The brief in the reader: pick a passage nobody quoted yet.
  await analystPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
  await expect(analystPage.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expectAccessible(analystPage, 'documents');
  await screenshots(analystPage, 'documents');
  await analystPage.getByRole('link', { name: /In the Shadow of Post-Election Protests/ }).click();
  await expect(analystPage.locator('.document-text')).toContainText(PASSAGE);
  await expect(analystPage.locator('mark.quote-mark').first()).toBeVisible();
  await expectAccessible(analystPage, 'document reader');
  await screenshots(analystPage, 'document');
  await selectPassage(analystPage, PASSAGE);
  await analystPage.getByRole('button', { name: 'New forecast from this quote' }).click();

  // The new forecast keeps the quote and its offsets.
  await expect(analystPage.getByRole('heading', { name: 'New forecast' })).toBeVisible();
  await expect(analystPage.getByLabel('Quote (exactly as in the text)')).toHaveValue(PASSAGE);
  await expectAccessible(analystPage, 'new forecast');
  await screenshots(analystPage, 'new-forecast');
  await analystPage.getByLabel('Statement').fill('Russia and Belarus will hold a joint military exercise before the end of 2027.');
  await analystPage.getByLabel('Resolution criteria').fill('Yes if Russian and Belarusian forces hold a joint exercise by the deadline.');
  await analystPage.getByLabel('Deadline (end of day, UTC)').fill('2027-12-31');
  await analystPage.getByLabel('Tags (comma-separated)').fill('military, e2e');
  await analystPage.getByLabel('Made on (if not today)').fill(daysAgo(2));
  await analystPage.getByRole('button', { name: 'Record forecast' }).click();
  await expect(analystPage.getByRole('heading', { level: 1, name: /joint military exercise/ })).toBeVisible();
  const forecastUrl = new URL(analystPage.url()).pathname;
  await expect(analystPage.locator('.quote-context mark')).toHaveText(PASSAGE);

  // An estimate in words, showing the range the words map to; made yesterday.
  await analystPage.getByLabel('Words', { exact: true }).selectOption('likely');
  await expect(analystPage.locator('.mapped-range')).toContainText('55%–80%');
  await analystPage.getByLabel('Made on (optional, if not today)').fill(daysAgo(1));
  await analystPage.getByRole('button', { name: 'Add estimate' }).click();
  await expect(analystPage.locator('.current-estimates')).toContainText('“likely”');
  await expect(analystPage.locator('.plot-figure svg').last()).toBeVisible();

  // Evidence.
  await analystPage.getByRole('button', { name: 'Log evidence' }).click();
  await analystPage.getByLabel('What happened').fill('Joint drills announced for the autumn.');
  await analystPage.getByLabel('Source title').fill('Ministry of Defence');
  await analystPage.getByRole('button', { name: 'Log evidence' }).click();
  await expect(analystPage.locator('.evidence-list')).toContainText('Joint drills announced for the autumn.');
  await expectAccessible(analystPage, 'forecast');
  await screenshots(analystPage, 'forecast');

  // A reviewer proposes the resolution, citing the evidence.
  const proposerPage = await (await browser.newContext()).newPage();
  await signInWithKey(proposerPage, proposer, forecastUrl);
  await expect(proposerPage.getByRole('heading', { name: 'Propose a resolution' })).toBeVisible();
  await proposerPage.getByLabel('Outcome').selectOption('yes');
  await proposerPage.getByLabel('Rationale', { exact: true }).fill('The drills took place as announced.');
  await proposerPage.getByLabel(/Joint drills announced/).check();
  await proposerPage.getByRole('button', { name: 'Propose resolution' }).click();
  await expect(proposerPage.getByRole('heading', { name: /Proposed: Yes/ })).toBeVisible();
  // Not their own to approve.
  await expect(proposerPage.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // A second reviewer approves from the home page's review list.
  const approverPage = await (await browser.newContext()).newPage();
  await signInWithKey(approverPage, approver);
  await approverPage.getByRole('link', { name: 'Proposed outcome: yes' }).first().click();
  await expect(approverPage.getByText('Joint drills announced for the autumn.').first()).toBeVisible();
  await approverPage.getByRole('button', { name: 'Approve' }).click();
  await expect(approverPage.getByText('Resolved: Yes').first()).toBeVisible();

  // The score: 'likely' (67.5%) on a forecast that came true, Brier (1 − 0.675)² ≈ 0.106 on the 0–1 scale.
  await analystPage.goto('/app/');
  await expect(analystPage.locator('.headline')).toContainText('1 scored estimate of 1 resolved forecast');
  await expect(analystPage.locator('.headline')).toContainText('0.106');
  await expect(analystPage.locator('.headline')).toContainText('0–1 scale');
  await screenshots(analystPage, 'home-scored');
});

test('a viewer sees the pages without write controls', async ({ page }) => {
  const viewer = await createUser('viewer', 'Vera Viewer');
  await signInWithKey(page, viewer, '/app/forecasts');
  await expect(page.getByRole('heading', { name: 'Forecasts' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New forecast' })).toHaveCount(0);
  await expectAccessible(page, 'forecasts (viewer)');
  await screenshots(page, 'forecasts');
  await page.getByRole('link', { name: /Russia and Belarus will take formal new steps/ }).click();
  await expect(page.getByRole('heading', { name: 'Resolution criteria' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Log evidence' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Add an estimate' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Propose a resolution' })).toHaveCount(0);
  await expectAccessible(page, 'forecast (viewer)');
  await page.goto('/app/documents');
  await expect(page.getByRole('button', { name: 'Upload a brief' })).toHaveCount(0);
});

test('forecast filters live in the URL and survive a reload', async ({ page }) => {
  const analyst = await createUser('analyst');
  await signInWithKey(page, analyst, '/app/forecasts');
  await page.getByLabel('Tag').fill('mediation');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/tag=mediation/);
  await expect(page.locator('table.forecast-table tbody tr')).toHaveCount(3);
  await page.reload();
  await expect(page.getByLabel('Tag')).toHaveValue('mediation');
  await expect(page.locator('table.forecast-table tbody tr')).toHaveCount(3);
  await page.getByLabel('Text').fill('no forecast has these words zzz');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No forecast matches these filters')).toBeVisible();
});
