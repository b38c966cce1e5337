import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationOutbox } from '../notifications/notification-outbox.js';
import { staleForecastText } from '../notifications/notification-texts.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { DAY_MS } from '../common/dates/utc-date.js';
import { StaleNudgeRepository } from './stale-nudge.repository.js';

const BATCH_SIZE = 200;

export interface StaleNudgeCounts {
  [count: string]: number;
  /** Open forecasts quiet for at least N days. */
  quiet: number;
  /** Nudges newly queued; a forecast already nudged in its current N-day window is not nudged again. */
  nudged: number;
}

/**
 * Nudges the owners of open forecasts that have had no new estimate and no new evidence link for N
 * days (STALE_AFTER_DAYS). Quiet time is counted in whole windows of N days from the last activity;
 * the window's number is in the idempotency key, so each forecast gets at most one nudge per window
 * however often the job runs, and new activity starts the count again.
 */
@Injectable()
export class StaleNudgeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: StaleNudgeRepository,
    private readonly outbox: NotificationOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async nudge(now: Date): Promise<StaleNudgeCounts> {
    const days = this.config.scheduler.staleForecastAfterDays;
    const windowMs = days * DAY_MS;
    const counts: StaleNudgeCounts = { quiet: 0, nudged: 0 };
    let afterId: string | null = null;
    for (;;) {
      const batch = await this.repository.quietOpenForecasts(new Date(now.getTime() - windowMs), afterId, BATCH_SIZE);
      if (batch.length === 0) break;
      afterId = batch.at(-1)?.id ?? null;
      counts.quiet += batch.length;
      const drafts = batch.map((forecast) => {
        const quietMs = now.getTime() - forecast.lastActivityAt.getTime();
        const windows = Math.floor(quietMs / windowMs);
        const quietDays = Math.floor(quietMs / DAY_MS);
        return {
          recipientId: forecast.ownerId,
          kind: 'stale_forecast' as const,
          forecastId: forecast.id,
          idempotencyKey: `stale-forecast:${forecast.id}:${forecast.lastActivityAt.toISOString()}:${windows}`,
          text: staleForecastText(forecast, quietDays, forecast.lastActivityAt),
          payload: {
            forecast: { id: forecast.id, statement: forecast.statement, deadline: forecast.deadline?.toISOString() ?? null },
            lastActivityAt: forecast.lastActivityAt.toISOString(),
            quietDays,
          },
        };
      });
      counts.nudged += await inTransaction(this.prisma, (tx) => this.outbox.enqueue(tx, drafts));
    }
    return counts;
  }
}
