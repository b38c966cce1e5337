import { Injectable } from '@nestjs/common';
import { Prisma, type ForecastStatus, type Outcome } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

export interface ForecastExportRow {
  id: string;
  statement: string;
  status: ForecastStatus;
  outcome: Outcome | null;
  resolvedOn: string | null;
  deadline: Date | null;
  reviewOn: string | null;
  madeAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** The driver reads an empty array as null. */
  tags: string[] | null;
  actors: string[] | null;
  regions: string[] | null;
  documentId: string | null;
  documentTitle: string | null;
  publisher: string | null;
  /** Each forecaster's latest estimate, by forecaster name. */
  forecasterNames: string[] | null;
  probabilities: number[] | null;
  estimatedAt: Date[] | null;
  supports: number;
  contradicts: number;
  context: number;
  retracted: number;
}

export interface ForecastExportPosition {
  createdAt: Date;
  id: string;
}

@Injectable()
export class ForecastsExportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One keyset page of the export, oldest first by (created_at, id) like GET /forecasts: each page
   * is an index range scan, so the thousandth page costs what the first does. Current estimates
   * are each forecaster's latest; evidence is counted by stance over links whose evidence is not
   * retracted, with retracted links counted apart.
   */
  page(after: ForecastExportPosition | null, limit: number): Promise<ForecastExportRow[]> {
    return this.prisma.$queryRaw<ForecastExportRow[]>(Prisma.sql`
      SELECT f.id::text AS id, f.statement, f.status::text AS status, f.outcome::text AS outcome,
             to_char(res.resolved_on, 'YYYY-MM-DD') AS "resolvedOn",
             f.deadline, to_char(f.review_on, 'YYYY-MM-DD') AS "reviewOn", f.made_at AS "madeAt",
             f.created_at AS "createdAt", f.updated_at AS "updatedAt", f.tags, f.actors, f.regions,
             f.document_id::text AS "documentId", d.title AS "documentTitle", d.publisher,
             est.names AS "forecasterNames", est.probabilities, est.made_at AS "estimatedAt",
             COALESCE(ev.supports, 0)::int AS supports, COALESCE(ev.contradicts, 0)::int AS contradicts,
             COALESCE(ev.context, 0)::int AS context, COALESCE(ev.retracted, 0)::int AS retracted
      FROM forecasts f
      LEFT JOIN documents d ON d.id = f.document_id
      LEFT JOIN LATERAL (
        SELECT CASE WHEN r.action = 'resolve' THEN COALESCE(r.occurred_on, (r.created_at AT TIME ZONE 'UTC')::date) END AS resolved_on
        FROM resolutions r
        WHERE r.forecast_id = f.id AND f.status = 'resolved'
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT 1
      ) res ON true
      LEFT JOIN LATERAL (
        SELECT array_agg(fc.name ORDER BY fc.name, latest.forecaster_id) AS names,
               array_agg(latest.probability ORDER BY fc.name, latest.forecaster_id) AS probabilities,
               array_agg(latest.made_at ORDER BY fc.name, latest.forecaster_id) AS made_at
        FROM (
          SELECT DISTINCT ON (pe.forecaster_id) pe.forecaster_id, pe.probability, pe.made_at
          FROM probability_estimates pe
          WHERE pe.forecast_id = f.id
          ORDER BY pe.forecaster_id, pe.made_at DESC, pe.created_at DESC, pe.id DESC
        ) latest
        JOIN forecasters fc ON fc.id = latest.forecaster_id
      ) est ON true
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE el.stance = 'supports' AND er.id IS NULL) AS supports,
               count(*) FILTER (WHERE el.stance = 'contradicts' AND er.id IS NULL) AS contradicts,
               count(*) FILTER (WHERE el.stance = 'context' AND er.id IS NULL) AS context,
               count(er.id) AS retracted
        FROM evidence_links el
        LEFT JOIN evidence_retractions er ON er.evidence_id = el.evidence_id
        WHERE el.forecast_id = f.id
      ) ev ON true
      ${after === null ? Prisma.empty : Prisma.sql`WHERE (f.created_at, f.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`}
      ORDER BY f.created_at, f.id
      LIMIT ${limit}`);
  }
}
