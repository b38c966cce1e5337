import { Injectable } from '@nestjs/common';
import { NotificationOutbox, type NotificationDraft } from '../notifications/notification-outbox.js';
import { type ForecastLine, weeklyDigestText } from '../notifications/notification-texts.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { DAY_MS, isoWeekLabel } from '../common/dates/utc-date.js';

const HORIZON_DAYS = 7;

export interface WeeklyDigestCounts {
  [count: string]: number;
  owners: number;
  dueSoon: number;
  overdue: number;
  /** Digests newly queued; an owner's digest for a week is queued once. */
  queued: number;
}

const toLine = (forecast: ForecastLine) => ({
  id: forecast.id,
  statement: forecast.statement,
  deadline: forecast.deadline?.toISOString() ?? null,
});

/**
 * One digest per owner: their open forecasts falling due in the next 7 days and their overdue ones
 * (status due). The week of the slot is in the idempotency key, so a re-run of that week's slot
 * queues nothing new.
 */
@Injectable()
export class WeeklyDigestService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: NotificationOutbox,
  ) {}

  async send(now: Date, slot: Date): Promise<WeeklyDigestCounts> {
    const week = isoWeekLabel(slot);
    const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
    const select = { id: true, ownerId: true, statement: true, deadline: true } as const;
    const [dueSoon, overdue] = await Promise.all([
      this.prisma.forecast.findMany({
        where: { status: 'open', deadline: { gt: now, lte: horizon } },
        select,
        orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      }),
      this.prisma.forecast.findMany({ where: { status: 'due' }, select, orderBy: [{ deadline: 'asc' }, { id: 'asc' }] }),
    ]);
    const byOwner = new Map<string, { dueSoon: ForecastLine[]; overdue: ForecastLine[] }>();
    const entry = (ownerId: string) => {
      let lists = byOwner.get(ownerId);
      if (!lists) {
        lists = { dueSoon: [], overdue: [] };
        byOwner.set(ownerId, lists);
      }
      return lists;
    };
    for (const forecast of dueSoon) entry(forecast.ownerId).dueSoon.push(forecast);
    for (const forecast of overdue) entry(forecast.ownerId).overdue.push(forecast);

    const drafts: NotificationDraft[] = [...byOwner].map(([ownerId, lists]) => ({
      recipientId: ownerId,
      kind: 'weekly_digest',
      idempotencyKey: `weekly-digest:${ownerId}:${week}`,
      text: weeklyDigestText(week, lists.dueSoon, lists.overdue),
      payload: {
        week,
        horizonEnd: horizon.toISOString(),
        dueSoon: lists.dueSoon.map(toLine),
        overdue: lists.overdue.map(toLine),
      },
    }));
    const queued = await inTransaction(this.prisma, (tx) => this.outbox.enqueue(tx, drafts));
    return { owners: byOwner.size, dueSoon: dueSoon.length, overdue: overdue.length, queued };
  }
}
