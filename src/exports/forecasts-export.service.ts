import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { utcDate } from '../common/dates/utc-date.js';
import { attachment, DOWNLOAD_CONTENT_TYPES } from '../common/downloads/attachment.js';
import { type CsvColumn, csvStream } from '../common/downloads/csv-stream.js';
import { ForecastsExportRepository, type ForecastExportPosition, type ForecastExportRow } from './forecasts-export.repository.js';

/** Rows per keyset page: big enough to amortise a round trip, small enough that memory stays flat. */
export const EXPORT_PAGE_SIZE = 1_000;

export const FORECAST_EXPORT_COLUMNS: CsvColumn[] = [
  { key: 'forecastId', header: 'forecast_id' },
  { key: 'statement', header: 'statement' },
  { key: 'status', header: 'status' },
  { key: 'outcome', header: 'outcome' },
  { key: 'resolvedOn', header: 'resolved_on' },
  { key: 'deadline', header: 'deadline' },
  { key: 'reviewOn', header: 'review_on' },
  { key: 'madeAt', header: 'made_at' },
  { key: 'tags', header: 'tags' },
  { key: 'actors', header: 'actors' },
  { key: 'regions', header: 'regions' },
  { key: 'documentId', header: 'document_id' },
  { key: 'documentTitle', header: 'document_title' },
  { key: 'publisher', header: 'publisher' },
  { key: 'forecasters', header: 'forecasters' },
  { key: 'currentEstimates', header: 'current_estimates' },
  { key: 'meanCurrentProbability', header: 'mean_current_probability' },
  { key: 'evidenceSupports', header: 'evidence_supports' },
  { key: 'evidenceContradicts', header: 'evidence_contradicts' },
  { key: 'evidenceContext', header: 'evidence_context' },
  { key: 'evidenceRetracted', header: 'evidence_retracted' },
  { key: 'createdAt', header: 'created_at' },
  { key: 'updatedAt', header: 'updated_at' },
];

/** "Anna Maria Dyner: 0.85 @ 2020-09-15T00:00:00.000Z; …" — readable in a spreadsheet, splittable by a program. */
function currentEstimates(row: ForecastExportRow): string {
  const names = row.forecasterNames ?? [];
  return names
    .map((name, i) => `${name}: ${String(row.probabilities?.[i] ?? '')} @ ${row.estimatedAt?.[i]?.toISOString() ?? ''}`)
    .join('; ');
}

function toRecord(row: ForecastExportRow): Record<string, unknown> {
  const probabilities = row.probabilities ?? [];
  return {
    forecastId: row.id,
    statement: row.statement,
    status: row.status,
    outcome: row.outcome,
    resolvedOn: row.resolvedOn,
    deadline: row.deadline,
    reviewOn: row.reviewOn,
    madeAt: row.madeAt,
    tags: (row.tags ?? []).join('; '),
    actors: (row.actors ?? []).join('; '),
    regions: (row.regions ?? []).join('; '),
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    publisher: row.publisher,
    forecasters: probabilities.length,
    currentEstimates: currentEstimates(row),
    meanCurrentProbability: probabilities.length === 0 ? null : probabilities.reduce((sum, p) => sum + p, 0) / probabilities.length,
    evidenceSupports: row.supports,
    evidenceContradicts: row.contradicts,
    evidenceContext: row.context,
    evidenceRetracted: row.retracted,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class ForecastsExportService {
  private readonly logger = new Logger(ForecastsExportService.name);

  constructor(private readonly repository: ForecastsExportRepository) {}

  /** Every forecast (drafts too), streamed page by page: the next page is read only when the client has taken the last. */
  forecastsCsv(now = new Date()): StreamableFile {
    const stream = csvStream(this.records(), FORECAST_EXPORT_COLUMNS, (error) =>
      this.logger.error(`Forecast export failed: ${error.message}`),
    );
    return new StreamableFile(stream, {
      type: DOWNLOAD_CONTENT_TYPES.csv,
      disposition: attachment(`forecasts-${utcDate(now)}.csv`),
    });
  }

  async *records(): AsyncGenerator<Record<string, unknown>> {
    let after: ForecastExportPosition | null = null;
    for (;;) {
      const page = await this.repository.page(after, EXPORT_PAGE_SIZE);
      for (const row of page) yield toRecord(row);
      const last = page.at(-1);
      if (last === undefined || page.length < EXPORT_PAGE_SIZE) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }
}
