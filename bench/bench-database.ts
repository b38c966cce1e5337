// Database plumbing shared by the benchmarks: a fresh, migrated database on DATABASE_URL's server,
// or in an embedded PostgreSQL in a temporary folder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The repository root, from the compiled benchmark (bench/out/…) as from the source. */
export function repositoryRoot(): string {
  for (let dir = path.dirname(THIS_FILE); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir;
  }
  throw new Error('Cannot find the repository root (package.json beside prisma/schema.prisma)');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export interface BenchDatabase {
  url: string;
  dispose(): Promise<void>;
}

/** A fresh database: on DATABASE_URL's server when set, else in an embedded PostgreSQL in a temporary folder. */
export async function freshDatabase(keep: boolean): Promise<BenchDatabase> {
  const name = `fl_bench_${process.pid}_${Date.now().toString(36)}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    const admin = new URL(external);
    admin.pathname = '/postgres';
    const run = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await run(`CREATE DATABASE "${name}"`);
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dispose: async () => {
        if (keep) log(`Kept database ${name} on ${admin.host}`);
        else await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forecast-ledger-bench-'));
  // Run as root, PostgreSQL runs as the postgres user, which must reach the cluster folder inside.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  await server.createDatabase(name);
  return {
    url: server.urlFor(name),
    dispose: async () => {
      await server.stop();
      if (keep) log(`Kept the embedded cluster in ${dataDir}`);
      else await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `prisma migrate deploy` from the repository root (the compiled benchmark lives elsewhere). */
export function migrate(url: string): void {
  const prisma = createRequire(THIS_FILE).resolve('prisma/build/index.js');
  const run = spawnSync(process.execPath, [prisma, 'migrate', 'deploy'], {
    cwd: repositoryRoot(),
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`prisma migrate deploy failed:\n${run.stdout}\n${run.stderr}`);
}
