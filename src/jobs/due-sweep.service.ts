import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { assertTransition } from '../forecasts/forecast-lifecycle.js';
import { DecisionNotices } from '../notifications/decision-notices.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction, lockForecastRow } from '../prisma/transaction.js';
import { SystemActorService } from './system-actor.service.js';

const BATCH_SIZE = 100;

export interface DueSweepCounts {
  [count: string]: number;
  /** Open forecasts found past their deadline. */
  candidates: number;
  becameDue: number;
  /** Reminders newly queued, to owners or reviewers (a re-run finds them queued already). */
  notified: number;
}

/**
 * Open forecasts whose deadline has passed become due (docs/scoring.md: set by the scheduler), each
 * with an audit entry and a reminder to its owner (or, when nobody can sign in as the owner, to the
 * reviewers who may resolve it: DecisionNotices), in one transaction per forecast. The status is
 * checked again on the locked row, so a second sweep (another instance, a forced re-run, one
 * interrupted halfway) changes nothing twice.
 */
@Injectable()
export class DueSweepService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly notices: DecisionNotices,
    private readonly system: SystemActorService,
  ) {}

  async sweep(now: Date, runId: string): Promise<DueSweepCounts> {
    const actor = await this.system.actorFor(runId);
    const counts: DueSweepCounts = { candidates: 0, becameDue: 0, notified: 0 };
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.prisma.forecast.findMany({
        where: { status: 'open', deadline: { lte: now }, ...(afterId ? { id: { gt: afterId } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: BATCH_SIZE,
      });
      if (batch.length === 0) break;
      afterId = batch.at(-1)?.id;
      counts.candidates += batch.length;
      for (const { id } of batch) {
        const result = await this.markDue(id, now, actor);
        counts.becameDue += result.changed ? 1 : 0;
        counts.notified += result.notified;
      }
    }
    return counts;
  }

  private markDue(forecastId: string, now: Date, actor: Actor): Promise<{ changed: boolean; notified: number }> {
    return inTransaction(this.prisma, async (tx) => {
      await lockForecastRow(tx, forecastId);
      const forecast = await tx.forecast.findUniqueOrThrow({ where: { id: forecastId } });
      // Someone resolved, withdrew or moved the deadline since the batch was read.
      if (forecast.status !== 'open' || !forecast.deadline || forecast.deadline.getTime() > now.getTime()) {
        return { changed: false, notified: 0 };
      }
      assertTransition(forecast.status, 'due');
      const updated = await tx.forecast.update({
        where: { id: forecastId },
        data: { status: 'due', version: { increment: 1 } },
      });
      await this.audit.record(tx, actor, {
        action: 'forecast.due',
        entityType: 'forecast',
        entityId: forecastId,
        before: { status: forecast.status, version: forecast.version },
        after: { status: updated.status, version: updated.version, deadline: forecast.deadline },
      });
      const notified = await this.notices.forecastDue(tx, { ...forecast, deadline: forecast.deadline });
      return { changed: true, notified };
    });
  }
}
