import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JOB_NAMES, type JobName } from '../../config/job-names.js';
import { REPORTED_JOB_RUN_STATUSES, type ReportedJobRunStatus } from './job-run.dto.js';
import { PageQuery } from '../../common/pagination/page.query.js';

export class ListJobRunsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: JOB_NAMES })
  @IsOptional()
  @IsIn(JOB_NAMES)
  job?: JobName;

  @ApiPropertyOptional({ enum: REPORTED_JOB_RUN_STATUSES })
  @IsOptional()
  @IsIn(REPORTED_JOB_RUN_STATUSES)
  status?: ReportedJobRunStatus;
}
