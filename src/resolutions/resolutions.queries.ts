import { Prisma, type ResolutionAction, type ResolutionProposal, type ResolutionReview } from '@prisma/client';
import { CURRENT_ESTIMATES_SQL, isoSql } from '../forecasts/forecast-reads.repository.js';
import type { ProposalCitedEvidenceDto, ProposalForecastDto, ProposerDto } from './dto/resolution-proposal.dto.js';

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

/** A proposal as Prisma reads it, with its review and what the review queue shows next to it. */
export type ProposalListRow = ResolutionProposal & {
  review: Pick<ResolutionReview, 'decision' | 'reviewerId' | 'comment' | 'resolutionId' | 'createdAt'> | null;
  forecast: ProposalForecastDto;
  citedEvidence: ProposalCitedEvidenceDto[];
  proposedBy: ProposerDto;
};

type FlatProposalRow = Omit<ProposalListRow, 'review'> & {
  reviewDecision: ResolutionReview['decision'] | null;
  reviewerId: string | null;
  reviewComment: string | null;
  reviewResolutionId: string | null;
  reviewedAt: Date | null;
};

/**
 * One page of proposals matching `where` (conditions on alias p), newest first, each with its
 * review, its forecast (with current estimates), the evidence it cites (stance and weight of the
 * link to that forecast) and the proposer's name: one statement for the page, none per row.
 */
export async function proposalPage(
  db: { rows<Row>(sql: Prisma.Sql): Promise<Row[]> },
  where: Prisma.Sql[],
  take: number,
): Promise<ProposalListRow[]> {
  const rows = await db.rows<FlatProposalRow>(Prisma.sql`
    SELECT p.id::text AS id, p.forecast_id::text AS "forecastId", p.action::text AS action, p.outcome::text AS outcome,
      (p.occurred_on::timestamp AT TIME ZONE 'UTC') AS "occurredOn", p.rationale, p.cited_evidence_ids::text[] AS "citedEvidenceIds",
      p.proposed_by_id::text AS "proposedById", p.created_at AS "createdAt",
      rv.decision::text AS "reviewDecision", rv.reviewer_id::text AS "reviewerId", rv.comment AS "reviewComment",
      rv.resolution_id::text AS "reviewResolutionId", rv.created_at AS "reviewedAt",
      json_build_object('id', u.id, 'displayName', u.display_name) AS "proposedBy",
      json_build_object('id', f.id, 'statement', f.statement, 'resolutionCriteria', f.resolution_criteria, 'status', f.status,
        'outcome', f.outcome, 'deadline', CASE WHEN f.deadline IS NULL THEN NULL ELSE ${isoSql('f.deadline')} END,
        'currentEstimates', ${CURRENT_ESTIMATES_SQL}) AS forecast,
      (SELECT COALESCE(json_agg(json_build_object('id', ev.id, 'summary', ev.summary, 'sourceTitle', ev.source_title,
                'sourceUrl', ev.source_url, 'occurredOn', to_char(ev.occurred_on, 'YYYY-MM-DD'), 'stance', l.stance, 'weight', l.weight,
                'retracted', x.id IS NOT NULL) ORDER BY c.ord), '[]'::json)
         FROM unnest(p.cited_evidence_ids) WITH ORDINALITY AS c(id, ord)
         JOIN evidence ev ON ev.id = c.id
         LEFT JOIN evidence_links l ON l.evidence_id = ev.id AND l.forecast_id = p.forecast_id
         LEFT JOIN evidence_retractions x ON x.evidence_id = ev.id) AS "citedEvidence"
    FROM resolution_proposals p
    JOIN forecasts f ON f.id = p.forecast_id
    JOIN users u ON u.id = p.proposed_by_id
    LEFT JOIN resolution_reviews rv ON rv.proposal_id = p.id
    WHERE ${where.length === 0 ? Prisma.sql`true` : Prisma.join(where, ' AND ')}
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT ${take}`);
  return rows.map(({ reviewDecision, reviewerId, reviewComment, reviewResolutionId, reviewedAt, ...row }) => ({
    ...row,
    review:
      reviewDecision && reviewerId && reviewedAt
        ? { decision: reviewDecision, reviewerId, comment: reviewComment, resolutionId: reviewResolutionId, createdAt: reviewedAt }
        : null,
  }));
}
