// Finds a PostgreSQL for the test run (TEST_DATABASE_URL, else DATABASE_URL, else an embedded server
// started here) and migrates a template database once; each test file clones it (test-database.ts).
// Plain JavaScript on the built service (`pretest` builds it): Jest loads global setup through
// Node's own resolver, which cannot follow the sources' .js-suffixed imports of .ts files.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../dist/database/embedded-postgres.js';
import { provisionAppRole } from '../../dist/database/app-role.js';
import { applyMigrations } from '../../dist/database/migrations.js';
import { databaseUrl, TEST_ENV } from './test-environment.mjs';

/** A port nobody listens on now, so parallel test runs on one machine do not collide. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const started = performance.now();
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (adminUrl) {
    adminUrl = databaseUrl(adminUrl, 'postgres');
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'forecast-ledger-test-'));
    // Run as root, PostgreSQL runs as the postgres user, which must reach the cluster folder inside.
    await chmod(dataDir, 0o755);
    const port = process.env.TEST_EMBEDDED_PG_PORT ? Number(process.env.TEST_EMBEDDED_PG_PORT) : await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port });
    globalThis.embeddedTestServer = { stop: async () => (await server.stop(), await rm(dataDir, { recursive: true, force: true })) };
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
  // The service's least-privilege role and its stored password; every clone of the template shares them.
  const appRole = await provisionAppRole(databaseUrl(adminUrl, template));
  process.env[TEST_ENV.appRole] = appRole.name;
  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDatabase] = template;
  const where = globalThis.embeddedTestServer ? 'embedded PostgreSQL' : `external server ${new URL(adminUrl).host}`;
  console.log(`\nTest database ready on ${where} (template ${template}) in ${Math.round(performance.now() - started)} ms`);
}
