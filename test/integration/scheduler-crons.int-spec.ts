import { SchedulerRegistry } from '@nestjs/schedule';
import { startJobInstance } from '../factories/job-instance.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

describe('cron registration', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('registers every switched-on job with its configured expression, in UTC, never overlapping itself', async () => {
    const instance = await startJobInstance(db.url, new Date(), {
      SCHEDULER_ENABLED: 'true',
      JOB_DUE_SWEEP_CRON: '*/20 * * * *',
      JOB_WEEKLY_DIGEST_ENABLED: 'false',
    });
    try {
      const crons = instance.get(SchedulerRegistry).getCronJobs();
      expect([...crons.keys()].sort()).toEqual([
        'due-sweep',
        'idempotency-purge',
        'notification-delivery',
        'scorecard-snapshot',
        'stale-nudge',
      ]);
      for (const cron of crons.values()) {
        expect(cron.isActive).toBe(true);
        expect(cron.waitForCompletion).toBe(true);
        expect(cron.cronTime.timeZone).toBe('UTC');
      }
      expect(crons.get('due-sweep')?.cronTime.source).toBe('*/20 * * * *');
      expect(crons.get('scorecard-snapshot')?.cronTime.source).toBe('0 2 * * *');
      expect(crons.get('scorecard-snapshot')?.nextDate().toUTC().toFormat('HH:mm')).toBe('02:00');
      expect(crons.get('idempotency-purge')?.cronTime.source).toBe('30 * * * *');
    } finally {
      await instance.close();
    }
  });

  it('registers none on an API-only instance (SCHEDULER_ENABLED=false)', async () => {
    const instance = await startJobInstance(db.url, new Date(), { SCHEDULER_ENABLED: 'false' });
    try {
      expect(instance.get(SchedulerRegistry).getCronJobs().size).toBe(0);
    } finally {
      await instance.close();
    }
  });

  it('stops its crons when the application closes', async () => {
    const instance = await startJobInstance(db.url, new Date(), { SCHEDULER_ENABLED: 'true' });
    const registry = instance.get(SchedulerRegistry);
    const crons = [...registry.getCronJobs().values()];
    expect(crons).toHaveLength(6);
    await instance.close();
    expect(crons.every((cron) => !cron.isActive)).toBe(true);
    expect(registry.getCronJobs().size).toBe(0);
  });
});
