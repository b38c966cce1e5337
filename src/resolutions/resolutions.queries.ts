import { Prisma, type ResolutionAction } from '@prisma/client';

type Reader = Pick<Prisma.TransactionClient, '$queryRaw'>;

export interface LatestResolutionEntry {
  id: string;
  forecastId: string;
  action: ResolutionAction;
}

/** The latest resolution entry of each of these forecasts (forecasts with none are absent). */
export function latestResolutionEntries(db: Reader, forecastIds: readonly string[]): Promise<LatestResolutionEntry[]> {
  return db.$queryRaw<LatestResolutionEntry[]>(Prisma.sql`
    SELECT DISTINCT ON (forecast_id) id::text AS id, forecast_id::text AS "forecastId", action::text AS action
    FROM resolutions
    WHERE forecast_id = ANY(${[...forecastIds]}::uuid[])
    ORDER BY forecast_id, created_at DESC, id DESC`);
}

/**
 * When a new entry of this forecast is stamped: the database clock (one clock for every app
 * instance), and strictly after the forecast's previous entry, so the latest entry by createdAt is
 * always the last one decided. Called with the forecast row locked.
 */
export async function nextResolutionTime(db: Reader, forecastId: string): Promise<Date> {
  const [row] = await db.$queryRaw<{ at: Date }[]>(Prisma.sql`
    SELECT GREATEST(date_trunc('milliseconds', clock_timestamp()), MAX(created_at) + interval '1 millisecond') AS at
    FROM resolutions
    WHERE forecast_id = ${forecastId}::uuid`);
  return row.at;
}
