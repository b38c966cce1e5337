import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { stamp } from './support/records';

const FILES = path.resolve('test-artefacts/import-files');

function csvFile(name: string, rows: string[]): string {
  mkdirSync(FILES, { recursive: true });
  const file = path.join(FILES, name);
  writeFileSync(file, ['statement,forecaster,probability,made_at,deadline,tags', ...rows].join('\n'));
  return file;
}

test('a dry run reports each bad record by line, column and message; a clean file is then imported with progress', async ({ page }) => {
  const analyst = await createUser('analyst');
  const tag = stamp('import');
  const bad = csvFile(`${tag}-bad.csv`, [
    `"${tag} one",Ida Importer,0.7,2026-01-01,2026-12-31,${tag}`,
    `"${tag} two",Ida Importer,1.3,2026-01-01,2026-12-31,${tag}`,
  ]);
  await signInWithKey(page, analyst, '/app/imports');
  await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
  await expectAccessible(page, 'imports');

  await page.getByLabel('File', { exact: true }).setInputFiles(bad);
  await expect(page.getByLabel(/Dry run/)).toBeChecked();
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByRole('region', { name: 'Dry run report' });
  await expect(report).toContainText('Finished');
  await expect(report.getByRole('heading', { name: '1 bad record' })).toBeVisible();
  // A dry run with bad records offers no real import (the notice says there are none only when so).
  await expect(report.getByRole('button', { name: /for real/ })).toHaveCount(0);
  await expect(report).not.toContainText('No bad records');
  const errorRow = report.getByRole('row').filter({ hasText: 'probability' });
  await expect(errorRow.getByRole('cell').first()).toHaveText('3');
  await expect(errorRow).toContainText('1.3');
  await expect(page).toHaveURL(/job=/);
  await expectAccessible(page, 'imports-report');
  await screenshots(page, 'imports-report');

  const good = csvFile(`${tag}-good.csv`, [`"${tag} one",Ida Importer,0.7,2026-01-01,2026-12-31,${tag}`]);
  await page.getByLabel('File', { exact: true }).setInputFiles(good);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(report).toContainText('No bad records');
  await expect(report.getByRole('row', { name: /forecasts/ })).toContainText('1');
  await page.getByRole('button', { name: /for real/ }).click();
  const real = page.getByRole('region', { name: 'Import report' });
  await expect(real).toContainText('Finished');
  await expect(
    real
      .getByRole('row', { name: /forecasts/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  const forecasts = await apiCall<{ data: unknown[] }>('GET', `/forecasts?tag=${tag}`);
  expect(forecasts.data).toHaveLength(1);

  // The list of recent imports links to each report.
  await expect(page.getByRole('table').last().getByRole('row')).not.toHaveCount(1);
});

test('the progress bar shows processed of total while a larger import runs', async ({ page }) => {
  const analyst = await createUser('analyst');
  const tag = stamp('bulk');
  const rows = Array.from({ length: 4000 }, (_, i) => `"${tag} forecast ${i}",Bea Bulk,0.${(i % 9) + 1},2026-01-01,2026-12-31,${tag}`);
  const file = csvFile(`${tag}.csv`, rows);
  await signInWithKey(page, analyst, '/app/imports');
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByRole('region', { name: 'Dry run report' });
  // Either the bar while it runs, or (on a fast machine) the finished count: both say how many of how many.
  await expect(
    report.getByRole('progressbar', { name: 'Import progress' }).or(report.getByText('4,000 of 4,000 records processed.')),
  ).toBeVisible();
  await expect(report.getByText('4,000 of 4,000 records processed.')).toBeVisible({ timeout: 30_000 });
});
