import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import pg from 'pg';
import request from 'supertest';
import { IdempotencyInterceptor } from '../../src/idempotency/idempotency.interceptor.js';
import { IdempotencyService } from '../../src/idempotency/idempotency.service.js';
import { inTransaction } from '../../src/prisma/transaction.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Idempotency-Key commits with the request's writes, frees itself, keeps no secret (issue 11, items 4 and 5). */
describe('Idempotency-Key (e2e)', () => {
  let t: TestApp;
  let owner: pg.Client;
  let analyst: { userId: string; authorization: string };
  let admin: { userId: string; authorization: string };
  const forecast = (statement: string) => ({ statement, resolutionCriteria: 'Yes if it happens.', deadline: '2031-01-01T00:00:00Z' });
  const post = (url: string, body: object, key: string, caller = analyst) =>
    request(t.server).post(url).set('authorization', caller.authorization).set('idempotency-key', key).send(body);
  const countForecasts = async (statement: string) =>
    Number((await owner.query('SELECT count(*) FROM forecasts WHERE statement = $1', [statement])).rows[0].count);

  /** A trigger that fails like a dropped connection (SQLSTATE 08006) when the condition holds. */
  async function failIdempotencyWrites(operation: 'UPDATE' | 'DELETE', when: string) {
    await owner.query(`CREATE OR REPLACE FUNCTION simulate_outage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated connection loss' USING ERRCODE = '08006'; END $$`);
    await owner.query(
      `CREATE TRIGGER simulate_outage BEFORE ${operation} ON idempotency_records FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION simulate_outage()`,
    );
    return () => owner.query('DROP TRIGGER simulate_outage ON idempotency_records');
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = new pg.Client({ connectionString: t.database.url });
    await owner.connect();
    analyst = await t.userWithKey('analyst');
    admin = await t.userWithKey('admin');
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  it('answers 201 when the write committed but its answer could not be stored, and never carries the request out twice', async () => {
    const restore = await failIdempotencyWrites('UPDATE', `NEW.state = 'completed'`);
    let created: request.Response;
    try {
      created = await post('/forecasts', forecast('Stored once.'), 'answer-lost');
    } finally {
      await restore();
    }
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ statement: 'Stored once.' });
    expect(await countForecasts('Stored once.')).toBe(1);
    const record = await owner.query(`SELECT state, applied_at FROM idempotency_records WHERE key = 'answer-lost'`);
    expect(record.rows).toEqual([{ state: 'applied', applied_at: expect.any(Date) }]);

    const whileStoring = await post('/forecasts', forecast('Stored once.'), 'answer-lost');
    expect(whileStoring.status).toBe(409);
    expect(whileStoring.body).toMatchObject({ code: 'idempotency_in_progress' });
    // Once the first attempt's lease has run out, nobody is about to store the answer.
    await owner.query(`UPDATE idempotency_records SET lease_expires_at = now() - interval '1 second' WHERE key = 'answer-lost'`);
    const retry = await post('/forecasts', forecast('Stored once.'), 'answer-lost');
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ code: 'idempotency_answer_lost' });
    expect(retry.body.message).toMatch(/will not be carried out again/);
    expect(await countForecasts('Stored once.')).toBe(1);
  });

  it('marks the key applied with the estimate on the hot path too (a plain-SQL transaction), so a retry adds no second estimate', async () => {
    const target = (await post('/forecasts', forecast('Estimated once.'), 'estimate-target').expect(201)).body as { id: string };
    await post(`/forecasts/${target.id}/estimates`, { probability: 0.3 }, 'first-estimate').expect(201); // makes the analyst's forecaster
    const restore = await failIdempotencyWrites('UPDATE', `NEW.state = 'completed'`);
    let created: request.Response;
    try {
      created = await post(`/forecasts/${target.id}/estimates`, { probability: 0.6 }, 'estimate-answer-lost');
    } finally {
      await restore();
    }
    expect(created.status).toBe(201);
    await owner.query(`UPDATE idempotency_records SET lease_expires_at = now() - interval '1 second' WHERE key = 'estimate-answer-lost'`);
    const retry = await post(`/forecasts/${target.id}/estimates`, { probability: 0.6 }, 'estimate-answer-lost');
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('idempotency_answer_lost');
    const estimates = await owner.query('SELECT probability FROM probability_estimates WHERE forecast_id = $1 ORDER BY created_at', [
      target.id,
    ]);
    expect(estimates.rows).toEqual([{ probability: 0.3 }, { probability: 0.6 }]);
  });

  it('answers a failed request with its own error when the key cannot be released, and frees the key when its lease runs out', async () => {
    const restore = await failIdempotencyWrites('DELETE', 'true');
    let failed: request.Response;
    try {
      failed = await post('/forecasts', { ...forecast('Fixed on retry.'), deadline: 'next spring' }, 'release-fails');
    } finally {
      await restore();
    }
    expect(failed.status).toBe(400); // the request's own error, not the failed release's
    expect((await owner.query(`SELECT state FROM idempotency_records WHERE key = 'release-fails'`)).rows).toEqual([
      { state: 'in_progress' },
    ]);

    const tooSoon = await post('/forecasts', { ...forecast('Fixed on retry.'), deadline: 'next spring' }, 'release-fails');
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('idempotency_in_progress');
    // Time passes beyond the claim's lease (nothing was applied under it).
    await owner.query(`UPDATE idempotency_records SET lease_expires_at = now() - interval '1 second' WHERE key = 'release-fails'`);
    const corrected = await post('/forecasts', forecast('Fixed on retry.'), 'release-fails');
    expect(corrected.status).toBe(201);
    expect(await countForecasts('Fixed on retry.')).toBe(1);
    const replay = await post('/forecasts', forecast('Fixed on retry.'), 'release-fails').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(corrected.body.id);
  });

  it('lets only one of two attempts write when the second took over a claim whose lease ran out', async () => {
    const idempotency = t.app.get(IdempotencyService);
    const request = { scope: analyst.userId, key: 'taken-over', method: 'POST', path: '/forecasts', body: { n: 1 } };
    const first = await idempotency.claim(request);
    await owner.query(`UPDATE idempotency_records SET lease_expires_at = now() - interval '1 second' WHERE key = 'taken-over'`);
    const second = await idempotency.claim(request);
    if (first.kind !== 'claimed' || second.kind !== 'claimed') throw new Error('expected two claims');
    expect(second.token).not.toBe(first.token);
    await expect(
      inTransaction(t.prisma, (tx) => idempotency.markApplied((sql, values) => tx.$executeRawUnsafe(sql, ...values), first)),
    ).rejects.toMatchObject({
      code: 'idempotency_in_progress',
    });
    await expect(
      inTransaction(t.prisma, (tx) => idempotency.markApplied((sql, values) => tx.$executeRawUnsafe(sql, ...values), second)),
    ).resolves.toBeUndefined();
  });

  it('never stores an issued API key, and answers a retry without issuing a second one', async () => {
    const user = await t.userWithKey('viewer');
    const keysBefore = Number((await owner.query('SELECT count(*) FROM api_keys WHERE user_id = $1', [user.userId])).rows[0].count);
    const issued = await post(`/users/${user.userId}/api-keys`, { name: 'laptop' }, 'issue-key-1', admin).expect(201);
    expect(issued.body.key).toMatch(/^fl_/);
    const stored = await owner.query(`SELECT state, response_status, response_body FROM idempotency_records WHERE key = 'issue-key-1'`);
    expect(stored.rows).toEqual([{ state: 'completed', response_status: 201, response_body: null }]);
    const leaks = await owner.query(`SELECT count(*) FROM idempotency_records WHERE response_body::text LIKE $1`, [`%${issued.body.key}%`]);
    expect(Number(leaks.rows[0].count)).toBe(0);

    const retry = await post(`/users/${user.userId}/api-keys`, { name: 'laptop' }, 'issue-key-1', admin).expect(409);
    expect(retry.body).toMatchObject({ code: 'idempotency_secret_not_replayed' });
    expect(JSON.stringify(retry.body)).not.toContain('fl_');
    const keysAfter = Number((await owner.query('SELECT count(*) FROM api_keys WHERE user_id = $1', [user.userId])).rows[0].count);
    expect(keysAfter).toBe(keysBefore + 1);
  });

  it('purges records older than 24 hours with a scheduled job, and keeps younger ones', async () => {
    await post('/forecasts', forecast('Old request.'), 'purge-old').expect(201);
    await post('/forecasts', forecast('New request.'), 'purge-new').expect(201);
    await owner.query(`UPDATE idempotency_records SET created_at = now() - interval '25 hours' WHERE key = 'purge-old'`);
    const run = await request(t.server).post('/admin/jobs/idempotency-purge/run').set('authorization', admin.authorization).send({});
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ job: 'idempotency-purge', status: 'succeeded', counts: { deleted: expect.any(Number) } });
    expect(run.body.counts.deleted).toBeGreaterThanOrEqual(1);
    const left = await owner.query(`SELECT key FROM idempotency_records WHERE key IN ('purge-old', 'purge-new')`);
    expect(left.rows).toEqual([{ key: 'purge-new' }]);
  });

  it('is bound to every POST handler of the API (it is bound per handler, so a new POST must say @Idempotent)', () => {
    const posts: string[] = [];
    const missing: string[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const controller of module.controllers.values()) {
        const prototype = (controller.metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
          posts.push(`${controller.name}.${name}`);
          const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
          if (!interceptors.includes(IdempotencyInterceptor)) missing.push(`${controller.name}.${name}`);
        }
      }
    }
    expect(posts.length).toBeGreaterThanOrEqual(28);
    expect(missing).toEqual([]);
  });
});
