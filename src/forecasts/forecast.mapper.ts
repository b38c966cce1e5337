import type { Forecast } from '@prisma/client';
import { utcDate } from '../common/dates/utc-date.js';
import type { ForecastSummaryDto } from './dto/forecast.dto.js';

export function toForecastSummary(forecast: Forecast): ForecastSummaryDto {
  return {
    id: forecast.id,
    statement: forecast.statement,
    resolutionCriteria: forecast.resolutionCriteria,
    deadline: forecast.deadline?.toISOString() ?? null,
    reviewOn: utcDate(forecast.reviewOn),
    madeAt: forecast.madeAt.toISOString(),
    tags: forecast.tags,
    actors: forecast.actors,
    regions: forecast.regions,
    status: forecast.status,
    outcome: forecast.outcome,
    documentId: forecast.documentId,
    quote: forecast.quote,
    quoteStart: forecast.quoteStart,
    quoteEnd: forecast.quoteEnd,
    ownerId: forecast.ownerId,
    version: forecast.version,
    createdAt: forecast.createdAt.toISOString(),
    updatedAt: forecast.updatedAt.toISOString(),
  };
}
