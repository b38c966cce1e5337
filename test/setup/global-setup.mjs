// Finds a PostgreSQL for the test run (TEST_DATABASE_URL, else DATABASE_URL, else an embedded server
// started here) and migrates a template database once; each test file clones it (test-database.ts).
// Plain JavaScript on the built service (`pretest` builds it): Jest loads global setup through
// Node's own resolver, which cannot follow the sources' .js-suffixed imports of .ts files.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../dist/database/embedded-postgres.js';
import { applyMigrations } from '../../dist/database/migrations.js';
import { PROJECT_ROOT } from '../../dist/database/project-root.js';
import { databaseUrl, TEST_ENV } from './test-environment.mjs';

const EMBEDDED_TEST_PORT = 54339;

export default async function globalSetup() {
  const started = performance.now();
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (adminUrl) {
    adminUrl = databaseUrl(adminUrl, 'postgres');
  } else {
    const dataDir = path.join(PROJECT_ROOT, '.test-data');
    await rm(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? EMBEDDED_TEST_PORT) });
    globalThis.embeddedTestServer = server;
    adminUrl = server.adminUrl;
  }
  const template = `fl_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(databaseUrl(adminUrl, template));
  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDatabase] = template;
  const where = globalThis.embeddedTestServer ? 'embedded PostgreSQL' : `external server ${new URL(adminUrl).host}`;
  console.log(`\nTest database ready on ${where} (template ${template}) in ${Math.round(performance.now() - started)} ms`);
}
