import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImportJobStatus } from '@prisma/client';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { IMPORT_FORMATS, type ImportFormatName } from './start-import.query.js';

export class ImportIssueDto {
  @ApiProperty({ nullable: true, type: Number, example: 17, description: '1-based line in a CSV file; null for JSON files.' })
  line: number | null;

  @ApiProperty({
    example: 'probability',
    description: 'The CSV column, or for JSON the path of the value (e.g. [3].responses[0].confidence).',
  })
  column: string;

  @ApiProperty({ example: '1.3 is not between 0 and 1 (write a percentage as 70%)' })
  message: string;
}

const COUNTS_SCHEMA = {
  nullable: true,
  type: 'object',
  additionalProperties: { type: 'number' },
} as const;

export class ImportJobDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: IMPORT_FORMATS })
  format: ImportFormatName;

  @ApiProperty({ enum: ImportJobStatus, description: 'queued → running → succeeded or failed.' })
  status: ImportJobStatus;

  @ApiPropertyOptional({ nullable: true, enum: ['parsing', 'checking', 'writing'], description: 'What a running job is doing.' })
  phase: string | null;

  @ApiProperty({ description: 'A dry run checks and reports, and writes nothing.' })
  dryRun: boolean;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the file.' })
  fileDigest: string;

  @ApiProperty({ example: 52_113 })
  fileBytes: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Records in the file (rows, predictions); null until it is parsed.' })
  total: number | null;

  @ApiProperty({ description: 'Records handled so far; equals total when the job is done.' })
  processed: number;

  @ApiPropertyOptional({
    ...COUNTS_SCHEMA,
    example: { forecasters: 2, documents: 1, forecasts: 10, estimates: 14, resolutions: 6 },
    description: 'Rows created per kind (for json: per table). For a dry run: what a real run would create.',
  })
  created: Record<string, number> | null;

  @ApiPropertyOptional({
    ...COUNTS_SCHEMA,
    example: { forecasters: 1, documents: 0, forecasts: 10, estimates: 14, resolutions: 0 },
    description:
      'Records already here (imported before, or the same forecaster, document or resolution), left as they are. A resolution ' +
      'matches when the forecast is resolved here with the outcome the file gives.',
  })
  matched: Record<string, number> | null;

  @ApiProperty({ description: 'Every bad record counts; a real run with any error writes nothing.' })
  errorCount: number;

  @ApiProperty({ type: [ImportIssueDto], description: 'The first 200 errors, in file order.' })
  errors: ImportIssueDto[];

  @ApiProperty({ description: 'Records deliberately not imported (e.g. non-binary Metaculus questions), with reasons.' })
  skippedCount: number;

  @ApiProperty({ type: [ImportIssueDto] })
  skipped: ImportIssueDto[];

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'Findings: previousImport (the same file imported before), schemaVersion (json), for fatebook-csv scoreCheck — ' +
      'Fatebook\u2019s own Brier scores beside ours, each labelled with its scale — and for every format but json ' +
      'unscorableEstimates { count, rule, rows }: estimates made on or after their forecast\u2019s resolution date, imported ' +
      'but never scored (rows lists the first 200 with line, column and message; count counts them all).',
  })
  report: Record<string, unknown> | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the job failed, when it is not (only) bad records.' })
  failure: string | null;

  @ApiProperty({ format: 'uuid' })
  requestedById: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  startedAt: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  finishedAt: string | null;

  @ApiProperty({ format: 'date-time', description: 'Last progress; a running job that stops moving died with its process.' })
  updatedAt: string;
}

export class ImportJobPageDto {
  @ApiProperty({ type: [ImportJobDto] })
  data: ImportJobDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
