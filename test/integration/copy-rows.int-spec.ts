import pg from 'pg';
import { copyLine, copyRows, type CopyValue } from '../../src/imports/copy-rows.js';
import { DEFAULT_POOL_SETTINGS, PrismaService } from '../../src/prisma/prisma.service.js';
import { inTransaction } from '../../src/prisma/transaction.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { TEST_ENV } from '../setup/test-environment.mjs';

/**
 * COPY … FROM STDIN on an interactive transaction's own connection (the CSV import's staging, issue
 * 14 goal 6): values arrive exactly as sent, and a COPY that fails part-way (the server refuses a row,
 * the rows' source throws, the connection drops) rolls the whole transaction back without a hang or
 * a lost pool slot.
 */
describe('COPY into a transaction’s own tables (integration)', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  let prisma: PrismaService;

  const probeRows = async () => (await prisma.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_probe')).rows[0].n;
  /** The pool, with one connection, still answers: had the failed transaction lost its slot, this would time out. */
  const poolAnswers = async () => {
    const [{ one }] = await prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
    expect(one).toBe(1);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: process.env[TEST_ENV.adminUrl] });
    await admin.connect();
    prisma = new PrismaService(database.url, { ...DEFAULT_POOL_SETTINGS, max: 1, acquireTimeoutMs: 10_000, transactionTimeoutMs: 30_000 });
    await prisma.pool.query('CREATE TABLE copy_probe (n integer)');
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await admin.end();
    await database.drop();
  });
  afterEach(() => prisma.pool.query('TRUNCATE copy_probe'));

  it('reads back exactly what was sent: tabs, line breaks, backslashes, quotes, \\N, \\. and control characters', async () => {
    const texts = [
      'tab\there, and\ttwo',
      'line\nbreak, carriage\rreturn, both\r\n',
      'back\\slash, \\t \\n \\r written out, \\\\ two',
      '\\N',
      '\\.',
      '\\',
      '"double" and \'single\' quotes, ""',
      'control \u0001\u0002\u001b\u001f\u007f characters',
      'ÄÖÜ ß € 😀 and a zero-width\u200bspace',
      '',
      ' leading and trailing spaces ',
    ];
    const rows: CopyValue[][] = texts.map((text, index) => [
      index,
      text,
      [text, 'plain', 'with,comma', '{braces}', 'NULL', ''],
      [0.1, 1 / 3, 5e-324, 0.7][index % 4],
      index % 2 === 0,
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59, index)),
    ]);
    rows.push([99, null, [], null, null, null]);
    const back = await inTransaction(prisma, async (tx) => {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE copied (id integer, s text, a text[], d double precision, b boolean, at timestamptz(3)) ON COMMIT DROP`,
      );
      const copied = await copyRows(
        await prisma.connectionOf(tx),
        'copied',
        ['id', 's', 'a', 'd', 'b', 'at'],
        rows.map((row) => copyLine(row)),
      );
      expect(copied).toBe(rows.length);
      // Read through Prisma's side of the transaction: the COPY went to the same transaction.
      return tx.$queryRawUnsafe<{ id: number; s: string | null; a: string[]; d: number | null; b: boolean | null; at: Date | null }[]>(
        'SELECT id, s, a, d, b, at FROM copied ORDER BY id',
      );
    });
    expect(back.map((row) => [row.id, row.s, row.a, row.d, row.b, row.at])).toEqual(rows);
  });

  it('a row the server refuses half-way through rolls back the whole transaction, including what it wrote before', async () => {
    const lines = function* () {
      for (let n = 1; n <= 30_000; n += 1) yield n === 20_001 ? 'not a number\n' : copyLine([n]);
    };
    const failure = await inTransaction(prisma, async (tx) => {
      await tx.$executeRawUnsafe('INSERT INTO copy_probe VALUES (1)');
      await tx.$executeRawUnsafe('CREATE TEMP TABLE staged (n integer) ON COMMIT DROP');
      await copyRows(await prisma.connectionOf(tx), 'staged', ['n'], lines());
    }).then(
      () => null,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failure?.code).toBe('22P02');
    expect(failure?.message).toMatch(/invalid input syntax for type integer: "not a number"/);
    expect(await probeRows()).toBe(0);
    await poolAnswers();
  });

  it('a source that fails half-way ends the COPY (no hang) and the transaction rolls back', async () => {
    const lines = async function* () {
      for (let n = 1; n <= 12_000; n += 1) {
        // Read as an upload is, a piece at a time.
        if (n % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
        if (n === 9_000) throw new Error('the upload could not be read');
        yield copyLine([n]);
      }
    };
    const failure = inTransaction(prisma, async (tx) => {
      await tx.$executeRawUnsafe('INSERT INTO copy_probe VALUES (1)');
      await tx.$executeRawUnsafe('CREATE TEMP TABLE staged (n integer) ON COMMIT DROP');
      await copyRows(await prisma.connectionOf(tx), 'staged', ['n'], lines());
    });
    await expect(failure).rejects.toThrow('the upload could not be read');
    expect(await probeRows()).toBe(0);
    await poolAnswers();
  });

  it('a connection dropped in the middle of a COPY fails the transaction as an outage and loses no pool slot', async () => {
    const drop: { termination?: Promise<pg.QueryResult<{ done: boolean }>> } = {};
    const failure = await inTransaction(prisma, async (tx) => {
      await tx.$executeRawUnsafe('INSERT INTO copy_probe VALUES (1)');
      await tx.$executeRawUnsafe('CREATE TEMP TABLE staged (n integer) ON COMMIT DROP');
      const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      const lines = async function* () {
        for (let n = 1; n <= 200_000; n += 1) {
          // The COPY may fail (its socket closed) before this answer comes back.
          if (n === 5_000) await (drop.termination = admin.query<{ done: boolean }>('SELECT pg_terminate_backend($1) AS done', [pid]));
          yield copyLine([n]);
        }
      };
      await copyRows(await prisma.connectionOf(tx), 'staged', ['n'], lines());
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect((await drop.termination)?.rows[0].done).toBe(true);
    // The server's 57P01, or what the socket says when the COPY's next write finds it closed first.
    const { code, message } = failure as { code?: string; message: string };
    expect(`${code} ${message}`).toMatch(
      /^(57P01 terminating connection|EPIPE write EPIPE|ECONNRESET write ECONNRESET|\S+ Connection terminated)/,
    );
    expect(await probeRows()).toBe(0);
    await poolAnswers();
  });

  it('finds no connection for a transaction that has ended', async () => {
    let ended: Parameters<Parameters<typeof inTransaction>[1]>[0] | null = null;
    await inTransaction(prisma, async (tx) => {
      ended = tx;
      await prisma.connectionOf(tx);
    });
    await expect(prisma.connectionOf(ended!)).rejects.toThrow();
  });
});
