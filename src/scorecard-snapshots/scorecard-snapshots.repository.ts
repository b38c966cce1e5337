import { Injectable } from '@nestjs/common';
import { Prisma, type Outcome, type ScorecardScope } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

/** One forecaster's final estimate on one forecast resolved as of the snapshot's date. */
export interface FinalEstimateAsOf {
  forecastId: string;
  forecasterId: string;
  forecasterName: string;
  probability: number;
  outcome: Outcome;
  tags: string[];
  /** The date the outcome became true, YYYY-MM-DD (UTC). */
  resolvedOn: string;
}

/**
 * The final estimates that count as of a date, from the data's own dates rather than the dates
 * they were recorded (an archive of 2021 forecasts entered today has a 2021 history): forecasts
 * whose outcome, in the resolution in force today, had become true by then (occurredOn), each
 * forecaster's last estimate made before that date (final_estimates keeps it). An estimate made
 * before the outcome became true was made by then, so nothing recorded later can change a past
 * date's figures except a correction of the record itself (a re-resolution, an estimate imported
 * late), which then corrects history too. GET /scorecards?asOf= counts the same items.
 */
const finalEstimatesSql = Prisma.sql`
  SELECT fe.forecast_id::text AS "forecastId", fe.forecaster_id::text AS "forecasterId", fc.name AS "forecasterName",
         fe.probability, f.outcome::text AS outcome, f.tags, to_char(f.resolved_on, 'YYYY-MM-DD') AS "resolvedOn"
  FROM final_estimates fe
  JOIN forecasts f ON f.id = fe.forecast_id
  JOIN forecasters fc ON fc.id = fe.forecaster_id
  WHERE f.status = 'resolved' AND fe.before_resolution`;

@Injectable()
export class ScorecardSnapshotsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every final estimate that counts at `asOfEnd` (exclusive: the first instant after the day). */
  finalEstimatesAsOf(asOfEnd: Date): Promise<FinalEstimateAsOf[]> {
    return this.prisma.$queryRaw<FinalEstimateAsOf[]>(Prisma.sql`
      ${finalEstimatesSql} AND f.resolved_on < ${asOfEnd}::date
      ORDER BY fe.forecast_id, fe.forecaster_id`);
  }

  /** One forecaster's or one tag's final estimates that count by the end of `to` (YYYY-MM-DD), in resolution order. */
  groupFinalEstimates(scope: ScorecardScope, key: string, to: string): Promise<FinalEstimateAsOf[]> {
    const group = scope === 'forecaster' ? Prisma.sql`fe.forecaster_id = ${key}::uuid` : Prisma.sql`f.tags @> ARRAY[${key}]::text[]`;
    return this.prisma.$queryRaw<FinalEstimateAsOf[]>(Prisma.sql`
      ${finalEstimatesSql} AND ${group} AND f.resolved_on <= ${to}::date
      ORDER BY f.resolved_on, fe.forecast_id, fe.forecaster_id`);
  }
}
