import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { STATE_FILE, type E2eState } from './support/state';

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

interface EmbeddedServer {
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL of the run: TEST_DATABASE_URL, else DATABASE_URL, else an embedded PostgreSQL 17
 * (as the README's `npm test` uses) in a temporary folder. A fresh database is made for the run;
 * the built service (dist/main.js, as `npm start` runs it) migrates it and serves web/dist.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = process.cwd();
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let embedded: EmbeddedServer | undefined;
  if (!adminUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'forecast-ledger-web-e2e-'));
    chmodSync(dataDir, 0o755);
    const modulePath = path.join(root, 'dist/database/embedded-postgres.js');
    const { startEmbeddedPostgres } = (await import(modulePath)) as {
      startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<{ adminUrl: string; stop(): Promise<void> }>;
    };
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    embedded = { adminUrl: server.adminUrl, stop: async () => (await server.stop(), rmSync(dataDir, { recursive: true, force: true })) };
    adminUrl = server.adminUrl;
  }
  adminUrl = withDatabase(adminUrl, 'postgres');
  const database = `fl_web_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, database);

  // The first admin and its API key (the service prints one only on an embedded first start).
  const keyRun = spawnSync(process.execPath, [path.join(root, 'scripts/create-admin-key.mjs'), 'admin@example.org'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  const adminKey = /(fl_[A-Za-z0-9_-]+)/.exec(keyRun.stdout)?.[1];
  if (!adminKey) throw new Error(`Could not create the admin key:\n${keyRun.stdout}\n${keyRun.stderr}`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SCHEDULER_ENABLED: 'false',
    DEMO_DATA: 'true',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  // The service makes its own least-privilege role on the fresh database.
  delete env.APP_DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.TEST_LOG_LEVEL) process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.TEST_LOG_LEVEL) process.stderr.write(chunk);
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`The service exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The service was not ready within 120 s:\n${output}`);
    }
    const ready = await fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const state: E2eState = { baseUrl, adminKey, databaseUrl };
  mkdirSync(path.dirname(path.join(root, STATE_FILE)), { recursive: true });
  writeFileSync(path.join(root, STATE_FILE), JSON.stringify(state));
  process.env.FL_E2E_BASE_URL = baseUrl;
  process.env.FL_E2E_ADMIN_KEY = adminKey;

  return async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(undefined)), 15_000);
        child.once('exit', () => (clearTimeout(timer), resolve(undefined)));
      });
    }
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await cleanup.end();
    await embedded?.stop();
  };
}
