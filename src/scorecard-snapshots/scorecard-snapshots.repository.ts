import { Injectable } from '@nestjs/common';
import { Prisma, type Outcome } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

/** One forecaster's final estimate on one forecast resolved as of the snapshot's date. */
export interface FinalEstimateAsOf {
  forecastId: string;
  forecasterId: string;
  forecasterName: string;
  probability: number;
  outcome: Outcome;
  tags: string[];
}

@Injectable()
export class ScorecardSnapshotsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The world as it stood at `asOfEnd` (exclusive): the resolution in force is each forecast's
   * latest entry created before then, and only a `resolve` entry counts; each forecaster's final
   * estimate is their latest made before the date the outcome became true (docs/scoring.md), among
   * estimates recorded before then. Resolutions and estimates are append-only, so a past date
   * recomputes to the same figures (tags are read as they are now: they have no history).
   */
  finalEstimatesAsOf(asOfEnd: Date): Promise<FinalEstimateAsOf[]> {
    return this.prisma.$queryRaw<FinalEstimateAsOf[]>(Prisma.sql`
      WITH in_force AS (
        SELECT DISTINCT ON (r.forecast_id) r.forecast_id, r.action, r.outcome, r.occurred_on, r.created_at
        FROM resolutions r
        WHERE r.created_at < ${asOfEnd}
        ORDER BY r.forecast_id, r.created_at DESC, r.id DESC
      ),
      resolved AS (
        SELECT forecast_id, outcome,
               COALESCE(occurred_on::timestamp AT TIME ZONE 'UTC', created_at) AS became_true_at
        FROM in_force
        WHERE action = 'resolve'
      ),
      final_estimates AS (
        SELECT DISTINCT ON (e.forecast_id, e.forecaster_id) e.forecast_id, e.forecaster_id, e.probability
        FROM probability_estimates e
        JOIN resolved r ON r.forecast_id = e.forecast_id
        WHERE e.created_at < ${asOfEnd} AND e.made_at < r.became_true_at
        ORDER BY e.forecast_id, e.forecaster_id, e.made_at DESC, e.created_at DESC, e.id DESC
      )
      SELECT fe.forecast_id::text AS "forecastId", fe.forecaster_id::text AS "forecasterId", fc.name AS "forecasterName",
             fe.probability, r.outcome::text AS outcome, f.tags
      FROM final_estimates fe
      JOIN resolved r ON r.forecast_id = fe.forecast_id
      JOIN forecasts f ON f.id = fe.forecast_id
      JOIN forecasters fc ON fc.id = fe.forecaster_id
      ORDER BY fe.forecast_id, fe.forecaster_id`);
  }
}
