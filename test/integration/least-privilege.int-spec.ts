import pg from 'pg';
import { AppRoleError, provisionAppRole } from '../../src/database/app-role.js';
import { checkDerivedData } from '../../src/database/derived-data-check.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { makeForecast, makeForecaster, makeUser } from '../factories/index.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { TEST_ENV } from '../setup/test-environment.mjs';

/**
 * The service's own database role (issue 11, items 6 and 7): what it sends cannot switch the
 * append-only triggers off, rewrite history, or forge the derived figures scorecards read.
 */
describe('the service role has least privilege (integration)', () => {
  let database: TestDatabase;
  /** As the owner: what migrations and a person with the owner's password can do. */
  let owner: PrismaService;
  /** As the service connects (the role provisionAppRole makes). */
  let service: pg.Client;
  let forecastId: string;
  let forecasterId: string;

  const asService = (sql: string, values: unknown[] = []) => service.query(sql, values);

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = new PrismaService(database.url);
    const role = await provisionAppRole(database.url);
    service = new pg.Client({ connectionString: role.url });
    await service.connect();
    const user = await makeUser(owner);
    forecasterId = (await makeForecaster(owner)).id;
    forecastId = (await makeForecast(owner, user.id)).id;
    // Written as the service: the trigger that keeps final_estimates runs as the owner.
    await asService(
      `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
       VALUES ($1, $2, 0.2, '2021-01-01', 'analyst', $3)`,
      [forecastId, forecasterId, user.id],
    );
    await asService(
      `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
       VALUES ($1, 'resolve', 'yes', '2021-03-01', 'It happened.', $2)`,
      [forecastId, user.id],
    );
  });
  afterAll(async () => {
    await service.end();
    await owner.$disconnect();
    await database.drop();
  });

  it('is neither superuser nor owner, and keeps the derived rows current through the owner’s trigger functions', async () => {
    const { rows } = await asService(
      `SELECT r.rolsuper, pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE relname = 'forecasts'), 'USAGE') AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, owns: false });
    const final = await asService('SELECT probability, time_averaged_brier FROM final_estimates WHERE forecast_id = $1', [forecastId]);
    expect(final.rows).toEqual([{ probability: 0.2, time_averaged_brier: expect.closeTo(0.64, 12) }]);
    const forecast = await asService(`SELECT to_char(resolved_on, 'YYYY-MM-DD') AS resolved_on FROM forecasts WHERE id = $1`, [forecastId]);
    expect(forecast.rows[0].resolved_on).toBe('2021-03-01');
  });

  it.each([
    ['switch triggers off for its session', `SET session_replication_role = replica`, /permission denied/],
    ['disable a table’s triggers', `ALTER TABLE probability_estimates DISABLE TRIGGER ALL`, /must be owner/],
    ['drop an append-only trigger', `DROP TRIGGER audit_entries_append_only ON audit_entries`, /must be owner/],
    ['truncate history', `TRUNCATE audit_entries`, /permission denied/],
    ['delete a forecast', `DELETE FROM forecasts`, /permission denied/],
    ['rewrite a forecaster’s Brier', `UPDATE final_estimates SET time_averaged_brier = 0`, /permission denied/],
    // Its own columns: the term parts are generated (migration final_estimate_term_parts), and naming those is refused before privileges are checked.
    [
      'add a derived row',
      `INSERT INTO final_estimates (forecast_id, forecaster_id, estimate_id, probability, before_resolution, first_of_forecast)
       SELECT forecast_id, forecaster_id, estimate_id, probability, before_resolution, first_of_forecast FROM final_estimates`,
      /permission denied/,
    ],
    ['move a resolution date', `UPDATE forecasts SET resolved_on = '2020-01-01'`, /resolved_on is derived/],
    ['read its own password', `SELECT password FROM app_role_credentials`, /permission denied/],
    ['loosen its privileges', `UPDATE table_privileges SET policy = 'read_write'`, /permission denied/],
    ['grant itself more', `SELECT grant_app_privileges(current_user)`, /permission denied/],
    ['create a table', `CREATE TABLE mine (id int)`, /permission denied/],
  ])('may not %s', async (_, sql, refusal) => {
    await expect(asService(sql)).rejects.toThrow(refusal);
  });

  it('finds history closed twice over: no UPDATE or DELETE privilege for the service, triggers for everyone else', async () => {
    await asService('BEGIN');
    try {
      await expect(asService('SET LOCAL session_replication_role = replica')).rejects.toThrow(/permission denied/);
    } finally {
      await asService('ROLLBACK');
    }
    await expect(asService('UPDATE probability_estimates SET probability = 0.99')).rejects.toThrow(/permission denied/);
    await expect(asService('DELETE FROM audit_entries')).rejects.toThrow(/permission denied/);
    // The owner has the privileges, and the triggers still refuse.
    await expect(owner.$executeRaw`UPDATE probability_estimates SET probability = 0.99`).rejects.toThrow(/append-only/);
    const stored = await asService('SELECT probability FROM probability_estimates WHERE forecast_id = $1', [forecastId]);
    expect(stored.rows).toEqual([{ probability: 0.2 }]);
  });

  it('gives every table a policy, and every append-only table its triggers', async () => {
    const unlisted = await owner.$queryRaw<{ relname: string }[]>`
      SELECT c.relname::text FROM pg_class c
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
         AND NOT EXISTS (SELECT 1 FROM table_privileges p WHERE p.table_name = c.relname)`;
    expect(unlisted).toEqual([]);
    const unguarded = await owner.$queryRaw<{ table_name: string }[]>`
      SELECT p.table_name::text FROM table_privileges p
       WHERE p.policy = 'append_only'
         AND (SELECT count(*) FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
               WHERE t.tgrelid = p.table_name::regclass AND f.proname = 'reject_history_rewrite') < 2`;
    expect(unguarded).toEqual([]);
  });

  it('refuses to start with a table that has no policy, naming it', async () => {
    const scratch = await createTestDatabase();
    try {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      await client.query('CREATE TABLE notes (id int PRIMARY KEY)');
      await client.end();
      await expect(provisionAppRole(scratch.url)).rejects.toThrow(/No privilege policy for table\(s\) notes/);
    } finally {
      await scratch.drop();
    }
  });

  it('refuses an APP_DATABASE_URL that is a superuser', async () => {
    const superuser = new URL(process.env[TEST_ENV.adminUrl]!);
    superuser.pathname = `/${database.name}`;
    await expect(provisionAppRole(database.url, superuser.toString())).rejects.toThrow(AppRoleError);
    await expect(provisionAppRole(database.url, superuser.toString())).rejects.toThrow(/is a superuser/);
  });

  it('db:verify finds a derived row changed behind the triggers’ back, and --repair restores it', async () => {
    expect((await checkDerivedData(database.url)).drift).toEqual([]);
    // Only the owner can do this now; it is what the probe did as the service.
    await owner.$executeRaw`UPDATE final_estimates SET time_averaged_brier = 0 WHERE forecast_id = ${forecastId}::uuid`;
    const report = await checkDerivedData(database.url);
    expect(report.drift).toEqual([
      expect.objectContaining({
        table: 'final_estimates',
        key: `${forecastId}/${forecasterId}`,
        stored: expect.stringContaining('"time_averaged_brier":0'),
      }),
    ]);
    expect(JSON.parse(report.drift[0].recomputed!)).toMatchObject({ time_averaged_brier: expect.closeTo(0.64, 12) });
    const stillTampered = await owner.$queryRaw<
      { brier: number }[]
    >`SELECT time_averaged_brier AS brier FROM final_estimates WHERE forecast_id = ${forecastId}::uuid`;
    expect(stillTampered[0].brier).toBe(0); // a check alone changes nothing
    expect((await checkDerivedData(database.url, { repair: true })).repaired).toBe(true);
    expect((await checkDerivedData(database.url)).drift).toEqual([]);
  });
});
