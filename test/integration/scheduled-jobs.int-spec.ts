import { jest } from '@jest/globals';
import type { Actor } from '../../src/auth/actor.js';
import { ConflictError } from '../../src/common/errors/domain-errors.js';
import { DueSweepService } from '../../src/jobs/due-sweep.service.js';
import { SYSTEM_USER_EMAIL } from '../../src/jobs/system-actor.service.js';
import { NotificationOutbox } from '../../src/notifications/notification-outbox.js';
import { ScorecardSnapshotsService } from '../../src/scorecard-snapshots/scorecard-snapshots.service.js';
import type { SnapshotFigures } from '../../src/scorecard-snapshots/snapshot-figures.js';
import { makeEvidence, makeForecast, makeForecaster, makeUser, makeUserWhoCanSignIn } from '../factories/index.js';
import { type JobInstance, startJobInstance } from '../factories/job-instance.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Each block gets its own database and instance, so one job's sweep does not see another's rows. */
function withInstance(start: Date | string, env: NodeJS.ProcessEnv = {}) {
  const context = {} as { db: TestDatabase; app: JobInstance; admin: Actor };
  beforeAll(async () => {
    context.db = await createTestDatabase();
    context.app = await startJobInstance(context.db.url, start, env);
    const admin = await makeUser(context.app.prisma, { role: 'admin' });
    context.admin = { userId: admin.id, role: 'admin', requestId: 'test' };
  });
  afterAll(async () => {
    await context.app.close();
    await context.db.drop();
  });
  return context;
}

describe('due sweep', () => {
  const t = withInstance('2031-03-04T10:00:00.120Z');

  it('makes open forecasts past their deadline due, with an audit entry by the system user and a reminder to the owner', async () => {
    const { prisma, runner } = t.app;
    const owner = await makeUserWhoCanSignIn(prisma);
    const past = await makeForecast(prisma, owner.id, { deadline: new Date('2031-03-04T09:30:00Z') });
    const exactlyNow = await makeForecast(prisma, owner.id, { deadline: new Date('2031-03-04T10:00:00.120Z') });
    const future = await makeForecast(prisma, owner.id, { deadline: new Date('2031-03-04T10:00:00.121Z') });
    const withdrawn = await makeForecast(prisma, owner.id, { deadline: new Date('2031-03-01T00:00:00Z'), status: 'withdrawn' });
    const openEnded = await makeForecast(prisma, owner.id, { deadline: null });

    const run = await runner.runScheduled('due-sweep');
    expect(run).toMatchObject({ job: 'due-sweep', attempt: 1, trigger: 'schedule', status: 'succeeded' });
    expect(run?.slot.toISOString()).toBe('2031-03-04T10:00:00.000Z');
    expect(run?.counts).toEqual({ candidates: 2, becameDue: 2, notified: 2 });

    const statuses = await prisma.forecast.findMany({
      where: { id: { in: [past.id, exactlyNow.id, future.id, withdrawn.id, openEnded.id] } },
      select: { id: true, status: true, version: true },
    });
    const byId = new Map(statuses.map((forecast) => [forecast.id, forecast]));
    expect(byId.get(past.id)).toMatchObject({ status: 'due', version: 2 });
    expect(byId.get(exactlyNow.id)).toMatchObject({ status: 'due', version: 2 });
    expect(byId.get(future.id)).toMatchObject({ status: 'open', version: 1 });
    expect(byId.get(withdrawn.id)?.status).toBe('withdrawn');
    expect(byId.get(openEnded.id)?.status).toBe('open');

    const system = await prisma.user.findUniqueOrThrow({ where: { email: SYSTEM_USER_EMAIL }, include: { apiKeys: true } });
    expect(system.role).toBe('admin');
    expect(system.apiKeys).toEqual([]);
    const audit = await prisma.auditEntry.findMany({ where: { entityId: past.id, action: 'forecast.due' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: system.id, requestId: `job-run:${run?.id}`, entityType: 'forecast' });
    expect(audit[0].before).toMatchObject({ status: 'open', version: 1 });
    expect(audit[0].after).toMatchObject({ status: 'due', version: 2 });

    const reminder = await prisma.notification.findFirstOrThrow({ where: { forecastId: past.id } });
    expect(reminder).toMatchObject({
      recipientId: owner.id,
      kind: 'forecast_due',
      status: 'pending',
      attempts: 0,
      idempotencyKey: `forecast-due:${past.id}:2031-03-04T09:30:00.000Z`,
    });
    expect(reminder.text).toContain('Forecast due for resolution');
    expect(reminder.text).toContain(past.id);
  });

  it('claims each slot once: a second tick in the same hour does nothing, the next hour runs', async () => {
    const { runner, clock, prisma } = t.app;
    clock.set('2031-03-04T10:59:59.000Z');
    expect(await runner.runScheduled('due-sweep')).toBeNull();
    clock.set('2031-03-04T11:00:00.300Z');
    const next = await runner.runScheduled('due-sweep');
    // The forecast due a millisecond after the first sweep is this hour's one.
    expect(next).toMatchObject({ status: 'succeeded', counts: { candidates: 1, becameDue: 1, notified: 1 } });
    expect(next?.slot.toISOString()).toBe('2031-03-04T11:00:00.000Z');
    expect(await prisma.jobRun.count({ where: { job: 'due-sweep' } })).toBe(2);
  });

  it('refuses to repeat a slot unless forced, and a forced re-run is a new attempt that changes nothing twice', async () => {
    const { runner, prisma } = t.app;
    const slot = '2031-03-04T10:00:00.000Z';
    await expect(runner.runNow('due-sweep', { slot }, t.admin)).rejects.toMatchObject({ code: 'job_slot_taken' });
    const before = { audit: await prisma.auditEntry.count(), notifications: await prisma.notification.count() };
    const rerun = await runner.runNow('due-sweep', { slot, force: true }, t.admin);
    expect(rerun).toMatchObject({ attempt: 2, trigger: 'manual', requestedById: t.admin.userId, status: 'succeeded' });
    expect(rerun.counts).toMatchObject({ becameDue: 0, notified: 0 });
    expect({ audit: await prisma.auditEntry.count(), notifications: await prisma.notification.count() }).toEqual(before);
  });

  it('records a run that fails halfway; a forced re-run finishes the rest without repeating what was done', async () => {
    const { runner, clock, prisma, runs } = t.app;
    const owner = await makeUserWhoCanSignIn(prisma);
    const forecasts = [];
    for (let index = 0; index < 5; index += 1) {
      forecasts.push(await makeForecast(prisma, owner.id, { deadline: new Date(`2031-03-04T12:0${index}:00Z`) }));
    }
    clock.set('2031-03-04T13:00:00.000Z');
    const outbox = t.app.get(NotificationOutbox);
    const enqueue = outbox.enqueue.bind(outbox);
    let calls = 0;
    const spy = jest.spyOn(outbox, 'enqueue').mockImplementation(async (tx, drafts) => {
      calls += 1;
      if (calls === 3) throw new Error('connection to the database was lost');
      return enqueue(tx, drafts);
    });
    const failed = await runner.runScheduled('due-sweep');
    spy.mockRestore();
    expect(failed).toMatchObject({ status: 'failed', attempt: 1 });
    expect(failed?.error).toContain('connection to the database was lost');
    expect(failed?.finishedAt).not.toBeNull();
    // The third forecast's transaction rolled back whole: its status, audit entry and reminder together.
    const due = await prisma.forecast.count({ where: { id: { in: forecasts.map((f) => f.id) }, status: 'due' } });
    expect(due).toBe(2);

    const listed = await runs.list({ job: 'due-sweep', status: 'failed', limit: 20 });
    expect(listed.data.map((run) => run.id)).toContain(failed?.id);

    const rerun = await runner.runNow('due-sweep', { slot: failed?.slot.toISOString(), force: true }, t.admin);
    expect(rerun).toMatchObject({ status: 'succeeded', attempt: 2, counts: { candidates: 3, becameDue: 3, notified: 3 } });
    for (const forecast of forecasts) {
      expect(await prisma.auditEntry.count({ where: { entityId: forecast.id, action: 'forecast.due' } })).toBe(1);
      expect(await prisma.notification.count({ where: { forecastId: forecast.id } })).toBe(1);
      expect(await prisma.forecast.findUniqueOrThrow({ where: { id: forecast.id } })).toMatchObject({ status: 'due', version: 2 });
    }
  });

  it('shows a run whose process died as stale; a forced re-run supersedes it, a live one is not overtaken', async () => {
    const { runner, clock, prisma, runs } = t.app;
    clock.set('2031-03-04T16:30:00.000Z');
    const crashed = await prisma.jobRun.create({
      data: {
        job: 'due-sweep',
        slot: new Date('2031-03-04T14:00:00Z'),
        trigger: 'schedule',
        instance: 'ledger-2:999:dead00',
        startedAt: new Date('2031-03-04T14:00:00.050Z'),
      },
    });
    const live = await prisma.jobRun.create({
      data: {
        job: 'due-sweep',
        slot: new Date('2031-03-04T16:00:00Z'),
        trigger: 'schedule',
        instance: 'ledger-3:1:cafe00',
        startedAt: clock.now(),
      },
    });
    const stale = await runs.list({ status: 'stale', limit: 20 });
    expect(stale.data.map((run) => [run.id, run.status])).toEqual([[crashed.id, 'stale']]);
    expect((await runs.list({ status: 'running', limit: 20 })).data.map((run) => run.id)).toEqual([live.id]);

    // The crashed slot is not silently re-run by the next tick of the same hour.
    clock.set('2031-03-04T14:30:00.000Z');
    expect(await runner.runScheduled('due-sweep')).toBeNull();
    clock.set('2031-03-04T16:30:00.000Z');

    await expect(runner.runNow('due-sweep', { slot: '2031-03-04T16:00:00Z', force: true }, t.admin)).rejects.toBeInstanceOf(ConflictError);
    await expect(runner.runNow('due-sweep', { slot: '2031-03-04T16:00:00Z', force: true }, t.admin)).rejects.toMatchObject({
      code: 'job_run_in_progress',
    });

    const rerun = await runner.runNow('due-sweep', { slot: '2031-03-04T14:00:00Z', force: true }, t.admin);
    expect(rerun).toMatchObject({ attempt: 2, status: 'succeeded' });
    const superseded = await prisma.jobRun.findUniqueOrThrow({ where: { id: crashed.id } });
    expect(superseded.status).toBe('failed');
    expect(superseded.error).toMatch(/presumed crashed; superseded by attempt 2/);
  });

  it('rejects unknown jobs, future slots, and a date where a slot is meant', async () => {
    const { runner } = t.app;
    await expect(runner.runNow('reindex', {}, t.admin)).rejects.toMatchObject({ kind: 'not_found', code: 'job_not_found' });
    await expect(runner.runNow('due-sweep', { slot: '2031-03-05T00:00:00Z' }, t.admin)).rejects.toMatchObject({
      fieldErrors: [{ field: 'slot', rule: 'not_in_future' }],
    });
    await expect(runner.runNow('due-sweep', { date: '2031-03-01' }, t.admin)).rejects.toMatchObject({
      fieldErrors: [{ field: 'date', rule: 'not_applicable' }],
    });
  });
});

describe('stale nudge', () => {
  const t = withInstance(new Date(), { STALE_AFTER_DAYS: '30' });

  it('nudges owners of open forecasts quiet for N days, once per N-day window', async () => {
    const { prisma, runner, clock } = t.app;
    // Rows are stamped by the database clock; the job's clock is moved ahead of it.
    const realNow = Date.now();
    const owner = await makeUser(prisma);
    const forecaster = await makeForecaster(prisma);
    const quiet = await makeForecast(prisma, owner.id, { deadline: new Date(realNow + 400 * DAY) });
    const recentEstimate = await makeForecast(prisma, owner.id, { deadline: new Date(realNow + 400 * DAY) });
    await prisma.probabilityEstimate.create({
      data: {
        forecastId: recentEstimate.id,
        forecasterId: forecaster.id,
        probability: 0.6,
        madeAt: new Date('2020-09-15T00:00:00Z'),
        basis: 'analyst',
        recordedById: owner.id,
        createdAt: new Date(realNow + 20 * DAY),
      },
    });
    const recentEvidence = await makeForecast(prisma, owner.id, { deadline: new Date(realNow + 400 * DAY) });
    const evidence = await makeEvidence(prisma, owner.id);
    await prisma.evidenceLink.create({
      data: {
        evidenceId: evidence.id,
        forecastId: recentEvidence.id,
        stance: 'supports',
        weight: 'weak',
        createdAt: new Date(realNow + 25 * DAY),
      },
    });
    const alreadyDue = await makeForecast(prisma, owner.id, { deadline: new Date(realNow - DAY), status: 'due' });
    clock.set(new Date(Date.now() + 31 * DAY + HOUR));

    const first = await runner.runScheduled('stale-nudge');
    expect(first?.counts).toEqual({ quiet: 1, nudged: 1 });
    const nudges = await prisma.notification.findMany({ where: { kind: 'stale_forecast' } });
    expect(nudges.map((nudge) => nudge.forecastId)).toEqual([quiet.id]);
    expect(nudges[0].recipientId).toBe(owner.id);
    expect(nudges[0].text).toContain('No new estimate or evidence for 31 days');
    expect(nudges[0].payload).toMatchObject({ quietDays: 31 });

    // The next day is in the same 30-day window: no second nudge.
    clock.advance(DAY);
    expect((await runner.runScheduled('stale-nudge'))?.counts).toEqual({ quiet: 1, nudged: 0 });

    // Thirty days on, all three open ones have been quiet a full window; the first gets its second nudge.
    clock.advance(30 * DAY);
    expect((await runner.runScheduled('stale-nudge'))?.counts).toEqual({ quiet: 3, nudged: 3 });
    const perForecast = await prisma.notification.groupBy({ by: ['forecastId'], where: { kind: 'stale_forecast' }, _count: true });
    expect(Object.fromEntries(perForecast.map((row) => [row.forecastId, row._count]))).toEqual({
      [quiet.id]: 2,
      [recentEstimate.id]: 1,
      [recentEvidence.id]: 1,
    });
    expect(perForecast.map((row) => row.forecastId)).not.toContain(alreadyDue.id);
  });
});

describe('weekly digest', () => {
  const t = withInstance('2031-03-03T07:00:00.400Z');

  it('sends each owner their forecasts falling due in 7 days and their overdue ones, once per week', async () => {
    const { prisma, runner, clock } = t.app;
    const [busy, idle] = [await makeUser(prisma), await makeUser(prisma)];
    const soon = await makeForecast(prisma, busy.id, { deadline: new Date('2031-03-06T12:00:00Z'), statement: 'Soon comes true.' });
    const edge = await makeForecast(prisma, busy.id, { deadline: new Date('2031-03-10T07:00:00.400Z'), statement: 'Edge comes true.' });
    await makeForecast(prisma, busy.id, { deadline: new Date('2031-03-10T07:00:00.401Z') });
    const overdue = await makeForecast(prisma, busy.id, {
      deadline: new Date('2031-02-01T00:00:00Z'),
      status: 'due',
      statement: 'Late comes true.',
    });
    await makeForecast(prisma, idle.id, { deadline: new Date('2031-06-01T00:00:00Z') });

    const run = await runner.runScheduled('weekly-digest');
    expect(run?.slot.toISOString()).toBe('2031-03-03T07:00:00.000Z');
    expect(run?.counts).toEqual({ owners: 1, dueSoon: 2, overdue: 1, queued: 1 });
    const digest = await prisma.notification.findFirstOrThrow({ where: { kind: 'weekly_digest' } });
    expect(digest).toMatchObject({ recipientId: busy.id, forecastId: null, idempotencyKey: `weekly-digest:${busy.id}:2031-W10` });
    expect(digest.payload).toMatchObject({
      week: '2031-W10',
      dueSoon: [{ id: soon.id }, { id: edge.id }],
      overdue: [{ id: overdue.id }],
    });
    expect(digest.text.split('\n')).toEqual([
      'Your forecasts, week 2031-W10',
      'Overdue, waiting for a resolution (1):',
      '• "Late comes true." — deadline 2031-02-01',
      'Falling due in the next 7 days (2):',
      '• "Soon comes true." — deadline 2031-03-06',
      '• "Edge comes true." — deadline 2031-03-10',
    ]);

    const rerun = await runner.runNow('weekly-digest', { slot: '2031-03-03T07:00:00Z', force: true }, t.admin);
    expect(rerun.counts).toMatchObject({ owners: 1, queued: 0 });
    clock.set('2031-03-10T07:00:00Z');
    expect((await runner.runScheduled('weekly-digest'))?.counts).toMatchObject({ queued: 1 });
    expect(await prisma.notification.count({ where: { kind: 'weekly_digest', recipientId: busy.id } })).toBe(2);
    expect(await prisma.notification.count({ where: { recipientId: idle.id } })).toBe(0);
  });
});

describe('scorecard snapshot', () => {
  const t = withInstance('2031-03-05T02:00:00.500Z');

  async function resolvedForecast(
    ownerId: string,
    tags: string[],
    resolution: { outcome: 'yes' | 'no' | 'ambiguous'; occurredOn: string; createdAt: string },
  ) {
    const { prisma } = t.app;
    const forecast = await makeForecast(prisma, ownerId, {
      tags,
      status: 'resolved',
      outcome: resolution.outcome,
      deadline: new Date('2031-02-01T00:00:00Z'),
    });
    await prisma.resolution.create({
      data: {
        forecastId: forecast.id,
        action: 'resolve',
        outcome: resolution.outcome,
        occurredOn: new Date(`${resolution.occurredOn}T00:00:00Z`),
        rationale: 'Test resolution.',
        decidedById: ownerId,
        createdAt: new Date(resolution.createdAt),
      },
    });
    return forecast;
  }

  async function estimate(
    forecastId: string,
    forecasterId: string,
    recordedById: string,
    probability: number,
    madeAt: string,
    createdAt = madeAt,
  ) {
    await t.app.prisma.probabilityEstimate.create({
      data: {
        forecastId,
        forecasterId,
        probability,
        basis: 'analyst',
        recordedById,
        madeAt: new Date(madeAt),
        createdAt: new Date(createdAt),
      },
    });
  }

  it('summarises each forecaster and tag as of the end of the day, from their final estimates', async () => {
    const { prisma, runner } = t.app;
    const owner = await makeUser(prisma);
    const [anna, bart] = [await makeForecaster(prisma, { name: 'Anna' }), await makeForecaster(prisma, { name: 'Bart' })];
    const f1 = await resolvedForecast(owner.id, ['energy', 'russia'], {
      outcome: 'yes',
      occurredOn: '2031-03-01',
      createdAt: '2031-03-02T09:00:00Z',
    });
    const f2 = await resolvedForecast(owner.id, ['energy'], { outcome: 'no', occurredOn: '2031-03-02', createdAt: '2031-03-03T09:00:00Z' });
    const f3 = await resolvedForecast(owner.id, ['energy'], {
      outcome: 'ambiguous',
      occurredOn: '2031-03-02',
      createdAt: '2031-03-03T10:00:00Z',
    });
    // Resolved after the day being summarised: not in it.
    const f4 = await resolvedForecast(owner.id, ['energy'], {
      outcome: 'yes',
      occurredOn: '2031-03-04',
      createdAt: '2031-03-04T12:00:00Z',
    });

    await estimate(f1.id, anna.id, owner.id, 0.6, '2031-01-10T00:00:00Z');
    await estimate(f1.id, anna.id, owner.id, 0.8, '2031-02-20T00:00:00Z');
    // Made on the day the outcome became true: too late to count.
    await estimate(f1.id, anna.id, owner.id, 1, '2031-03-01T08:00:00Z');
    await estimate(f2.id, anna.id, owner.id, 0.3, '2031-02-01T00:00:00Z');
    await estimate(f3.id, anna.id, owner.id, 0.5, '2031-02-01T00:00:00Z');
    await estimate(f4.id, anna.id, owner.id, 0.9, '2031-02-01T00:00:00Z');
    await estimate(f1.id, bart.id, owner.id, 0.4, '2031-02-01T00:00:00Z');
    // Made on 1 February, typed in after the day being summarised: it counts, by its own date (issue 12, item 14).
    await estimate(f2.id, bart.id, owner.id, 0.1, '2031-02-01T00:00:00Z', '2031-03-04T15:00:00Z');

    const run = await runner.runScheduled('scorecard-snapshot');
    expect(run?.slot.toISOString()).toBe('2031-03-04T00:00:00.000Z');
    expect(run?.status).toBe('succeeded');

    // The nightly run at 02:00 on the 5th summarises the 4th; compute the 3rd explicitly too.
    const third = await runner.runNow('scorecard-snapshot', { date: '2031-03-03' }, t.admin);
    expect(third).toMatchObject({ slot: '2031-03-03T00:00:00.000Z', status: 'succeeded' });
    expect(third.counts).toEqual({ forecasters: 2, tags: 2, snapshots: 4 });

    const snapshot = async (date: string, scope: 'forecaster' | 'tag', key: string) =>
      (await prisma.scorecardSnapshot.findUniqueOrThrow({ where: { date_scope_key: { date: new Date(date), scope, key } } }))
        .figures as unknown as SnapshotFigures;

    const anna3 = await snapshot('2031-03-03', 'forecaster', anna.id);
    expect(anna3.counts).toMatchObject({ forecasts: 3, estimates: 3, scored: 2, excludedTotal: 1, excluded: { ambiguous: 1 } });
    expect(anna3.brierOneSided).toBeCloseTo(((0.8 - 1) ** 2 + (0.3 - 0) ** 2) / 2, 9);
    expect(anna3.brierTwoSided).toBeCloseTo((0.8 - 1) ** 2 + (0.3 - 0) ** 2, 9);
    const bart3 = await snapshot('2031-03-03', 'forecaster', bart.id);
    expect(bart3.counts).toMatchObject({ forecasts: 2, scored: 2 });
    expect(bart3.brierOneSided).toBeCloseTo((0.36 + 0.01) / 2, 9);
    const russia3 = await snapshot('2031-03-03', 'tag', 'russia');
    expect(russia3.counts).toMatchObject({ forecasts: 1, estimates: 2 });
    expect(russia3.brierOneSided).toBeCloseTo(((0.8 - 1) ** 2 + (0.4 - 1) ** 2) / 2, 9);

    const anna4 = await snapshot('2031-03-04', 'forecaster', anna.id);
    expect(anna4.counts).toMatchObject({ forecasts: 4, scored: 3 });
    const bart4 = await snapshot('2031-03-04', 'forecaster', bart.id);
    expect(bart4.counts).toMatchObject({ forecasts: 2, scored: 2 });
    expect(bart4.brierOneSided).toBeCloseTo((0.36 + 0.01) / 2, 9);

    const row = await prisma.scorecardSnapshot.findFirstOrThrow({ where: { scope: 'forecaster', key: anna.id } });
    expect(row.label).toBe('Anna');
  });

  it('recomputes a past date, replacing its rows: a correction of the record corrects its history too', async () => {
    const { prisma, runner, clock } = t.app;
    const before = await prisma.scorecardSnapshot.findMany({
      where: { date: new Date('2031-03-03') },
      orderBy: [{ scope: 'asc' }, { key: 'asc' }],
    });
    // A forecast of the 3rd is re-resolved on the 5th, from no to yes (true on the 2nd all along):
    // the scores follow the resolution in force, on the date its outcome became true.
    const resolved = await prisma.resolution.findFirstOrThrow({ where: { outcome: 'no' } });
    await prisma.forecast.update({ where: { id: resolved.forecastId }, data: { outcome: 'yes' } });
    await prisma.resolution.create({
      data: {
        forecastId: resolved.forecastId,
        action: 'resolve',
        outcome: 'yes',
        occurredOn: new Date('2031-03-02T00:00:00Z'),
        rationale: 'Corrected.',
        decidedById: resolved.decidedById,
        createdAt: new Date('2031-03-05T01:00:00Z'),
      },
    });
    clock.set('2031-03-05T03:00:00Z');
    await expect(runner.runNow('scorecard-snapshot', { date: '2031-03-03' }, t.admin)).rejects.toMatchObject({ code: 'job_slot_taken' });
    const recomputed = await runner.runNow('scorecard-snapshot', { date: '2031-03-03', force: true }, t.admin);
    expect(recomputed).toMatchObject({ attempt: 2, status: 'succeeded' });
    const after = await prisma.scorecardSnapshot.findMany({
      where: { date: new Date('2031-03-03') },
      orderBy: [{ scope: 'asc' }, { key: 'asc' }],
    });
    expect(after.map((snapshot) => [snapshot.scope, snapshot.key])).toEqual(before.map((snapshot) => [snapshot.scope, snapshot.key]));
    const anna = await prisma.forecaster.findFirstOrThrow({ where: { name: 'Anna' } });
    const annaAfter = after.find((snapshot) => snapshot.key === anna.id)!.figures as unknown as SnapshotFigures;
    expect(annaAfter.brierOneSided).toBeCloseTo(((0.8 - 1) ** 2 + (0.3 - 1) ** 2) / 2, 9);
    const russia = after.find((snapshot) => snapshot.key === 'russia');
    expect(russia?.figures).toEqual(before.find((snapshot) => snapshot.key === 'russia')?.figures);
    expect(after.every((snapshot) => snapshot.jobRunId === recomputed.id)).toBe(true);

    await expect(runner.runNow('scorecard-snapshot', { date: '2031-03-05' }, t.admin)).rejects.toMatchObject({
      fieldErrors: [{ field: 'date', rule: 'day_ended' }],
    });
  });

  it('lists a trend oldest first between two dates', async () => {
    const { prisma } = t.app;
    const anna = await prisma.forecaster.findFirstOrThrow({ where: { name: 'Anna' } });
    const trend = await t.app
      .get(ScorecardSnapshotsService)
      .trend({ scope: 'forecaster', key: anna.id, from: '2031-03-01', to: '2031-03-04' });
    expect(trend.label).toBe('Anna');
    // A point on each day one of Anna's outcomes became true (the 2nd brought two, one of them ambiguous).
    expect(trend.data.map((point) => [point.date, point.figures.counts.scored])).toEqual([
      ['2031-03-01', 1],
      ['2031-03-02', 2],
      ['2031-03-04', 3],
    ]);
  });
});

describe('the sweep keeps its effects idempotent on its own', () => {
  const t = withInstance('2031-03-04T10:00:00Z');

  it('sweeping twice by hand (as two overlapping runs would) changes each forecast once', async () => {
    const { prisma } = t.app;
    const owner = await makeUserWhoCanSignIn(prisma);
    const forecast = await makeForecast(prisma, owner.id, { deadline: new Date('2031-03-04T09:00:00Z') });
    const sweep = t.app.get(DueSweepService);
    const [a, b] = await Promise.all([sweep.sweep(t.app.clock.now(), 'run-a'), sweep.sweep(t.app.clock.now(), 'run-b')]);
    expect(a.becameDue + b.becameDue).toBe(1);
    expect(a.notified + b.notified).toBe(1);
    expect(await prisma.auditEntry.count({ where: { entityId: forecast.id } })).toBe(1);
  });
});

describe('rules the database enforces on the new tables', () => {
  const t = withInstance('2031-03-04T10:00:00Z');

  it('allows one row per (job, slot, attempt) and rejects impossible runs and notifications', async () => {
    const { prisma } = t.app;
    const slot = new Date('2031-03-04T10:00:00Z');
    const run = { job: 'due-sweep', slot, trigger: 'schedule' as const, instance: 'test' };
    await prisma.jobRun.create({ data: run });
    await expect(prisma.jobRun.create({ data: run })).rejects.toMatchObject({ code: 'P2002' });
    await expect(prisma.jobRun.create({ data: { ...run, attempt: 0 } })).rejects.toThrow(/job_runs_attempt_positive/);
    await expect(prisma.jobRun.create({ data: { ...run, attempt: 2, status: 'succeeded' } })).rejects.toThrow(
      /job_runs_finished_unless_running/,
    );
    await expect(prisma.jobRun.create({ data: { ...run, attempt: 3, trigger: 'manual' } })).rejects.toThrow(
      /job_runs_manual_has_requester/,
    );

    const owner = await makeUser(prisma);
    const notification = { recipientId: owner.id, kind: 'weekly_digest' as const, payload: {}, text: 'Hello.', idempotencyKey: 'k1' };
    await prisma.notification.create({ data: notification });
    await expect(prisma.notification.create({ data: notification })).rejects.toMatchObject({ code: 'P2002' });
    await expect(prisma.notification.create({ data: { ...notification, idempotencyKey: 'k2', status: 'delivered' } })).rejects.toThrow(
      /notifications_delivered_has_time/,
    );
    await expect(prisma.notification.create({ data: { ...notification, idempotencyKey: 'k3', text: '  ' } })).rejects.toThrow(
      /notifications_text_not_blank/,
    );
  });
});
