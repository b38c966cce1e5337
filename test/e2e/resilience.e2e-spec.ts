import pg from 'pg';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { TEST_ENV } from '../setup/test-environment.mjs';

interface Caller {
  userId: string;
  authorization: string;
}

describe('never losing data: idempotency, concurrency, outages (e2e)', () => {
  let t: TestApp;
  let analyst: Caller;
  let forecastId: string;

  const post = (url: string, body: object, key?: string, caller: Caller = analyst) => {
    const req = request(t.server).post(url).set('authorization', caller.authorization);
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    analyst = await t.userWithKey('analyst');
    forecastId = (await t.prisma.forecast.findFirstOrThrow({ where: { status: 'open' } })).id;
  });
  afterAll(() => t.close());

  describe('Idempotency-Key on POST', () => {
    const evidence = { summary: 'A retried report.', occurredOn: '2021-01-05', links: [] as object[] };
    beforeAll(() => {
      evidence.links = [{ forecastId, stance: 'supports', weight: 'weak' }];
    });

    it('returns the original answer to a retry and creates nothing new', async () => {
      const first = await post('/evidence', evidence, 'retry-1').expect(201);
      const count = await t.prisma.evidence.count();
      const retry = await post('/evidence', evidence, 'retry-1').expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await t.prisma.evidence.count()).toBe(count);
      expect(await t.prisma.auditEntry.count({ where: { entityId: first.body.id } })).toBe(1);
    });

    it('treats the same JSON with keys in another order as the same request', async () => {
      const first = await post(`/forecasts/${forecastId}/estimates`, { probability: 0.4, rationale: 'x' }, 'order-1').expect(201);
      const retry = await post(`/forecasts/${forecastId}/estimates`, { rationale: 'x', probability: 0.4 }, 'order-1').expect(201);
      expect(retry.body.id).toBe(first.body.id);
    });

    it('refuses the same key with a different body (422) or another route', async () => {
      await post('/evidence', evidence, 'reuse-1').expect(201);
      const other = await post('/evidence', { ...evidence, summary: 'Something else.' }, 'reuse-1').expect(422);
      expect(other.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
      await post(`/forecasts/${forecastId}/estimates`, { probability: 0.5 }, 'reuse-1').expect(422);
    });

    it('scopes keys per caller: another user may use the same key', async () => {
      await post('/evidence', evidence, 'shared-key').expect(201);
      const other = await t.userWithKey('analyst');
      const theirs = await post('/evidence', evidence, 'shared-key', other).expect(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    });

    it('frees the key when the first attempt failed, so a corrected retry can succeed', async () => {
      const summary = 'A report retried after a mistake.';
      const failing = { ...evidence, summary, occurredOn: 'not a date' };
      const refused = await post('/evidence', failing, 'fail-then-fix').expect(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['occurredOn', 'occurredOn']);
      // Refused again by the rule, not replayed from a stored answer.
      const again = await post('/evidence', failing, 'fail-then-fix').expect(400);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      expect(again.body.requestId).not.toBe(refused.body.requestId);
      expect(await t.prisma.evidence.count({ where: { summary } })).toBe(0);

      // Another body with the same key: a freed key runs it (a kept one would answer 422, key reused).
      const fixed = await post('/evidence', { ...evidence, summary }, 'fail-then-fix').expect(201);
      expect(fixed.headers['idempotent-replayed']).toBeUndefined();
      expect(fixed.body).toMatchObject({ summary, occurredOn: evidence.occurredOn, links: [expect.objectContaining({ forecastId })] });
      const stored = await t.prisma.evidence.findMany({ where: { summary } });
      expect(stored.map((row) => row.id)).toEqual([fixed.body.id]);
      expect(await t.prisma.auditEntry.count({ where: { action: 'evidence.created', entityId: fixed.body.id } })).toBe(1);
      // And the key now holds that answer.
      const replay = await post('/evidence', { ...evidence, summary }, 'fail-then-fix').expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(fixed.body);
    });

    it('lets concurrent duplicates create one record: the others wait (409) or replay', async () => {
      const before = await t.prisma.evidence.count();
      const responses = await Promise.all(Array.from({ length: 10 }, () => post('/evidence', evidence, 'concurrent-1')));
      const statuses = responses.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
      expect(await t.prisma.evidence.count()).toBe(before + 1);
      const ids = new Set(responses.filter((r) => r.status === 201).map((r) => String(r.body.id)));
      expect(ids.size).toBe(1);
      for (const conflict of responses.filter((r) => r.status === 409)) expect(conflict.body.code).toBe('idempotency_in_progress');
    });

    it('rejects a malformed key', async () => {
      const response = await post('/evidence', evidence, 'has spaces in it').expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'format' })]);
    });
  });

  describe('50 concurrent writers on one forecast', () => {
    it('lose no update: one wins, every other gets a conflict, the version moves by one', async () => {
      const created = (
        await post('/forecasts', { statement: 'Contended.', resolutionCriteria: 'Yes if so.', deadline: '2031-01-01T00:00:00Z' }).expect(
          201,
        )
      ).body;
      const started = performance.now();
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request(t.server)
            .patch(`/forecasts/${created.id}`)
            .set('authorization', analyst.authorization)
            .set('if-match', '"1"')
            .send({ resolutionCriteria: `Writer ${i}` }),
        ),
      );
      const elapsed = Math.round(performance.now() - started);
      const winners = responses.filter((r) => r.status === 200);
      const losers = responses.filter((r) => r.status === 412);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      for (const loser of losers) expect(loser.body).toMatchObject({ status: 412, code: 'version_conflict' });
      const stored = await t.prisma.forecast.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored).toMatchObject({ version: 2, resolutionCriteria: winners[0].body.resolutionCriteria });
      console.log(`50 concurrent writers: 1 × 200, 49 × 412, in ${elapsed} ms`);
    });
  });

  describe('database outage', () => {
    let admin: pg.Client;
    beforeAll(async () => {
      admin = new pg.Client({ connectionString: process.env[TEST_ENV.adminUrl] });
      await admin.connect();
    });
    afterAll(async () => {
      await admin.query(`ALTER DATABASE "${t.database.name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    });

    it('answers 503 with Retry-After and the standard body, writes nothing, and recovers by itself', async () => {
      const viewer = await t.userWithKey('viewer');
      const before = await t.prisma.evidence.count();
      // The outage: the database refuses new connections and drops the open ones.
      await admin.query(`ALTER DATABASE "${t.database.name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [t.database.name]);
      const stoppedAt = performance.now();

      for (const attempt of [
        () => request(t.server).get('/forecasts').set('authorization', viewer.authorization),
        () =>
          post('/evidence', {
            summary: 'During the outage.',
            occurredOn: '2021-01-05',
            links: [{ forecastId, stance: 'context', weight: 'weak' }],
          }),
      ]) {
        const response = await attempt();
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.body).toMatchObject({ status: 503, code: 'database_unavailable', requestId: expect.any(String) });
        expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
      }
      const health = await request(t.server).get('/health').expect(503);
      expect(health.body).toMatchObject({ status: 'unavailable', database: { status: 'down' } });

      await admin.query(`ALTER DATABASE "${t.database.name}" ALLOW_CONNECTIONS true`);
      const restartedAt = performance.now();
      let recovered = false;
      for (let i = 0; i < 50 && !recovered; i += 1) {
        recovered = (await request(t.server).get('/health')).status === 200;
        if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBe(true);
      const recoveredAt = performance.now();
      await request(t.server).get('/forecasts').set('authorization', viewer.authorization).expect(200);
      expect(await t.prisma.evidence.count()).toBe(before);
      console.log(
        `outage: errors for ${Math.round(restartedAt - stoppedAt)} ms; recovered ${Math.round(recoveredAt - restartedAt)} ms after the database came back`,
      );
    });
  });
});
