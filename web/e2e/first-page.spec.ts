import { gzipSync } from 'node:zlib';
import { createUser, expect, test } from './support/fixtures';

/** The budget for the first page's JavaScript, gzipped (counted strictly: 200 × 1000 bytes). */
const BUDGET_BYTES = 200_000;

test('the first page (Home, signed in) loads at most 200 KB of JavaScript, gzipped', async ({ browser, baseURL }) => {
  const analyst = await createUser('analyst');
  // A fresh browser, signed in before the first request (the key in this tab's storage), so that
  // every script Home needs is fetched and counted: the shell, the page, its charts.
  const context = await browser.newContext();
  await context.addInitScript((key) => sessionStorage.setItem('fl.apiKey', key), analyst.key);
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (response.request().resourceType() === 'script' || type.includes('javascript')) scripts.add(response.url());
  });
  await page.goto('/app/');
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Calibration/ })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const sizes = await Promise.all(
    [...scripts].map(async (url) => {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      return { file: new URL(url, baseURL).pathname, raw: body.length, gzipped: gzipSync(body).length };
    }),
  );
  const total = sizes.reduce((sum, s) => sum + s.gzipped, 0);
  const lines = sizes
    .sort((a, b) => b.gzipped - a.gzipped)
    .map((s) => `  ${(s.gzipped / 1000).toFixed(1).padStart(7)} KB gz  ${(s.raw / 1000).toFixed(1).padStart(7)} KB raw  ${s.file}`);
  console.log(`First page (Home) JavaScript: ${(total / 1000).toFixed(1)} KB gzipped in ${sizes.length} files\n${lines.join('\n')}`);
  expect(sizes.length).toBeGreaterThan(0);
  expect(total, `Home loads ${(total / 1000).toFixed(1)} KB of JavaScript gzipped`).toBeLessThanOrEqual(BUDGET_BYTES);
  await context.close();
});
