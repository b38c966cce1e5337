import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from './project-root.js';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');

/** Names of the committed migrations, in the order Prisma applies them. */
export async function committedMigrations(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Migrations recorded as applied in Prisma's own bookkeeping table. */
async function appliedMigrations(databaseUrl: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists");
    if (!table.rows[0]?.exists) return new Set();
    const rows = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return new Set(rows.rows.map((row) => row.migration_name));
  } finally {
    await client.end();
  }
}

export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const [committed, applied] = await Promise.all([committedMigrations(), appliedMigrations(databaseUrl)]);
  return committed.filter((name) => !applied.has(name));
}

/**
 * Applies pending migrations with `prisma migrate deploy` (WASM schema engine, see prisma.config.ts).
 * The CLI is skipped when nothing is pending: it takes about ten seconds to exit even when idle,
 * because the WASM engine leaves a timer running.
 */
export async function applyMigrations(databaseUrl: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return [];
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, 'migrate', 'deploy'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      for (const line of output.split('\n').filter((l) => /migration|Applying|applied/i.test(l))) log(line.trim());
      if (code === 0) resolve();
      else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
    });
  });
  return pending;
}
