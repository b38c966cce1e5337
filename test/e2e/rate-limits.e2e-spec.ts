import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { loadConfig } from '../../src/config/app-config.js';
import { WEB_APP_DIST } from '../../src/web-app/web-app.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const LIMIT = 6;
const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT) };

/** Two instances of the service on one database, as behind a load balancer. */
describe('rate limits shared by instances (e2e)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;

  beforeAll(async () => {
    t = await createTestApp({ env });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...env });
    second = await createApp({ config, databaseUrl: t.database.url });
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const servers = () => [t.server, second.getHttpServer()];
  const junkKey = () => `Bearer fl_${randomBytes(32).toString('base64url')}`;

  it('counts one budget per key across both instances', async () => {
    const viewer = await t.userWithKey('viewer');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i += 1) {
      const response = await request(servers()[i % 2])
        .get('/forecasts')
        .set('authorization', viewer.authorization);
      statuses.push(response.status);
    }
    // Six between the two of them, not six each.
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429, 429]);
    expect(await t.prisma.rateLimitCounter.count({ where: { key: { startsWith: 'key:' } } })).toBe(1);
  });

  it('has counted a failed authentication by the time its 401 arrives, so an immediate retry finds it counted', async () => {
    await t.prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: 'auth-failures:' } } });
    await request(t.server).get('/forecasts').set('authorization', junkKey()).expect(401);
    // Hold the address's counter row: the next failure's count has to wait for it, and so must its 401.
    const owner = new pg.Client({ connectionString: t.database.url });
    // Watches from outside the owner's transaction: within a transaction PostgreSQL shows the
    // pg_stat_activity of its first read, so a connection the pool opens later would never appear.
    const watcher = new pg.Client({ connectionString: t.database.url });
    await owner.connect();
    await watcher.connect();
    try {
      const ownerPid = (await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await owner.query('BEGIN');
      await owner.query(`SELECT count FROM rate_limit_counters WHERE key LIKE 'auth-failures:%' FOR UPDATE`);
      let answered = false;
      const pending = request(second.getHttpServer())
        .get('/forecasts')
        .set('authorization', junkKey())
        .then((response) => {
          answered = true;
          return response;
        });
      // Wait until the count is blocked on the row, then give an early answer time to arrive.
      for (let waited = 0; ; waited += 50) {
        const blocked = await watcher.query(
          `SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid)) AND query LIKE '%rate_limit_counters%'`,
          [ownerPid],
        );
        if (blocked.rowCount) break;
        if (waited > 10_000) throw new Error('the failed authentication was never counted');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      await owner.query('COMMIT');
      expect((await pending).status).toBe(401);
    } finally {
      await owner.end();
      await watcher.end();
    }
    const counter = await t.prisma.rateLimitCounter.findFirst({ where: { key: { startsWith: 'auth-failures:' } } });
    expect(counter?.count).toBe(2);
    // Under the budget: nothing is blocked in memory; clear the count for the next test.
    await t.prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: 'auth-failures:' } } });
  });

  it('counts failed authentications against the address: junk keys get 429 without a key lookup each', async () => {
    await t.prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: 'auth-failures:' } } });
    const lookups = [t.app.get(AuthService), second.get(AuthService)].map((auth) => jest.spyOn(auth, 'authenticate'));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const response = await request(servers()[i % 2])
        .get('/forecasts')
        .set('authorization', junkKey());
      statuses.push(response.status);
    }
    const unauthorized = statuses.filter((status) => status === 401).length;
    // Six failures between the two instances, and at most one more on the instance that had not yet
    // seen the address over its budget; every other junk key is refused before it is looked up.
    expect(unauthorized).toBeGreaterThanOrEqual(LIMIT);
    expect(unauthorized).toBeLessThanOrEqual(LIMIT + 1);
    expect(statuses.slice(LIMIT + 1).every((status) => status === 429)).toBe(true);
    const calls = lookups.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    expect(calls).toBe(unauthorized);
    const refused = await request(t.server).get('/forecasts').set('authorization', junkKey()).expect(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests' });
  });

  it("does not count the web app's hashed assets (a page load fetches several), but does count its pages", async () => {
    const assets = readdirSync(path.join(WEB_APP_DIST, 'assets')).filter((name) => name.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(0);
    const assetStatuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i += 1) assetStatuses.push((await request(servers()[i % 2]).get(`/app/assets/${assets[0]}`)).status);
    expect(assetStatuses).toEqual(Array<number>(LIMIT + 3).fill(200));
    const pageStatuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i += 1) pageStatuses.push((await request(servers()[i % 2]).get('/app/forecasts')).status);
    expect(pageStatuses).toContain(429);
  });
});
