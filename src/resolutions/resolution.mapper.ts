import type { Forecast, Prisma } from '@prisma/client';
import { utcDate } from '../common/dates/utc-date.js';
import type { ForecastResolutionStateDto, ResolutionDto } from './dto/resolution.dto.js';

/** What a resolution is shown with: who decided it and the evidence it cites. */
export const RESOLUTION_INCLUDE = {
  decidedBy: { select: { id: true, displayName: true } },
  citations: {
    select: { evidence: { select: { id: true, summary: true } } },
    orderBy: [{ evidence: { occurredOn: 'asc' } }, { evidenceId: 'asc' }],
  },
} satisfies Prisma.ResolutionInclude;

export type ResolutionWithDetails = Prisma.ResolutionGetPayload<{ include: typeof RESOLUTION_INCLUDE }>;

/** Entries in the order they were decided; createdAt is strictly increasing per forecast. */
export const RESOLUTION_ORDER = [{ createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.ResolutionOrderByWithRelationInput[];

export function toResolutionDto(resolution: ResolutionWithDetails, inForce: boolean): ResolutionDto {
  return {
    id: resolution.id,
    forecastId: resolution.forecastId,
    action: resolution.action,
    outcome: resolution.outcome,
    occurredOn: utcDate(resolution.occurredOn),
    rationale: resolution.rationale,
    decidedBy: resolution.decidedBy,
    createdAt: resolution.createdAt.toISOString(),
    citedEvidence: resolution.citations.map((citation) => citation.evidence),
    inForce,
  };
}

export function toForecastResolutionState(forecast: Pick<Forecast, 'id' | 'status' | 'outcome' | 'version'>): ForecastResolutionStateDto {
  return { id: forecast.id, status: forecast.status, outcome: forecast.outcome, version: forecast.version };
}
