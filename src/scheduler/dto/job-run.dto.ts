import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobRunTrigger } from '@prisma/client';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { JOB_NAMES } from '../../config/job-names.js';

export const REPORTED_JOB_RUN_STATUSES = ['running', 'succeeded', 'failed', 'stale'] as const;
export type ReportedJobRunStatus = (typeof REPORTED_JOB_RUN_STATUSES)[number];

export class JobRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: JOB_NAMES })
  job: string;

  @ApiProperty({
    format: 'date-time',
    description:
      "The schedule's time bucket this run is for (the cron tick; for scorecard-snapshot, the day summarised). " +
      'A manual run without a slot gets the second it was started.',
  })
  slot: string;

  @ApiProperty({ example: 1, description: '1 for the scheduled run of a slot; a forced re-run is the next attempt.' })
  attempt: number;

  @ApiProperty({ enum: JobRunTrigger })
  trigger: JobRunTrigger;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The admin who started a manual run.' })
  requestedById: string | null;

  @ApiProperty({
    enum: REPORTED_JOB_RUN_STATUSES,
    description: 'stale: still marked running long after it started (JOB_STALE_RUN_AFTER_MINUTES); its process most likely died.',
  })
  status: ReportedJobRunStatus;

  @ApiProperty({ example: 'ledger-1:4242:a1b2c3', description: 'The process that ran it (host:pid:instance).' })
  instance: string;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  finishedAt: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { candidates: 3, becameDue: 3, notified: 3 },
    description: 'What the run did; null until it finishes.',
  })
  counts: Record<string, number> | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  error: string | null;
}

export class JobRunPageDto {
  @ApiProperty({ type: [JobRunDto] })
  data: JobRunDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
