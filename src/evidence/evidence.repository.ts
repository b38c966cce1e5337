import { Injectable } from '@nestjs/common';
import { Prisma, type ForecastStatus } from '@prisma/client';

export interface LinkableForecast {
  id: string;
  status: ForecastStatus;
}

@Injectable()
export class EvidenceRepository {
  /**
   * Reads the forecasts evidence is about to be linked to, holding a share lock until commit: a
   * concurrent withdrawal (which locks the row FOR UPDATE) waits, so the status checked here is the
   * status the links are written under. Locks are taken in id order so two writers cannot deadlock.
   */
  async lockForecastsForLinking(tx: Prisma.TransactionClient, forecastIds: readonly string[]): Promise<LinkableForecast[]> {
    if (forecastIds.length === 0) return [];
    const ids = Prisma.join(forecastIds.map((id) => Prisma.sql`${id}::uuid`));
    return tx.$queryRaw<LinkableForecast[]>(
      Prisma.sql`SELECT id::text AS id, status::text AS status FROM forecasts WHERE id IN (${ids}) ORDER BY id FOR SHARE`,
    );
  }
}
