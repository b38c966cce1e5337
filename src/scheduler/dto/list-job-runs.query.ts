import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { JOB_NAMES, type JobName } from '../job-names.js';
import { REPORTED_JOB_RUN_STATUSES, type ReportedJobRunStatus } from './job-run.dto.js';

export class ListJobRunsQuery {
  @ApiPropertyOptional({ enum: JOB_NAMES })
  @IsOptional()
  @IsIn(JOB_NAMES)
  job?: JobName;

  @ApiPropertyOptional({ enum: REPORTED_JOB_RUN_STATUSES })
  @IsOptional()
  @IsIn(REPORTED_JOB_RUN_STATUSES)
  status?: ReportedJobRunStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
