import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';
import {
  CURRENT_ESTIMATES_IN_LIST,
  type CurrentEstimateDto,
  type EvidenceCountsDto,
  type ForecastSummaryDto,
  type ResolutionInForceDto,
} from './dto/forecast.dto.js';
import type { ProbabilityEstimateDto } from '../estimates/dto/probability-estimate.dto.js';

/** A timestamptz as the API writes instants (Date.toISOString: milliseconds, Z), in JSON or as a column. */
export const isoSql = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The columns of forecasts (alias f) as the API writes a forecast's summary (ForecastSummaryDto:
 * instants as Date.toISOString writes them, calendar dates as YYYY-MM-DD), so a hot read hands its
 * rows on without parsing a Date per column and writing it back: a measurable share of a list's CPU
 * in bench:api. The columns are timestamptz(3) (milliseconds), which to_char(… .MS) writes exactly.
 */
const SUMMARY_COLUMNS = Prisma.sql`f.id::text AS id, f.statement, f.resolution_criteria AS "resolutionCriteria",
  ${isoSql('f.deadline')} AS deadline, to_char(f.review_on, 'YYYY-MM-DD') AS "reviewOn", ${isoSql('f.made_at')} AS "madeAt",
  f.tags, f.actors, f.regions, f.status::text AS status, f.outcome::text AS outcome, f.document_id::text AS "documentId",
  f.quote, f.quote_start AS "quoteStart", f.quote_end AS "quoteEnd", f.owner_id::text AS "ownerId", f.version,
  ${isoSql('f.created_at')} AS "createdAt", ${isoSql('f.updated_at')} AS "updatedAt"`;

/** Linked evidence of forecast f by stance, retracted items left out. */
const EVIDENCE_COUNTS_SQL = Prisma.sql`(
  SELECT json_build_object('supports', count(*) FILTER (WHERE l.stance = 'supports'),
                           'contradicts', count(*) FILTER (WHERE l.stance = 'contradicts'),
                           'context', count(*) FILTER (WHERE l.stance = 'context'))
  FROM evidence_links l
  WHERE l.forecast_id = f.id AND NOT EXISTS (SELECT 1 FROM evidence_retractions x WHERE x.evidence_id = l.evidence_id))`;

/**
 * Forecast f's current estimates as rows (alias c, every column of probability_estimates): each
 * forecaster's latest, newest first, at most CURRENT_ESTIMATES_IN_LIST.
 */
const CURRENT_ESTIMATE_ROWS = Prisma.sql`(
  SELECT latest.*
  FROM (SELECT DISTINCT ON (e.forecaster_id) e.*
        FROM probability_estimates e
        WHERE e.forecast_id = f.id
        ORDER BY e.forecaster_id, e.made_at DESC, e.created_at DESC, e.id DESC) latest
  ORDER BY latest.made_at DESC, latest.created_at DESC, latest.id DESC
  LIMIT ${CURRENT_ESTIMATES_IN_LIST}) c`;

/**
 * The current estimates of forecast f as JSON (CurrentEstimateDto[]): each forecaster's latest,
 * newest first, at most CURRENT_ESTIMATES_IN_LIST. Shared by the lists that show forecasts.
 */
export const CURRENT_ESTIMATES_SQL = Prisma.sql`(
  SELECT COALESCE(json_agg(json_build_object(
           'forecasterId', c.forecaster_id, 'forecasterName', fc.name, 'probability', c.probability, 'basis', c.basis,
           'words', c.words, 'scale', c.scale, 'rangeLow', c.range_low, 'rangeHigh', c.range_high,
           'madeAt', ${isoSql('c.made_at')}) ORDER BY c.made_at DESC, c.created_at DESC, c.id DESC), '[]'::json)
  FROM ${CURRENT_ESTIMATE_ROWS}
  JOIN forecasters fc ON fc.id = c.forecaster_id)`;

/**
 * A timestamptz(3) as milliseconds since 1970 (a float8 with no fraction, which pg reads as a
 * number): far cheaper for PostgreSQL than to_char, and `new Date(ms).toISOString()` writes it as
 * isoSql would.
 */
const epochMsSql = (column: string) => Prisma.raw(`round(date_part('epoch', ${column}) * 1000)`);

const isoOfEpochMs = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The current estimates of forecast f (as CURRENT_ESTIMATES_SQL) as one JSON array of columns,
 * in CurrentEstimateDto's order of fields (madeAt in epoch milliseconds), each column a JSON array
 * in the estimates' order: one json_agg per column costs PostgreSQL a fraction of a
 * json_build_object per estimate. The rows come ordered from CURRENT_ESTIMATE_ROWS (a sorted,
 * limited subquery), and every column is aggregated over those same rows in that order.
 */
const CURRENT_ESTIMATE_COLUMNS_SQL = Prisma.sql`(
  SELECT json_build_array(json_agg(c.forecaster_id), json_agg((SELECT fc.name FROM forecasters fc WHERE fc.id = c.forecaster_id)),
           json_agg(c.probability), json_agg(c.basis), json_agg(c.words), json_agg(c.scale), json_agg(c.range_low),
           json_agg(c.range_high), json_agg(${epochMsSql('c.made_at')}))
  FROM ${CURRENT_ESTIMATE_ROWS})`;

type CurrentEstimateColumns = [
  forecasterIds: string[] | null,
  forecasterNames: string[] | null,
  probabilities: number[] | null,
  bases: CurrentEstimateDto['basis'][] | null,
  words: (string | null)[] | null,
  scales: CurrentEstimateDto['scale'][] | null,
  rangeLows: (number | null)[] | null,
  rangeHighs: (number | null)[] | null,
  madeAtMs: number[] | null,
];

function currentEstimatesOf(columns: CurrentEstimateColumns): CurrentEstimateDto[] {
  const [forecasterIds, names, probabilities, bases, words, scales, rangeLows, rangeHighs, madeAtMs] = columns;
  if (forecasterIds === null) return [];
  return forecasterIds.map((forecasterId, i) => ({
    forecasterId,
    forecasterName: names![i],
    probability: probabilities![i],
    basis: bases![i],
    words: words![i],
    scale: scales![i],
    rangeLow: rangeLows![i],
    rangeHigh: rangeHighs![i],
    madeAt: isoOfEpochMs(madeAtMs![i])!,
  }));
}

/** What the list's statement returns for a row: instants in epoch milliseconds, current estimates as columns. */
interface ListStatementRow extends Omit<ForecastListRow, 'deadline' | 'madeAt' | 'createdAt' | 'updatedAt' | 'currentEstimates'> {
  deadline: number | null;
  madeAt: number;
  createdAt: number;
  updatedAt: number;
  currentEstimates: CurrentEstimateColumns;
}

/** SUMMARY_COLUMNS with instants in epoch milliseconds (ListStatementRow), for the list. */
const LIST_SUMMARY_COLUMNS = Prisma.sql`f.id::text AS id, f.statement, f.resolution_criteria AS "resolutionCriteria",
  ${epochMsSql('f.deadline')} AS deadline, to_char(f.review_on, 'YYYY-MM-DD') AS "reviewOn", ${epochMsSql('f.made_at')} AS "madeAt",
  f.tags, f.actors, f.regions, f.status::text AS status, f.outcome::text AS outcome, f.document_id::text AS "documentId",
  f.quote, f.quote_start AS "quoteStart", f.quote_end AS "quoteEnd", f.owner_id::text AS "ownerId", f.version,
  ${epochMsSql('f.created_at')} AS "createdAt", ${epochMsSql('f.updated_at')} AS "updatedAt"`;

export interface ForecastDetailRow extends ForecastSummaryDto {
  withdrawnReason: string | null;
  /** Every estimate, oldest first (made, then recorded, then id). */
  estimates: ProbabilityEstimateDto[];
  evidenceCounts: EvidenceCountsDto;
  /** The latest resolution entry when the forecast is resolved (a resolve entry); else null. */
  resolution: ResolutionInForceDto | null;
}

export interface ForecastListRow extends ForecastSummaryDto {
  currentEstimates: CurrentEstimateDto[];
  estimateCount: number;
  evidenceCount: EvidenceCountsDto;
}

/**
 * The hot reads of forecasts, each one statement: PostgreSQL gathers a forecast's estimates,
 * evidence counts and resolution as JSON next to its row, so a read is one round trip whatever
 * the number of estimates or the size of the page (bench:api measures them against hand-written SQL).
 */
@Injectable()
export class ForecastReadsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async detail(id: string): Promise<ForecastDetailRow | null> {
    const rows = await this.prisma.rows<ForecastDetailRow>(Prisma.sql`
      SELECT ${SUMMARY_COLUMNS}, f.withdrawn_reason AS "withdrawnReason",
        (SELECT COALESCE(json_agg(json_build_object(
                  'id', e.id, 'forecasterId', e.forecaster_id, 'forecasterName', fc.name, 'probability', e.probability,
                  'madeAt', ${isoSql('e.made_at')}, 'basis', e.basis, 'words', e.words, 'scale', e.scale,
                  'rangeLow', e.range_low, 'rangeHigh', e.range_high, 'needsConfirmation',
                  e.needs_confirmation AND NOT EXISTS (SELECT 1 FROM estimate_confirmations ec WHERE ec.estimate_id = e.id),
                  'rationale', e.rationale) ORDER BY e.made_at, e.created_at, e.id), '[]'::json)
           FROM probability_estimates e JOIN forecasters fc ON fc.id = e.forecaster_id
           WHERE e.forecast_id = f.id) AS estimates,
        ${EVIDENCE_COUNTS_SQL} AS "evidenceCounts",
        (SELECT json_build_object('id', r.id, 'outcome', r.outcome, 'occurredOn', to_char(r.occurred_on, 'YYYY-MM-DD'),
                                  'rationale', r.rationale, 'decidedById', r.decided_by_id, 'decidedAt', ${isoSql('r.created_at')})
           FROM (SELECT * FROM resolutions WHERE forecast_id = f.id ORDER BY created_at DESC, id DESC LIMIT 1) r
           WHERE f.status = 'resolved' AND r.outcome IS NOT NULL) AS resolution
      FROM forecasts f
      WHERE f.id = ${id}::uuid`);
    return rows[0] ?? null;
  }

  /**
   * One page of forecasts matching `where` (conditions on alias f) in `orderBy`, each with its
   * forecasters' current estimates (newest first, at most CURRENT_ESTIMATES_IN_LIST), its number of
   * estimates and its evidence by stance: one statement for the page, none per row.
   */
  async page(where: Prisma.Sql[], orderBy: Prisma.Sql, take: number): Promise<ForecastListRow[]> {
    const rows = await this.prisma.rows<ListStatementRow>(Prisma.sql`
      SELECT ${LIST_SUMMARY_COLUMNS},
        ${CURRENT_ESTIMATE_COLUMNS_SQL} AS "currentEstimates",
        (SELECT count(*)::int FROM probability_estimates e WHERE e.forecast_id = f.id) AS "estimateCount",
        ${EVIDENCE_COUNTS_SQL} AS "evidenceCount"
      FROM forecasts f
      WHERE ${where.length === 0 ? Prisma.sql`true` : Prisma.join(where, ' AND ')}
      ORDER BY ${orderBy}
      LIMIT ${take}`);
    // Assigned in place, so each row keeps the statement's order of fields (the order the API writes).
    return rows.map((row) => {
      const item = row as unknown as ForecastListRow;
      item.deadline = isoOfEpochMs(row.deadline);
      item.madeAt = isoOfEpochMs(row.madeAt)!;
      item.createdAt = isoOfEpochMs(row.createdAt)!;
      item.updatedAt = isoOfEpochMs(row.updatedAt)!;
      item.currentEstimates = currentEstimatesOf(row.currentEstimates);
      return item;
    });
  }
}
