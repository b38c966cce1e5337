import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { PrismaService } from '../prisma/prisma.service.js';
import { CSV_WHITESPACE_CLASS } from '../common/downloads/csv-stream.js';

/**
 * A text cell as the CSV guards it (OWASP "CSV injection"): text a spreadsheet would run as a
 * formula gets a leading single quote. That is text beginning with = + - @, a tab, a carriage
 * return or a line feed, and text whose first character after leading whitespace is = + - @.
 * Numbers are not text, so a negative figure stays a number. The same rule as csv.ts's guardCell.
 */
export function guardedCellSql(expression: string): string {
  return `CASE WHEN ${expression} ~ '^([\\t\\r\\n]|${CSV_WHITESPACE_CLASS}*[-=+@])' THEN '''' || ${expression} ELSE ${expression} END`;
}

/** timestamptz as the API writes dates: ISO 8601, milliseconds, Z. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A text[] joined with "; ", empty as an empty cell. */
const joined = (column: string) => `NULLIF(array_to_string(${column}, '; '), '')`;

export const FORECAST_EXPORT_HEADERS = [
  'forecast_id',
  'statement',
  'status',
  'outcome',
  'resolved_on',
  'deadline',
  'review_on',
  'made_at',
  'tags',
  'actors',
  'regions',
  'document_id',
  'document_title',
  'publisher',
  'forecasters',
  'current_estimates',
  'mean_current_probability',
  'evidence_supports',
  'evidence_contradicts',
  'evidence_context',
  'evidence_retracted',
  'created_at',
  'updated_at',
] as const;

/**
 * Every forecast (drafts too), oldest first by (created_at, id), formatted entirely in SQL so that
 * PostgreSQL writes the CSV itself (COPY … TO STDOUT): current estimates are each forecaster's
 * latest ("name: p @ time; …", by name), evidence is counted by stance over links whose evidence is
 * not retracted, with retracted links counted apart. Text cells go through guardedCellSql.
 */
export const FORECAST_EXPORT_SQL = `
  SELECT f.id AS forecast_id, ${guardedCellSql('f.statement')} AS statement, f.status, f.outcome,
         to_char(res.resolved_on, 'YYYY-MM-DD') AS resolved_on, ${iso('f.deadline')} AS deadline,
         to_char(f.review_on, 'YYYY-MM-DD') AS review_on, ${iso('f.made_at')} AS made_at,
         ${guardedCellSql(joined('f.tags'))} AS tags, ${guardedCellSql(joined('f.actors'))} AS actors,
         ${guardedCellSql(joined('f.regions'))} AS regions, f.document_id, ${guardedCellSql('d.title')} AS document_title,
         ${guardedCellSql('d.publisher')} AS publisher, COALESCE(est.forecasters, 0) AS forecasters,
         ${guardedCellSql('est.current_estimates')} AS current_estimates, est.mean AS mean_current_probability,
         COALESCE(ev.supports, 0) AS evidence_supports, COALESCE(ev.contradicts, 0) AS evidence_contradicts,
         COALESCE(ev.context, 0) AS evidence_context, COALESCE(ev.retracted, 0) AS evidence_retracted,
         ${iso('f.created_at')} AS created_at, ${iso('f.updated_at')} AS updated_at
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
    SELECT count(*) AS forecasters,
           string_agg(fc.name || ': ' || latest.probability::text || ' @ ' || ${iso('latest.made_at')}, '; '
                      ORDER BY fc.name, latest.forecaster_id) AS current_estimates,
           array_agg(latest.probability ORDER BY fc.name, latest.forecaster_id) AS probabilities
    FROM (
      SELECT DISTINCT ON (pe.forecaster_id) pe.forecaster_id, pe.probability, pe.made_at
      FROM probability_estimates pe
      WHERE pe.forecast_id = f.id
      ORDER BY pe.forecaster_id, pe.made_at DESC, pe.created_at DESC, pe.id DESC
    ) latest
    JOIN forecasters fc ON fc.id = latest.forecaster_id
  ) est0 ON true
  LEFT JOIN LATERAL (
    -- The mean of the cell's numbers, added in the cell's order.
    SELECT est0.forecasters, est0.current_estimates,
           (SELECT sum(p ORDER BY i) / count(*) FROM unnest(est0.probabilities) WITH ORDINALITY AS u(p, i)) AS mean
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
  ORDER BY f.created_at, f.id`;

/** COPY of the export query: PostgreSQL writes the CSV, header row included. */
export const FORECAST_EXPORT_COPY = `COPY (${FORECAST_EXPORT_SQL}) TO STDOUT WITH (FORMAT csv, HEADER true)`;

@Injectable()
export class ForecastsExportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The export's CSV bytes as PostgreSQL writes them, on one pooled connection held until the
   * stream ends. The socket is read only as fast as the client takes the bytes, so memory stays
   * flat whatever the number of rows; a client that goes away ends the COPY and discards the
   * connection (it is mid-protocol), never returning it to the pool half-read.
   */
  async csv(): Promise<Readable> {
    const client = await this.prisma.pool.connect();
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.release(error);
    };
    try {
      // A whole archive takes longer than the pool's statement timeout, which guards the requests' statements.
      await client.query('BEGIN READ ONLY');
      await client.query('SET LOCAL statement_timeout = 0');
    } catch (error) {
      release(error as Error);
      throw error;
    }
    const copy = client.query(copyTo(FORECAST_EXPORT_COPY));
    copy.once('end', () => {
      client.query('COMMIT').then(
        () => release(),
        (error: Error) => release(error),
      );
    });
    copy.once('error', (error: Error) => release(error));
    copy.once('close', () => {
      if (!copy.readableEnded) release(new Error('export stream closed before the COPY ended'));
    });
    return copy;
  }
}
