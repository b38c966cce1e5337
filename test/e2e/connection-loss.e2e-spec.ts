import pg from 'pg';
import { issueApiKey } from '../../src/auth/api-key.js';
import { startServiceProcess, type ServiceProcess } from '../factories/service-process.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { TEST_ENV } from '../setup/test-environment.mjs';

/**
 * The probe of issue 11: writers keep POSTing estimates while every connection the service holds is
 * terminated, several times. The service (a real process, as `npm start` runs it) must answer every
 * request (201 or 503), serve writes again within 5 s of the database taking connections, never
 * exit on a database error, and stop on SIGTERM within its drain timeout.
 */
describe('dropped database connections under write load (e2e, real process)', () => {
  const WRITERS = 6;
  const TERMINATIONS = 4;
  const REQUEST_HANG_LIMIT_MS = 20_000;

  let database: TestDatabase;
  let admin: pg.Client;
  let service: ServiceProcess;
  let authorization: string;
  let forecastId: string;

  const terminateServiceConnections = async () => {
    const result = await admin.query<{ pid: number }>(
      `SELECT pg_terminate_backend(pid) AS terminated, pid FROM pg_stat_activity
        WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      [database.name],
    );
    return result.rowCount ?? 0;
  };

  const postEstimate = async (probability: number) => {
    const started = performance.now();
    try {
      const response = await fetch(`${service.baseUrl}/forecasts/${forecastId}/estimates`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ probability, rationale: 'load' }),
        signal: AbortSignal.timeout(REQUEST_HANG_LIMIT_MS),
      });
      const body = (await response.json()) as { code?: string };
      return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.code, ms: performance.now() - started };
    } catch (error) {
      return { status: (error as Error).name === 'TimeoutError' ? 'hung' : 'no answer', retryAfter: null, code: String(error), ms: 0 };
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: process.env[TEST_ENV.adminUrl] });
    await admin.connect();
    const key = issueApiKey();
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const user = await db.query<{ id: string }>(
        `INSERT INTO users (email, display_name, role) VALUES ('writer@example.test', 'Writer', 'analyst') RETURNING id`,
      );
      await db.query(`INSERT INTO api_keys (user_id, name, prefix, digest) VALUES ($1, 'load', $2, $3)`, [
        user.rows[0].id,
        key.prefix,
        key.digest,
      ]);
    } finally {
      await db.end();
    }
    authorization = `Bearer ${key.key}`;
    // Six writers exceed the default per-key limit within a minute; this test is about connections, not limits.
    service = await startServiceProcess({ DATABASE_URL: database.url, DEMO_DATA: 'true', RATE_LIMIT_PER_MINUTE: '0' });
    // A forecast of its own, open for years: the demo forecasts are past their deadlines (due from the start).
    const created = await fetch(`${service.baseUrl}/forecasts`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        statement: 'The writers of this test will be answered through every dropped connection.',
        resolutionCriteria: 'Yes if every request is answered.',
        deadline: '2099-01-01T00:00:00Z',
      }),
    });
    expect(created.status).toBe(201);
    forecastId = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await service?.stop(2_000);
    await admin?.end();
    await database?.drop();
  });

  it('answers every request, recovers within 5 s each time, stays up, and stops on SIGTERM', async () => {
    let writing = true;
    const results: Awaited<ReturnType<typeof postEstimate>>[] = [];
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let i = 0; writing; i += 1) results.push(await postEstimate(((writer * 7 + i) % 97) / 100 + 0.01));
    });

    const recoveries: number[] = [];
    try {
      for (let round = 0; round < TERMINATIONS; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await terminateServiceConnections()).toBeGreaterThan(0);
        const terminatedAt = performance.now();
        // The database takes connections again at once: a write must succeed within 5 s.
        let last = await postEstimate(0.5);
        while (last.status !== 201 && performance.now() - terminatedAt < 5_000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          last = await postEstimate(0.5);
        }
        expect({ status: last.status, code: last.code }).toEqual({ status: 201, code: undefined });
        recoveries.push(Math.round(performance.now() - terminatedAt));
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    const statuses = new Map<string, number>();
    for (const result of results) statuses.set(String(result.status), (statuses.get(String(result.status)) ?? 0) + 1);
    console.log(
      `${results.length} writes across ${TERMINATIONS} terminations: ${JSON.stringify(Object.fromEntries(statuses))}; recovered after ${recoveries.join(', ')} ms`,
    );
    expect(results.filter((r) => r.status !== 201 && r.status !== 503)).toEqual([]);
    for (const outage of results.filter((r) => r.status === 503)) {
      expect(outage).toMatchObject({ retryAfter: '5', code: 'database_unavailable' });
    }
    expect(statuses.get('201')).toBeGreaterThan(WRITERS);

    const health = await fetch(`${service.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(service.child.exitCode).toBeNull();
    expect(service.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);

    const stopAsked = performance.now();
    service.child.kill('SIGTERM');
    const exit = await service.exitWithin(15_000);
    expect(exit).toEqual({ code: 0, signal: null });
    console.log(`stopped ${Math.round(performance.now() - stopAsked)} ms after SIGTERM`);
  }, 120_000);
});
