import pg from 'pg';
import { issueApiKey } from '../../src/auth/api-key.js';
import { startServiceProcess } from '../factories/service-process.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

/**
 * SIGTERM drains: requests in flight finish, new ones are turned away with 503, and the process
 * ends within its drain timeout even when a request is stuck behind a database lock (issue 11).
 */
describe('stopping the service (e2e, real process)', () => {
  let database: TestDatabase;
  let authorization: string;
  let forecastId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const key = issueApiKey();
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const user = await db.query<{ id: string }>(
        `INSERT INTO users (email, display_name, role) VALUES ('editor@example.test', 'Editor', 'analyst') RETURNING id`,
      );
      await db.query(`INSERT INTO api_keys (user_id, name, prefix, digest) VALUES ($1, 'stop', $2, $3)`, [
        user.rows[0].id,
        key.prefix,
        key.digest,
      ]);
      const forecast = await db.query<{ id: string }>(
        `INSERT INTO forecasts (statement, resolution_criteria, deadline, status, owner_id, created_by_id, updated_at)
         VALUES ('Held by a lock.', 'Yes if so.', '2031-01-01', 'open', $1, $1, now()) RETURNING id`,
        [user.rows[0].id],
      );
      forecastId = forecast.rows[0].id;
    } finally {
      await db.end();
    }
    authorization = `Bearer ${key.key}`;
  });
  afterAll(() => database.drop());

  /** Holds the forecast's row lock in a transaction of its own until `release` is called. */
  async function lockForecast() {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM forecasts WHERE id = $1 FOR UPDATE', [forecastId]);
    return {
      release: async () => {
        await holder.query('COMMIT');
        await holder.end();
      },
    };
  }

  const patchForecast = (baseUrl: string, criteria: string) =>
    fetch(`${baseUrl}/forecasts/${forecastId}`, {
      method: 'PATCH',
      headers: { authorization, 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({ resolutionCriteria: criteria }),
    }).then(
      async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }),
      (error: Error) => ({ status: 'no answer' as const, body: { error: error.message } }),
    );

  it('lets a request in flight finish, turns new ones away with 503, then exits 0', async () => {
    const service = await startServiceProcess({ DATABASE_URL: database.url, DEMO_DATA: 'false', SHUTDOWN_TIMEOUT_MS: '10000' });
    const lock = await lockForecast();
    try {
      const inFlight = patchForecast(service.baseUrl, 'Finished during the drain.');
      await new Promise((resolve) => setTimeout(resolve, 300));
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const late = await fetch(`${service.baseUrl}/health`);
      expect(late.status).toBe(503);
      expect(await late.json()).toMatchObject({ status: 503, code: 'shutting_down' });
      expect(late.headers.get('retry-after')).toBe('5');
      expect(service.child.exitCode).toBeNull(); // still draining
      await lock.release();
      expect(await inFlight).toMatchObject({ status: 200, body: { resolutionCriteria: 'Finished during the drain.' } });
      expect(await service.exited).toEqual({ code: 0, signal: null });
    } finally {
      await service.stop(1_000);
    }
  }, 60_000);

  it('ends within the drain timeout (plus the close budget) when a request is stuck behind a lock', async () => {
    const service = await startServiceProcess({ DATABASE_URL: database.url, DEMO_DATA: 'false', SHUTDOWN_TIMEOUT_MS: '1500' });
    const lock = await lockForecast();
    try {
      const stuck = patchForecast(service.baseUrl, 'Never written.');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const asked = performance.now();
      service.child.kill('SIGTERM');
      const exit = await service.exitWithin(8_000);
      const took = performance.now() - asked;
      expect(exit).not.toBe('still running');
      expect(took).toBeGreaterThanOrEqual(1_400);
      expect(took).toBeLessThan(1_500 + 3_000 + 1_000);
      expect((await stuck).status).not.toBe(200);
      expect(service.output()).toMatch(/1 request\(s\) still running after 1500 ms/);
    } finally {
      await lock.release();
      await service.stop(1_000);
    }
  }, 60_000);
});
