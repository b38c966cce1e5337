import { jest } from '@jest/globals';
import type { Prisma } from '@prisma/client';
import pg from 'pg';
import request from 'supertest';
import { provisionAppRole } from '../../src/database/app-role.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { SCORECARD_GROUPINGS } from '../../src/scorecards/dto/scorecard.query.js';
import { SCORECARD_SOURCE_TABLES, ScorecardsRepository } from '../../src/scorecards/scorecards.repository.js';
import { makeForecast, makeForecaster, makeUser } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

/**
 * scorecard_data_version (migration scorecard_data_version): the version a cached scorecard is
 * checked against. Every transaction that writes what scorecards read bumps it once, at commit,
 * without making writers wait for each other.
 */
describe('the scorecards’ data version (integration)', () => {
  let database: TestDatabase;
  let owner: PrismaService;
  let roleUrl: string;
  const clients: pg.Client[] = [];
  let userId: string;
  let forecasterId: string;
  let forecastIds: string[];

  /** A new connection as the service's role. */
  async function asService(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: roleUrl });
    await client.connect();
    clients.push(client);
    return client;
  }
  const version = async (client: pg.Client) =>
    BigInt((await client.query<{ version: string }>('SELECT version::text AS version FROM scorecard_data_version')).rows[0].version);
  const addEstimate = (client: pg.Client, forecastId: string, probability: number) =>
    client.query(
      `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
       VALUES ($1, $2, $3, '2021-01-01', 'analyst', $4)`,
      [forecastId, forecasterId, probability, userId],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = new PrismaService(database.url);
    roleUrl = (await provisionAppRole(database.url)).url;
    const user = await makeUser(owner);
    userId = user.id;
    forecasterId = (await makeForecaster(owner)).id;
    forecastIds = [(await makeForecast(owner, userId)).id, (await makeForecast(owner, userId)).id];
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await owner.$disconnect();
    await database.drop();
  });

  it('is bumped once per writing transaction, at its commit, and not by a rolled-back one or a read', async () => {
    const writer = await asService();
    const before = await version(writer);
    await writer.query('BEGIN');
    await addEstimate(writer, forecastIds[0], 0.3);
    await addEstimate(writer, forecastIds[0], 0.4);
    await writer.query(`UPDATE forecasts SET tags = ARRAY['one'] WHERE id = $1`, [forecastIds[1]]);
    await writer.query(`UPDATE forecasters SET name = 'Renamed in the transaction' WHERE id = $1`, [forecasterId]);
    // Not yet: the bump is deferred to the commit.
    expect(await version(writer)).toBe(before);
    await writer.query('COMMIT');
    expect(await version(writer)).toBe(before + 1n);

    await writer.query('BEGIN');
    await addEstimate(writer, forecastIds[1], 0.5);
    await writer.query('ROLLBACK');
    await writer.query('SELECT * FROM forecasts');
    expect(await version(writer)).toBe(before + 1n);
    // Autocommit statements are transactions of their own. A statement counts as a write even when
    // it changes no row (the triggers are per statement): a needless recomputation, never a stale answer.
    await writer.query(`UPDATE documents SET publisher = 'Nobody' WHERE false`);
    await addEstimate(writer, forecastIds[1], 0.5);
    expect(await version(writer)).toBe(before + 3n);
    expect((await owner.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM scorecard_data_marks`)[0].n).toBe(0);
  });

  it('does not serialise writers: two open transactions both write estimates without waiting, then bump once each', async () => {
    const [first, second, observer] = [await asService(), await asService(), await asService()];
    const before = await version(observer);
    for (const client of [first, second]) {
      await client.query('BEGIN');
      // A lock wait would fail fast instead of hanging the test.
      await client.query(`SET LOCAL lock_timeout = '500ms'`);
    }
    await addEstimate(first, forecastIds[0], 0.6);
    await addEstimate(second, forecastIds[1], 0.7);
    await addEstimate(first, forecastIds[0], 0.65);
    await addEstimate(second, forecastIds[1], 0.75);
    // Neither holds the version row while it works: the owner may lock it at once.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    clients.push(locker);
    await locker.query('BEGIN');
    await locker.query('SELECT version FROM scorecard_data_version FOR UPDATE NOWAIT');
    await locker.query('ROLLBACK');
    const waiting = await observer.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    expect(waiting.rows).toEqual([]);
    await first.query('COMMIT');
    expect(await version(observer)).toBe(before + 1n);
    await second.query('COMMIT');
    expect(await version(observer)).toBe(before + 2n);
  });

  it('cannot be written by the service itself: it reads the version, the trigger functions keep it', async () => {
    const client = await asService();
    await expect(client.query('UPDATE scorecard_data_version SET version = version + 1')).rejects.toThrow(/permission denied/);
    await expect(client.query('INSERT INTO scorecard_data_marks (xid) VALUES (1)')).rejects.toThrow(/permission denied/);
    await expect(client.query('SELECT * FROM scorecard_data_marks')).rejects.toThrow(/permission denied/);
    // A value of the transaction-local flag set by hand for the session does not mark later transactions.
    const before = await version(client);
    await client.query(`SELECT set_config('fl.scorecard_dirty', txid_current()::text, false)`);
    await addEstimate(client, forecastIds[0], 0.2);
    expect(await version(client)).toBe(before + 1n);
  });
});

/**
 * Every table a scorecard statement reads has the version trigger: the statements the service sends
 * for every grouping and filter are collected, their plans read (EXPLAIN), and the tables in them
 * compared with SCORECARD_SOURCE_TABLES and with the triggers in pg_trigger. A new statement that
 * reads another table fails here until the table is listed and has the trigger.
 */
describe('the version covers every table scorecards read (integration)', () => {
  let t: TestApp;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    viewer = (await t.userWithKey('viewer')).authorization;
  });
  afterAll(() => t.close());

  /** The relations a statement's plan reads. */
  async function relationsOf(client: pg.Client, sql: Prisma.Sql): Promise<Set<string>> {
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values);
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'Relation Name' && typeof value === 'string') found.add(value);
          else walk(value);
        }
      }
    };
    walk(rows[0]['QUERY PLAN']);
    return found;
  }

  it('finds every relation of every scorecard statement listed, and every listed table with the statement trigger', async () => {
    const repository = t.app.get(ScorecardsRepository);
    const statements: Prisma.Sql[] = [];
    const original = repository.inSnapshot.bind(repository);
    // Records what the computations send through their snapshot.
    jest.spyOn(repository, 'inSnapshot').mockImplementation((work) =>
      original((snapshot) =>
        work({
          $executeRaw: snapshot.$executeRaw.bind(snapshot),
          $queryRaw: ((sql: Prisma.Sql) => {
            statements.push(sql);
            return snapshot.$queryRaw(sql);
          }) as typeof snapshot.$queryRaw,
        }),
      ),
    );
    const forecaster = await t.prisma.forecaster.findFirstOrThrow();
    const document = await t.prisma.document.findFirstOrThrow();
    for (const groupBy of SCORECARD_GROUPINGS) {
      for (const query of [
        '',
        '&asOf=2021-06-30',
        `&forecasterId=${forecaster.id}`,
        '&basis=numbers',
        `&documentId=${document.id}&tag=x`,
      ]) {
        await request(t.server).get(`/scorecards?groupBy=${groupBy}${query}&format=md`).set('authorization', viewer).expect(200);
        await request(t.server).get(`/scorecards?groupBy=${groupBy}${query}&format=csv`).set('authorization', viewer).expect(200);
      }
    }
    await request(t.server).get(`/forecasters/${forecaster.id}/scorecard?asOf=2021-06-30`).set('authorization', viewer).expect(200);
    expect(statements.length).toBeGreaterThan(60);

    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const read = new Set<string>();
      for (const sql of statements) for (const relation of await relationsOf(client, sql)) read.add(relation);
      read.delete('scorecard_data_version');
      expect([...read].sort()).toEqual([...SCORECARD_SOURCE_TABLES].sort());

      // Statement-level AFTER triggers on INSERT, UPDATE, DELETE and TRUNCATE (pg_trigger.tgtype bits).
      const { rows } = await client.query<{ table: string }>(
        `SELECT c.relname AS table
           FROM pg_trigger tr JOIN pg_class c ON c.oid = tr.tgrelid JOIN pg_proc p ON p.oid = tr.tgfoid
          WHERE p.proname = 'mark_scorecard_data_changed' AND tr.tgenabled = 'O'
            AND tr.tgtype & 1 = 0 AND tr.tgtype & 2 = 0 AND tr.tgtype & (4 | 8 | 16 | 32) = (4 | 8 | 16 | 32)`,
      );
      expect(rows.map((row) => row.table).sort()).toEqual([...SCORECARD_SOURCE_TABLES].sort());
    } finally {
      await client.end();
    }
  });
});
