import type { Evidence, EvidenceRetraction, Prisma } from '@prisma/client';
import { utcDate } from '../common/dates/utc-date.js';
import type { EvidenceDto, EvidenceRetractionDto, ForecastEvidenceEntryDto, TimelineCountsDto } from './dto/evidence.dto.js';

/** An evidence item as the API shows it: links in the order of the forecasts' creation. */
export const EVIDENCE_WITH_LINKS = {
  links: {
    include: { forecast: { select: { statement: true } } },
    orderBy: [{ forecast: { createdAt: 'asc' } }, { forecastId: 'asc' }],
  },
  retraction: true,
} satisfies Prisma.EvidenceInclude;

export type EvidenceWithLinks = Prisma.EvidenceGetPayload<{ include: typeof EVIDENCE_WITH_LINKS }>;

export function toRetractionDto(retraction: EvidenceRetraction): EvidenceRetractionDto {
  return {
    id: retraction.id,
    evidenceId: retraction.evidenceId,
    reason: retraction.reason,
    retractedBy: retraction.retractedById,
    at: retraction.createdAt.toISOString(),
  };
}

function toEvidenceFields(evidence: Evidence & { retraction: EvidenceRetraction | null }) {
  return {
    id: evidence.id,
    summary: evidence.summary,
    sourceTitle: evidence.sourceTitle,
    sourceUrl: evidence.sourceUrl,
    occurredOn: utcDate(evidence.occurredOn),
    loggedBy: evidence.loggedById,
    createdAt: evidence.createdAt.toISOString(),
    retraction: evidence.retraction ? toRetractionDto(evidence.retraction) : null,
  };
}

export function toEvidenceDto(evidence: EvidenceWithLinks): EvidenceDto {
  return {
    ...toEvidenceFields(evidence),
    links: evidence.links.map((link) => ({
      forecastId: link.forecastId,
      statement: link.forecast.statement,
      stance: link.stance,
      weight: link.weight,
    })),
  };
}

export function toForecastEvidenceEntry(
  link: Prisma.EvidenceLinkGetPayload<{ include: { evidence: { include: { retraction: true } } } }>,
): ForecastEvidenceEntryDto {
  return {
    ...toEvidenceFields(link.evidence),
    stance: link.stance,
    weight: link.weight,
    retracted: link.evidence.retraction !== null,
  };
}

/** Stance counts leave retracted items out; those are counted on their own. */
export function countTimeline(entries: readonly Pick<ForecastEvidenceEntryDto, 'stance' | 'retracted'>[]): TimelineCountsDto {
  const counts: TimelineCountsDto = { supports: 0, contradicts: 0, context: 0, retracted: 0 };
  for (const entry of entries) {
    if (entry.retracted) counts.retracted += 1;
    else counts[entry.stance] += 1;
  }
  return counts;
}
