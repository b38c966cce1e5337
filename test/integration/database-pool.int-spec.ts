import pg from 'pg';
import { isDatabaseUnavailable } from '../../src/common/errors/database-unavailable.js';
import { createDatabasePool } from '../../src/prisma/database-pool.js';
import { DEFAULT_POOL_SETTINGS, PrismaService } from '../../src/prisma/prisma.service.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { TEST_ENV } from '../setup/test-environment.mjs';

/** Connections the server drops while the service holds them (issue 11, items 1 to 3). */
describe('database connections that the server drops (integration)', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  const warnings: string[] = [];
  const log = { warn: (message: string) => warnings.push(message) };

  const terminate = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);
  const waitFor = async (condition: () => boolean, what: string) => {
    for (let waited = 0; !condition(); waited += 20) {
      if (waited > 5_000) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: process.env[TEST_ENV.adminUrl] });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await database.drop();
  });

  it('a checked-out connection terminated between two statements raises no unhandled error and frees its slot', async () => {
    const pool = createDatabasePool(database.url, { ...DEFAULT_POOL_SETTINGS, max: 1, acquireTimeoutMs: 2_000 }, log);
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // No query is running: the server's 57P01 arrives as an 'error' event on the client itself,
      // which pg-pool leaves without a listener while the client is checked out.
      await terminate(rows[0].pid);
      await waitFor(() => pool.totalCount === 0, 'the dead connection to leave the pool');
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|Connection terminated/);
      client.release(); // the holder's own release, after the guard's, is harmless
      const next = await pool.connect();
      expect((await next.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
      next.release();
      expect(warnings.some((w) => /connection in use was lost/.test(w))).toBe(true);
    } finally {
      await pool.end();
    }
  });

  it('an interactive transaction whose connection dies fails as an outage and does not leak the pool slot', async () => {
    const prisma = new PrismaService(database.url, { ...DEFAULT_POOL_SETTINGS, max: 1, acquireTimeoutMs: 2_000 });
    try {
      const failure = await prisma
        .$transaction(async (tx) => {
          const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          await terminate(pid);
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.$queryRaw`SELECT 1`;
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).not.toBeNull();
      expect(isDatabaseUnavailable(failure)).toBe(true);
      // Prisma's ROLLBACK fails on the dead connection and it never releases it; with one slot, a
      // leak would leave this query waiting until the acquire timeout.
      const started = performance.now();
      const [{ one }] = await prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
      expect(one).toBe(1);
      expect(performance.now() - started).toBeLessThan(2_000);
      await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('a pool with every connection busy answers with an outage error after the acquire timeout instead of waiting for ever', async () => {
    const prisma = new PrismaService(database.url, { ...DEFAULT_POOL_SETTINGS, max: 1, acquireTimeoutMs: 300 });
    try {
      let releaseHolder!: () => void;
      const held = new Promise<void>((resolve) => (releaseHolder = resolve));
      const holder = prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const waiting = await prisma.$queryRaw`SELECT 1`.then(
        () => null,
        (error: unknown) => error,
      );
      releaseHolder();
      await holder;
      expect(waiting).not.toBeNull();
      expect(isDatabaseUnavailable(waiting)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });
});
