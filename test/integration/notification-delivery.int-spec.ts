import type { Notification } from '@prisma/client';
import { NotificationDeliveryService } from '../../src/notifications/notification-delivery.service.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { makeUser } from '../factories/index.js';
import { type JobInstance, startJobInstance } from '../factories/job-instance.js';
import { startWebhookReceiver, type WebhookReceiver } from '../factories/webhook-receiver.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

describe('notification delivery to a webhook', () => {
  let db: TestDatabase;
  let app: JobInstance;
  let receiver: WebhookReceiver;
  let ownerId: string;
  let sequence = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startWebhookReceiver();
    app = await startJobInstance(db.url, '2031-03-04T10:00:05Z', {
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_MAX_ATTEMPTS: '3',
      // Long enough for a busy machine; the hanging-webhook case waits this long once.
      NOTIFY_WEBHOOK_TIMEOUT_MS: '3000',
    });
    ownerId = (await makeUser(app.prisma)).id;
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await db.drop();
  });

  /** Queued notifications, due at once (their next attempt is before the test clock). */
  async function queue(count: number): Promise<Notification[]> {
    const rows: Notification[] = [];
    for (let index = 0; index < count; index += 1) {
      sequence += 1;
      rows.push(
        await app.prisma.notification.create({
          data: {
            recipientId: ownerId,
            kind: 'forecast_due',
            text: `Forecast due for resolution: number ${sequence}.`,
            payload: { sequence },
            idempotencyKey: `test:${sequence}`,
            nextAttemptAt: new Date('2031-03-04T09:00:00Z'),
          },
        }),
      );
    }
    return rows;
  }

  const reload = (rows: Notification[]) =>
    app.prisma.notification.findMany({ where: { id: { in: rows.map((row) => row.id) } }, orderBy: { idempotencyKey: 'asc' } });

  it('retries the ones a failing webhook refused, with backoff, until each is accepted once', async () => {
    const rows = await queue(5);
    receiver.respond = (_request, index) => (index < 3 ? 500 : 200);

    const first = await app.runner.runScheduled('notification-delivery');
    expect(first?.counts).toEqual({ attempted: 5, delivered: 2, retrying: 3, failed: 0, noWebhook: 0 });
    const afterFirst = await reload(rows);
    const waiting = afterFirst.filter((row) => row.status === 'pending');
    expect(waiting).toHaveLength(3);
    for (const row of waiting) {
      expect(row).toMatchObject({ attempts: 1, lastError: 'HTTP 500: Internal Server Error', deliveredAt: null });
      expect(row.nextAttemptAt.toISOString()).toBe('2031-03-04T10:00:35.000Z');
    }

    // Twenty seconds on, nothing is due yet: the backoff holds.
    app.clock.set('2031-03-04T10:00:25Z');
    expect(await app.get(NotificationDeliveryService).deliverDue()).toMatchObject({ attempted: 0 });

    app.clock.set('2031-03-04T10:01:00.200Z');
    const second = await app.runner.runScheduled('notification-delivery');
    expect(second?.counts).toEqual({ attempted: 3, delivered: 3, retrying: 0, failed: 0, noWebhook: 0 });
    app.clock.set('2031-03-04T10:02:00Z');
    expect((await app.runner.runScheduled('notification-delivery'))?.counts).toMatchObject({ attempted: 0 });

    const delivered = await reload(rows);
    expect(delivered.map((row) => row.status)).toEqual(Array(5).fill('delivered'));
    expect(delivered.map((row) => row.attempts).sort()).toEqual([1, 1, 2, 2, 2]);
    for (const row of delivered) expect(row.lastError).toBeNull();
    expect(delivered.filter((row) => row.attempts === 2).map((row) => row.deliveredAt?.toISOString())).toEqual(
      Array(3).fill('2031-03-04T10:01:00.200Z'),
    );

    // At the receiver: every notification accepted exactly once; refused ones seen twice in all.
    expect(receiver.requests).toHaveLength(8);
    const accepted = receiver.acceptedPerKey();
    expect([...accepted.keys()].sort()).toEqual(rows.map((row) => row.idempotencyKey).sort());
    expect([...accepted.values()]).toEqual([1, 1, 1, 1, 1]);
    for (const request of receiver.requests) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body.idempotencyKey).toBe(request.headers['idempotency-key']);
      expect(request.body.text).toMatch(/^Forecast due for resolution: number \d+\.$/);
      expect(request.body).toMatchObject({ kind: 'forecast_due', recipient: { id: ownerId } });
    }
  });

  it('keeps a notification the webhook never accepts: failed after the last attempt, still readable', async () => {
    receiver.requests.length = 0;
    receiver.respond = () => 503;
    const [row] = await queue(1);
    app.clock.set('2031-03-04T11:00:00Z');
    await app.runner.runScheduled('notification-delivery');
    let stored = await app.prisma.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: 'pending', attempts: 1 });
    expect(stored.nextAttemptAt.toISOString()).toBe('2031-03-04T11:00:30.000Z');

    app.clock.set('2031-03-04T11:01:00Z');
    await app.runner.runScheduled('notification-delivery');
    stored = await app.prisma.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: 'pending', attempts: 2 });
    expect(stored.nextAttemptAt.toISOString()).toBe('2031-03-04T11:02:00.000Z');

    app.clock.set('2031-03-04T11:02:00Z');
    const last = await app.runner.runScheduled('notification-delivery');
    expect(last?.counts).toMatchObject({ attempted: 1, failed: 1 });
    const dto = await app.get(NotificationsService).get(ownerId, row.id);
    expect(dto).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503: Internal Server Error', nextAttemptAt: null });
    expect(receiver.requests).toHaveLength(3);
  });

  it('gives up on a webhook that does not answer within the timeout, and tries again later', async () => {
    receiver.requests.length = 0;
    receiver.respond = (_request, index) => (index === 0 ? 'hang' : 200);
    const [row] = await queue(1);
    app.clock.set('2031-03-04T12:00:00Z');
    await app.runner.runScheduled('notification-delivery');
    const stored = await app.prisma.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no answer within 3000 ms' });

    app.clock.set('2031-03-04T12:01:00Z');
    await app.runner.runScheduled('notification-delivery');
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.acceptedPerKey().get(row.idempotencyKey)).toBe(1);
  });

  it('does not send a notification its recipient has already read', async () => {
    receiver.requests.length = 0;
    receiver.respond = () => 200;
    const [read, unread] = await queue(2);
    await app.get(NotificationsService).markRead({ userId: ownerId, role: 'analyst', requestId: 'test' }, read.id);
    app.clock.set('2031-03-04T13:00:00Z');
    expect((await app.runner.runScheduled('notification-delivery'))?.counts).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.requests.map((request) => request.headers['idempotency-key'])).toEqual([unread.idempotencyKey]);
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: read.id } })).toMatchObject({ status: 'read', attempts: 0 });
  });
});
