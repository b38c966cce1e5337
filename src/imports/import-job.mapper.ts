import type { ImportFormat, ImportJob } from '@prisma/client';
import type { ImportJobDto } from './dto/import-job.dto.js';
import type { ImportFormatName } from './dto/start-import.query.js';
import type { ImportIssue } from './import-issues.js';

/** The API's format names and the database enum's. */
export const FORMAT_IN_DATABASE: Readonly<Record<ImportFormatName, ImportFormat>> = {
  csv: 'csv',
  json: 'json',
  'fatebook-csv': 'fatebook_csv',
  'predictionbook-json': 'predictionbook_json',
  'metaculus-csv': 'metaculus_csv',
};
const FORMAT_NAME = Object.fromEntries(Object.entries(FORMAT_IN_DATABASE).map(([name, stored]) => [stored, name])) as Record<
  ImportFormat,
  ImportFormatName
>;

export function toImportJobDto(job: ImportJob): ImportJobDto {
  return {
    id: job.id,
    format: FORMAT_NAME[job.format],
    status: job.status,
    phase: job.phase,
    dryRun: job.dryRun,
    fileDigest: job.fileDigest,
    fileBytes: job.fileBytes,
    total: job.total,
    processed: job.processed,
    created: (job.created as Record<string, number> | null) ?? null,
    matched: (job.matched as Record<string, number> | null) ?? null,
    errorCount: job.errorCount,
    errors: job.errors as unknown as ImportIssue[],
    skippedCount: job.skippedCount,
    skipped: job.skipped as unknown as ImportIssue[],
    report: (job.report as Record<string, unknown> | null) ?? null,
    failure: job.failure,
    requestedById: job.requestedById,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    updatedAt: job.updatedAt.toISOString(),
  };
}
