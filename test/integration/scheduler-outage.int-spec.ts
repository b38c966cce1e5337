import pg from 'pg';
import { CronScheduleService } from '../../src/scheduler/cron-schedule.service.js';
import { startJobInstance, type JobInstance } from '../factories/job-instance.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { TEST_ENV } from '../setup/test-environment.mjs';

/** A cron tick that falls inside a database outage is claimed late, not lost (issue 11, item 10). */
describe('scheduled slots during a database outage (integration)', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  let instance: JobInstance;
  let cron: CronScheduleService;

  const runsOf = async (job: string) => {
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      return (await db.query<{ slot: Date }>(`SELECT slot FROM job_runs WHERE job = $1 ORDER BY slot`, [job])).rows.map((row) =>
        row.slot.toISOString(),
      );
    } finally {
      await db.end();
    }
  };

  async function outage<T>(during: () => Promise<T>): Promise<T> {
    await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      database.name,
    ]);
    try {
      return await during();
    } finally {
      await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS true`);
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: process.env[TEST_ENV.adminUrl] });
    await admin.connect();
    instance = await startJobInstance(database.url, '2031-03-04T13:00:30Z', { SCHEDULER_ENABLED: 'false' });
    cron = instance.get(CronScheduleService);
  });
  afterAll(async () => {
    await instance.close();
    await admin.end();
    await database.drop();
  });

  it('keeps the slots it could not claim and claims them once the database answers again', async () => {
    await outage(async () => {
      await cron.tick('scorecard-snapshot'); // the day before 2031-03-04
      await cron.tick('due-sweep'); // 13:00
      instance.clock.set('2031-03-04T14:00:30Z');
      await cron.tick('due-sweep'); // 14:00: a due sweep handles everything due, so only this one is kept
      instance.clock.set('2031-03-05T02:00:30Z');
      await cron.tick('scorecard-snapshot'); // the day before 2031-03-05
    });
    expect(Object.fromEntries([...cron.missedSlots()].map(([job, slots]) => [job, slots.map((slot) => slot.toISOString())]))).toEqual({
      'scorecard-snapshot': ['2031-03-03T00:00:00.000Z', '2031-03-04T00:00:00.000Z'],
      'due-sweep': ['2031-03-04T14:00:00.000Z'],
    });
    expect(await runsOf('due-sweep')).toEqual([]);

    await cron.claimMissedSlots();
    expect(await runsOf('scorecard-snapshot')).toEqual(['2031-03-03T00:00:00.000Z', '2031-03-04T00:00:00.000Z']);
    expect(await runsOf('due-sweep')).toEqual(['2031-03-04T14:00:00.000Z']);
    expect(cron.missedSlots().size).toBe(0);
  });

  it('keeps trying while the database stays away', async () => {
    instance.clock.set('2031-03-10T07:00:30Z');
    await outage(async () => {
      await cron.tick('weekly-digest');
      await cron.claimMissedSlots(); // still down: the slot stays
      expect(
        cron
          .missedSlots()
          .get('weekly-digest')
          ?.map((slot) => slot.toISOString()),
      ).toEqual(['2031-03-10T07:00:00.000Z']);
    });
    await cron.claimMissedSlots();
    expect(await runsOf('weekly-digest')).toEqual(['2031-03-10T07:00:00.000Z']);
  });
});
