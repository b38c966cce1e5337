import { jest } from '@jest/globals';
import type { JobRun } from '@prisma/client';
import type { JobName } from '../../src/config/job-names.js';
import { makeForecast, makeUserWhoCanSignIn } from '../factories/index.js';
import { type JobInstance, startJobInstance } from '../factories/job-instance.js';
import { startWebhookReceiver, type WebhookReceiver } from '../factories/webhook-receiver.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.parse('2031-03-03T00:00:00Z');

/**
 * Two service instances on one database, as behind a load balancer: two application contexts, each
 * with its own PrismaService and connection pool, its own clock and its own job runner. Every slot,
 * both fire at once (their timers a little apart), as their crons would.
 */
describe('two instances racing every slot', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let a: JobInstance;
  let b: JobInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startWebhookReceiver();
    const env = { NOTIFY_WEBHOOK_URL: receiver.url };
    [a, b] = await Promise.all([startJobInstance(db.url, new Date(START), env), startJobInstance(db.url, new Date(START), env)]);
    holdClaimsUntilBothArrive();
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await receiver.close();
    await db.drop();
  });

  /** Per race: each instance's claim, as the database answered it (null: the slot was taken). */
  let claims: { instance: string; slot: string; won: boolean }[] = [];
  let releaseFirst: 'a' | 'b' = 'a';

  /**
   * Both instances' claims are held until both have reached the database layer, then sent
   * together (the first released alternating from race to race): so every race is a real contest
   * for the unique key, not one instance running after the other has finished. Which one wins is
   * the database's choice; on this machine the same instance tends to win every time.
   */
  function holdClaimsUntilBothArrive() {
    let arrived: Partial<Record<'a' | 'b', () => void>> = {};
    for (const [name, instance] of [['a', a] as const, ['b', b] as const]) {
      const original = instance.runs.claim.bind(instance.runs);
      jest.spyOn(instance.runs, 'claim').mockImplementation(async (claim) => {
        await new Promise<void>((go) => {
          arrived[name] = go;
          const { a: goA, b: goB } = arrived;
          if (!goA || !goB) return;
          arrived = {};
          for (const release of releaseFirst === 'a' ? [goA, goB] : [goB, goA]) release();
        });
        const run = await original(claim);
        claims.push({ instance: instance.runs.instance, slot: claim.slot.toISOString(), won: run !== null });
        return run;
      });
    }
  }

  /** Both instances tick for the slot at `slotTime`; returns the run each got (null: the other had it). */
  async function race(job: JobName, slotTime: number): Promise<[JobRun | null, JobRun | null]> {
    a.clock.set(new Date(slotTime + 3));
    b.clock.set(new Date(slotTime + 250));
    claims = [];
    releaseFirst = releaseFirst === 'a' ? 'b' : 'a';
    const result = await Promise.all([a.runner.runScheduled(job), b.runner.runScheduled(job)]);
    // Both claimed the same slot and the database gave it to exactly one.
    expect(claims).toHaveLength(2);
    expect(new Set(claims.map((claim) => claim.instance))).toEqual(new Set([a.runs.instance, b.runs.instance]));
    expect(new Set(claims.map((claim) => claim.slot)).size).toBe(1);
    expect(claims.filter((claim) => claim.won)).toHaveLength(1);
    return result;
  }

  async function runsPerSlot(job: JobName) {
    const rows = await a.prisma.jobRun.groupBy({ by: ['slot'], where: { job }, _count: true });
    return rows.map((row) => row._count);
  }

  it('are separate instances with separate database clients', () => {
    expect(a.prisma).not.toBe(b.prisma);
    expect(a.runs.instance).not.toBe(b.runs.instance);
  });

  it('run each of 50 hourly due-sweep slots exactly once, and change each forecast once', async () => {
    // Due reminders go to owners someone can sign in as.
    const owner = await makeUserWhoCanSignIn(a.prisma);
    const forecasts = [];
    for (let hour = 0; hour < 50; hour += 1) {
      for (const minutesBefore of [40, 5]) {
        forecasts.push(await makeForecast(a.prisma, owner.id, { deadline: new Date(START + hour * HOUR - minutesBefore * MINUTE) }));
      }
    }

    const winners: string[] = [];
    for (let hour = 0; hour < 50; hour += 1) {
      const [fromA, fromB] = await race('due-sweep', START + hour * HOUR);
      const ran = [fromA, fromB].filter((run): run is JobRun => run !== null);
      expect(ran).toHaveLength(1);
      expect(ran[0]).toMatchObject({ status: 'succeeded', attempt: 1, counts: { becameDue: 2, notified: 2 } });
      expect(ran[0].slot.toISOString()).toBe(new Date(START + hour * HOUR).toISOString());
      winners.push(ran[0].instance);
    }
    expect(winners.every((instance) => instance === a.runs.instance || instance === b.runs.instance)).toBe(true);

    expect(await runsPerSlot('due-sweep')).toEqual(Array(50).fill(1));
    const ids = forecasts.map((forecast) => forecast.id);
    const audit = await a.prisma.auditEntry.groupBy({
      by: ['entityId'],
      where: { action: 'forecast.due', entityId: { in: ids } },
      _count: true,
    });
    expect(audit).toHaveLength(100);
    expect(audit.every((row) => row._count === 1)).toBe(true);
    const reminders = await a.prisma.notification.groupBy({ by: ['forecastId'], where: { forecastId: { in: ids } }, _count: true });
    expect(reminders).toHaveLength(100);
    expect(reminders.every((row) => row._count === 1)).toBe(true);
    expect(await a.prisma.forecast.count({ where: { id: { in: ids }, status: 'due', version: 2 } })).toBe(100);
  });

  it('deliver each of those reminders to the webhook exactly once over 10 minute slots', async () => {
    const base = START + 50 * HOUR;
    for (let minute = 0; minute < 10; minute += 1) {
      const ran = (await race('notification-delivery', base + minute * MINUTE)).filter((run) => run !== null);
      expect(ran).toHaveLength(1);
    }
    expect(await runsPerSlot('notification-delivery')).toEqual(Array(10).fill(1));
    expect(await a.prisma.notification.count({ where: { status: 'delivered' } })).toBe(100);
    const accepted = receiver.acceptedPerKey();
    expect(accepted.size).toBe(100);
    expect([...accepted.values()].every((count) => count === 1)).toBe(true);
    expect(receiver.requests).toHaveLength(100);
  });

  it('run daily, weekly and nightly slots once each as well', async () => {
    for (let day = 0; day < 7; day += 1) {
      await race('stale-nudge', START + 60 * DAY + day * DAY + 6 * HOUR);
      await race('scorecard-snapshot', START + 60 * DAY + day * DAY + 2 * HOUR);
    }
    for (let week = 0; week < 3; week += 1) {
      // 2031-03-03 is a Monday.
      await race('weekly-digest', START + week * 7 * DAY + 7 * HOUR);
    }
    expect(await runsPerSlot('stale-nudge')).toEqual(Array(7).fill(1));
    expect(await runsPerSlot('scorecard-snapshot')).toEqual(Array(7).fill(1));
    expect(await runsPerSlot('weekly-digest')).toEqual(Array(3).fill(1));
    const digests = await a.prisma.notification.groupBy({ by: ['idempotencyKey'], where: { kind: 'weekly_digest' }, _count: true });
    expect(digests.map((row) => row.idempotencyKey.split(':').at(-1)).sort()).toEqual(['2031-W10', '2031-W11', '2031-W12']);
    expect(digests.every((row) => row._count === 1)).toBe(true);
    expect(await a.prisma.jobRun.count({ where: { status: { not: 'succeeded' } } })).toBe(0);
  });
});
