/**
 * npm run bench:web [-- --forecasts 10000 --runs 5 --keep]
 *
 * The web app as a person meets it, in Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium)
 * against the built service (dist/main.js serving web/dist, as `npm start` runs it) on a fresh
 * database holding `--forecasts` generated forecasts (bench/archive-generator.ts, as bench:api):
 *
 * - first page: a fresh browser (empty cache) opens /app/ signed in; time from navigation to Home's
 *   first list shown and to its calibration chart drawn (which waits for the institution's
 *   scorecard, the slowest call), and the JavaScript it loaded, gzipped;
 * - forecast list: time from navigation to the first 50 rows shown, then each "Show 50 more"
 *   until 500 rows, with the API calls each page made (cursor paging: one GET /forecasts per page,
 *   none per row).
 *
 * Figures are medians over `--runs` fresh browsers. See bench/README.md.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { digestOf, issueApiKey } from '../src/auth/api-key.js';
import { generateArchive } from './archive-generator.js';
import { freePort, freshDatabase, migrate, repositoryRoot } from './bench-database.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const ms = (value: number) => `${Math.round(value)} ms`;

/** A viewer with an API key, made in the database directly (the service has no first admin here). */
async function viewerKey(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const issued = issueApiKey();
    const user = await client.query<{ id: string }>(
      `INSERT INTO users (email, display_name, role) VALUES ($1, 'Bench viewer', 'viewer') RETURNING id`,
      [`bench-web-${Date.now()}@forecast-ledger.invalid`],
    );
    await client.query(`INSERT INTO api_keys (user_id, name, prefix, digest) VALUES ($1, 'bench', $2, $3)`, [
      user.rows[0].id,
      issued.prefix,
      digestOf(issued.key),
    ]);
    return issued.key;
  } finally {
    await client.end();
  }
}

/** The service makes its own least-privilege role on the fresh database, as on a first start. */
function withoutAppDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.APP_DATABASE_URL;
  return copy;
}

async function startService(databaseUrl: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repositoryRoot(), 'dist/main.js')], {
    env: {
      ...withoutAppDatabaseUrl(process.env),
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      DEMO_DATA: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The service exited with ${child.exitCode}`);
    if (
      await fetch(`${baseUrl}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, baseUrl };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('The service was not ready within 120 s');
}

/** A fresh browser context signed in with the key (kept in the tab's storage, as the sign-in page does). */
async function signedInPage(browser: Browser, key: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // A script as text: this file is compiled without the DOM's types.
  await context.addInitScript({ content: `sessionStorage.setItem('fl.apiKey', ${JSON.stringify(key)});` });
  return context.newPage();
}

interface FirstPageRun {
  /** Navigation to Home's heading and lists shown. */
  contentMs: number;
  /** Navigation to the calibration chart drawn (it waits for the institution's scorecard). */
  ms: number;
  jsGzipped: number;
  files: number;
}

async function firstPage(browser: Browser, baseUrl: string, key: string): Promise<FirstPageRun> {
  const page = await signedInPage(browser, key);
  const scripts = new Set<string>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.add(response.url());
  });
  const started = performance.now();
  await page.goto(`${baseUrl}/app/`);
  await page.locator('.panel-list').first().waitFor();
  const contentMs = performance.now() - started;
  await page.getByRole('img', { name: /^Calibration/ }).waitFor();
  const elapsed = performance.now() - started;
  await page.waitForLoadState('networkidle');
  let jsGzipped = 0;
  for (const url of scripts) jsGzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
  await page.context().close();
  return { contentMs, ms: elapsed, jsGzipped, files: scripts.size };
}

interface ListRun {
  firstMs: number;
  moreMs: number[];
  callsPerPage: number[];
}

async function forecastList(browser: Browser, baseUrl: string, key: string, pages: number): Promise<ListRun> {
  const page = await signedInPage(browser, key);
  let calls = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/forecasts') calls += 1;
  });
  const rows = page.locator('table.forecast-table tbody tr');
  const started = performance.now();
  await page.goto(`${baseUrl}/app/forecasts`);
  await rows.nth(49).waitFor();
  const run: ListRun = { firstMs: performance.now() - started, moreMs: [], callsPerPage: [calls] };
  for (let n = 2; n <= pages; n += 1) {
    calls = 0;
    const clicked = performance.now();
    await page.getByRole('button', { name: 'Show 50 more' }).click();
    await rows.nth(n * 50 - 1).waitFor();
    run.moreMs.push(performance.now() - clicked);
    run.callsPerPage.push(calls);
  }
  await page.context().close();
  return run;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      forecasts: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '5' },
      pages: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
    },
  });
  const forecasts = Number(values.forecasts);
  const runs = Math.max(1, Number(values.runs));
  const pages = Math.max(2, Number(values.pages));
  const database = await freshDatabase(values.keep);
  let service: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    log(`Database ready; applying migrations and generating ${forecasts.toLocaleString('en-US')} forecasts …`);
    migrate(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await generateArchive(client, { forecasts, estimates: forecasts * 10, evidence: forecasts, batch: 'web', seed: 16 });
    await client.query('VACUUM ANALYZE');
    await client.end();
    const key = await viewerKey(database.url);
    const started = await startService(database.url);
    service = started.child;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

    // One run of each to warm the service (Prisma's first queries, the OS file cache); not counted.
    await firstPage(browser, started.baseUrl, key);
    await forecastList(browser, started.baseUrl, key, 2);
    const home = [];
    const lists = [];
    for (let run = 0; run < runs; run += 1) {
      home.push(await firstPage(browser, started.baseUrl, key));
      lists.push(await forecastList(browser, started.baseUrl, key, pages));
    }
    const more = lists.flatMap((l) => l.moreMs);
    const calls = lists.flatMap((l) => l.callsPerPage);
    console.log(
      [
        `bench:web, ${forecasts.toLocaleString('en-US')} forecasts, ${(forecasts * 10).toLocaleString('en-US')} estimates, median of ${runs} fresh browsers`,
        `  First page (Home, signed in): ${ms(median(home.map((h) => h.contentMs)))} from navigation to its lists shown, ` +
          `${ms(median(home.map((h) => h.ms)))} to the calibration chart drawn; ` +
          `JavaScript ${(median(home.map((h) => h.jsGzipped)) / 1000).toFixed(1)} KB gzipped in ${home[0].files} files`,
        `  Forecast list: first 50 rows in ${ms(median(lists.map((l) => l.firstMs)))}; each further 50 (pages 2–${pages}) in ` +
          `${ms(median(more))} (slowest ${ms(Math.max(...more))})`,
        `  API calls to /forecasts per page of 50 rows: ${Math.min(...calls)}–${Math.max(...calls)}`,
      ].join('\n'),
    );
    if (Math.max(...calls) > 1) process.exitCode = 1;
  } finally {
    await browser?.close();
    service?.kill('SIGTERM');
    await database.dispose();
  }
}

await main();
