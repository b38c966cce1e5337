import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

export interface QuietForecast {
  id: string;
  ownerId: string;
  statement: string;
  deadline: Date | null;
  /** The latest of: the forecast's creation, its newest estimate, its newest evidence link. */
  lastActivityAt: Date;
}

@Injectable()
export class StaleNudgeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Open forecasts with no estimate or evidence link recorded since `quietSince`. Recorded times
   * (created_at) count, not made_at: an estimate typed in today from a 2020 brief is still news.
   */
  quietOpenForecasts(quietSince: Date, afterId: string | null, limit: number): Promise<QuietForecast[]> {
    return this.prisma.$queryRaw<QuietForecast[]>(Prisma.sql`
      SELECT f.id::text AS id, f.owner_id::text AS "ownerId", f.statement, f.deadline, activity.at AS "lastActivityAt"
      FROM forecasts f
      CROSS JOIN LATERAL (
        SELECT GREATEST(
          f.created_at,
          (SELECT max(e.created_at) FROM probability_estimates e WHERE e.forecast_id = f.id),
          (SELECT max(l.created_at) FROM evidence_links l WHERE l.forecast_id = f.id)
        ) AS at
      ) AS activity
      WHERE f.status = 'open'
        AND activity.at <= ${quietSince}
        AND (${afterId}::uuid IS NULL OR f.id > ${afterId}::uuid)
      ORDER BY f.id
      LIMIT ${limit}`);
  }
}
