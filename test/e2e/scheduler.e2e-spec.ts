import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service.js';
import { DEMO_CURATOR_EMAIL } from '../../src/demo/demo-data.service.js';
import { PISM_AUTHOR } from '../../src/demo/pism-spotlight-2020-09.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const DAY = 86_400_000;
const dateOf = (instant: number) => new Date(instant).toISOString().slice(0, 10);

describe('scheduled jobs, notifications and scorecard trends (e2e)', () => {
  let t: TestApp;
  let admin: { userId: string; authorization: string };
  let analyst: { userId: string; authorization: string };
  /** The demo forecasts' owner, who gets their reminders. */
  let owner: { userId: string; authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    admin = await t.userWithKey('admin');
    analyst = await t.userWithKey('analyst');
    const curator = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL } });
    const issued = await t.app.get(AuthService).issueKey(curator.id, 'test');
    owner = { userId: curator.id, authorization: `Bearer ${issued.key}` };
  });
  afterAll(() => t.close());

  const as = (who: { authorization: string }) => ({
    get: (url: string) => request(t.server).get(url).set('authorization', who.authorization),
    post: (url: string, body: object = {}) => request(t.server).post(url).set('authorization', who.authorization).send(body),
  });

  describe('POST /admin/jobs/:name/run and GET /admin/jobs', () => {
    let firstRun: { id: string; slot: string };

    it('is for admins only', async () => {
      await request(t.server).get('/admin/jobs').expect(401);
      const forbidden = await as(analyst).post('/admin/jobs/due-sweep/run').expect(403);
      expect(forbidden.body).toMatchObject({ status: 403, code: 'forbidden' });
      await as(analyst).get('/admin/jobs').expect(403);
    });

    it('runs the due sweep now: every demo forecast (deadlines in 2021–22) becomes due', async () => {
      const response = await as(admin).post('/admin/jobs/due-sweep/run').expect(201);
      expect(response.body).toMatchObject({
        job: 'due-sweep',
        attempt: 1,
        trigger: 'manual',
        requestedById: admin.userId,
        status: 'succeeded',
        counts: { candidates: 14, becameDue: 14, notified: 14 },
        error: null,
      });
      expect(Date.parse(response.body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(response.body.startedAt));
      firstRun = response.body;
      const due = await as(analyst).get('/forecasts').query({ status: 'due' }).expect(200);
      expect(due.body.data).toHaveLength(14);
    });

    it('lists recent runs, newest first, filtered by job and status', async () => {
      const listed = await as(admin).get('/admin/jobs').query({ job: 'due-sweep', status: 'succeeded' }).expect(200);
      expect(listed.body.data[0]).toMatchObject({ id: firstRun.id, status: 'succeeded' });
      expect(listed.body.page).toEqual({ limit: 20, nextCursor: null });
      const none = await as(admin).get('/admin/jobs').query({ status: 'stale' }).expect(200);
      expect(none.body.data).toEqual([]);
    });

    it('refuses to repeat a slot unless forced; forced, it is the next attempt and changes nothing twice', async () => {
      const taken = await as(admin).post('/admin/jobs/due-sweep/run', { slot: firstRun.slot }).expect(409);
      expect(taken.body).toMatchObject({ status: 409, code: 'job_slot_taken' });
      expect(taken.body.message).toMatch(/force: true/);
      const forced = await as(admin).post('/admin/jobs/due-sweep/run', { slot: firstRun.slot, force: true }).expect(201);
      expect(forced.body).toMatchObject({ slot: firstRun.slot, attempt: 2, status: 'succeeded', counts: { becameDue: 0, notified: 0 } });
      expect(await t.prisma.auditEntry.count({ where: { action: 'forecast.due' } })).toBe(14);
    });

    it('reports a run whose process died as stale, and lets a forced re-run supersede it', async () => {
      const slot = new Date(Date.now() - 3 * 3_600_000);
      slot.setUTCMinutes(0, 0, 0);
      const crashed = await t.prisma.jobRun.create({
        data: { job: 'stale-nudge', slot, trigger: 'schedule', instance: 'ledger-2:77:dead01', startedAt: slot },
      });
      const stale = await as(admin).get('/admin/jobs').query({ status: 'stale' }).expect(200);
      expect(stale.body.data).toEqual([expect.objectContaining({ id: crashed.id, status: 'stale', finishedAt: null })]);
      const rerun = await as(admin).post('/admin/jobs/stale-nudge/run', { slot: slot.toISOString(), force: true }).expect(201);
      expect(rerun.body).toMatchObject({ attempt: 2, status: 'succeeded' });
      const history = await as(admin).get('/admin/jobs').query({ job: 'stale-nudge' }).expect(200);
      expect(history.body.data.find((run: { id: string }) => run.id === crashed.id)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/superseded by attempt 2/),
      });
    });

    it('pages through runs with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await as(admin)
          .get('/admin/jobs')
          .query({ limit: 1, ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...page.body.data.map((run: { id: string }) => run.id));
        cursor = page.body.page.nextCursor;
      } while (cursor);
      // Every run the earlier tests left, newest first, each once: however many there are.
      const runs = await t.prisma.jobRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], select: { id: true } });
      expect(runs.length).toBeGreaterThan(1);
      expect(seen).toEqual(runs.map((run) => run.id));
    });

    it.each([
      ['/admin/jobs/reindex/run', {}, 404, 'job_not_found'],
      ['/admin/jobs/due-sweep/run', { colour: 'blue' }, 400, 'validation_failed'],
      ['/admin/jobs/due-sweep/run', { slot: 'yesterday' }, 400, 'validation_failed'],
      ['/admin/jobs/due-sweep/run', { slot: '2999-01-01T00:00:00Z' }, 400, 'validation_failed'],
      ['/admin/jobs/due-sweep/run', { date: '2026-01-01' }, 400, 'validation_failed'],
      ['/admin/jobs/due-sweep/run', { force: 'yes' }, 400, 'validation_failed'],
      ['/admin/jobs/scorecard-snapshot/run', { slot: '2026-01-01T00:00:00Z' }, 400, 'validation_failed'],
      // Today, worked out when the request is sent: a date taken when the tests are collected is yesterday after midnight.
      ['/admin/jobs/scorecard-snapshot/run', () => ({ date: dateOf(Date.now()) }), 400, 'validation_failed'],
      ['/admin/jobs/scorecard-snapshot/run', { date: '2026-02-30' }, 400, 'validation_failed'],
    ])('POST %s %p answers %i %s', async (url, body, status, code) => {
      const response = await as(admin)
        .post(url, typeof body === 'function' ? body() : body)
        .expect(status);
      expect(response.body).toMatchObject({ status, code });
      expect(typeof response.body.requestId).toBe('string');
    });

    it.each([[{ status: 'crashed' }], [{ job: 'reindex' }], [{ limit: 0 }], [{ cursor: 'not-a-cursor' }]])(
      'GET /admin/jobs rejects %p',
      async (query) => {
        const response = await as(admin).get('/admin/jobs').query(query).expect(400);
        expect(response.body.code).toBe('validation_failed');
      },
    );
  });

  describe('notifications without a webhook', () => {
    it('wait as pending when no webhook is configured', async () => {
      const run = await as(admin).post('/admin/jobs/notification-delivery/run').expect(201);
      expect(run.body.counts).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0, noWebhook: 1 });
    });

    it("lists the caller's own notifications, newest first, a page at a time", async () => {
      const all = await as(owner).get('/notifications').query({ limit: 100 }).expect(200);
      expect(all.body.data).toHaveLength(14);
      expect(all.body.data[0]).toMatchObject({ kind: 'forecast_due', status: 'pending', attempts: 0, readAt: null, deliveredAt: null });
      expect(all.body.data[0].text).toMatch(/^Forecast due for resolution: /);
      expect(all.body.data[0].idempotencyKey).toMatch(/^forecast-due:/);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await as(owner)
          .get('/notifications')
          .query({ kind: 'forecast_due', limit: 5, ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...page.body.data.map((notification: { id: string }) => notification.id));
        cursor = page.body.page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.data.map((notification: { id: string }) => notification.id));

      const others = await as(analyst).get('/notifications').expect(200);
      expect(others.body.data).toEqual([]);
    });

    it('marks one read (twice is harmless) and filters by status', async () => {
      const [first] = (await as(owner).get('/notifications').query({ limit: 1 }).expect(200)).body.data;
      const read = await as(owner).post(`/notifications/${first.id}/read`).expect(200);
      expect(read.body).toMatchObject({ id: first.id, status: 'read', nextAttemptAt: null });
      const again = await as(owner).post(`/notifications/${first.id}/read`).expect(200);
      expect(again.body.readAt).toBe(read.body.readAt);
      const onlyRead = await as(owner).get('/notifications').query({ status: 'read' }).expect(200);
      expect(onlyRead.body.data.map((notification: { id: string }) => notification.id)).toEqual([first.id]);
      const one = await as(owner).get(`/notifications/${first.id}`).expect(200);
      expect(one.body.status).toBe('read');
    });

    it("hides other users' notifications and rejects bad input", async () => {
      const [mine] = (await as(owner).get('/notifications').query({ limit: 1 }).expect(200)).body.data;
      await as(analyst).get(`/notifications/${mine.id}`).expect(404);
      const notYours = await as(analyst).post(`/notifications/${mine.id}/read`).expect(404);
      expect(notYours.body.code).toBe('notification_not_found');
      await as(owner).get('/notifications/not-a-uuid').expect(400);
      await request(t.server).get('/notifications').expect(401);
      for (const query of [{ status: 'seen' }, { kind: 'sms' }, { limit: 101 }, { cursor: 'nope' }]) {
        const response = await as(owner).get('/notifications').query(query).expect(400);
        expect(response.body.code).toBe('validation_failed');
      }
    });
  });

  describe('scorecard snapshots and GET /scorecards/trend', () => {
    /** Worked out when the tests run, not when they are collected (which may be the day before). */
    let yesterday: string;
    let authorId: string;

    beforeAll(async () => {
      yesterday = dateOf(Date.now() - DAY);
      // One demo forecast was resolved (yes) three days ago, with the author's estimate from the brief.
      const author = await t.prisma.forecaster.findFirstOrThrow({ where: { name: PISM_AUTHOR.name } });
      authorId = author.id;
      const forecast = await t.prisma.forecast.findFirstOrThrow({ where: { tags: { has: 'integration' } }, orderBy: { createdAt: 'asc' } });
      await t.prisma.forecast.update({ where: { id: forecast.id }, data: { status: 'resolved', outcome: 'yes' } });
      // The author's latest estimate before the outcome became true: it is the final one, whenever typed in.
      await t.prisma.probabilityEstimate.create({
        data: {
          forecastId: forecast.id,
          forecasterId: author.id,
          probability: 0.7,
          madeAt: new Date('2020-10-01T00:00:00Z'),
          basis: 'analyst',
          recordedById: admin.userId,
          createdAt: new Date(Date.now() - 10 * DAY),
        },
      });
      await t.prisma.resolution.create({
        data: {
          forecastId: forecast.id,
          action: 'resolve',
          outcome: 'yes',
          occurredOn: new Date(`${dateOf(Date.now() - 4 * DAY)}T00:00:00Z`),
          rationale: 'It happened.',
          decidedById: admin.userId,
          createdAt: new Date(Date.now() - 3 * DAY),
        },
      });
    });

    it('snapshots yesterday on request and lists the trend by forecaster and by tag', async () => {
      const run = await as(admin).post('/admin/jobs/scorecard-snapshot/run', { date: yesterday }).expect(201);
      expect(run.body).toMatchObject({
        slot: `${yesterday}T00:00:00.000Z`,
        status: 'succeeded',
        counts: { forecasters: 1, snapshots: expect.any(Number) },
      });

      const trend = await as(analyst).get('/scorecards/trend').query({ scope: 'forecaster', key: authorId }).expect(200);
      expect(trend.body).toMatchObject({ scope: 'forecaster', key: authorId, label: PISM_AUTHOR.name, to: dateOf(Date.now()) });
      // From the data's own dates: one point, on the day the outcome became true (issue 12, item 14).
      expect(trend.body.data).toHaveLength(1);
      expect(trend.body.data[0]).toMatchObject({ date: dateOf(Date.now() - 4 * DAY), figures: { counts: { forecasts: 1, scored: 1 } } });
      expect(trend.body.data[0].figures.brierOneSided).toBeCloseTo(0.09, 12);
      expect(trend.body.data[0].figures.brierTwoSided).toBeCloseTo(2 * trend.body.data[0].figures.brierOneSided, 12);

      const byTag = await as(analyst)
        .get('/scorecards/trend')
        .query({ scope: 'tag', key: 'integration', from: yesterday, to: yesterday })
        .expect(200);
      expect(byTag.body.data.map((point: { date: string }) => point.date)).toEqual([yesterday]);
      const elsewhere = await as(analyst).get('/scorecards/trend').query({ scope: 'tag', key: 'no-such-tag' }).expect(200);
      expect(elsewhere.body).toMatchObject({ label: null, data: [] });
    });

    it.each([
      [{ scope: 'forecaster', key: 'anna' }, 'key'],
      [{ scope: 'tag', key: 'Not A Tag' }, 'key'],
      [{ scope: 'planet', key: 'x' }, 'scope'],
      [{ scope: 'tag' }, 'key'],
      [{ scope: 'tag', key: 'x', from: '2026-03-02', to: '2026-03-01' }, 'from'],
      [{ scope: 'tag', key: 'x', from: '1990-01-01', to: '2026-03-01' }, 'from'],
      [{ scope: 'tag', key: 'x', to: '2026-13-01' }, 'to'],
    ])('GET /scorecards/trend rejects %p naming %s', async (query, field) => {
      const response = await as(analyst).get('/scorecards/trend').query(query).expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });
  });
});
