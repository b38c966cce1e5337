import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type RequestActor, requireUser } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { JobRunDto, JobRunPageDto } from './dto/job-run.dto.js';
import { ListJobRunsQuery } from './dto/list-job-runs.query.js';
import { RunJobDto } from './dto/run-job.dto.js';
import { JOB_NAMES } from '../config/job-names.js';
import { JobRunner } from './job-runner.service.js';
import { JobRunsService } from './job-runs.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('admin: scheduled jobs')
@ApiKeyAuth()
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(
    private readonly runs: JobRunsService,
    private readonly runner: JobRunner,
  ) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Recent job runs, newest first: slot, attempt, status (stale = presumed crashed), counts, error (admin).' })
  @ApiOkResponse({ type: JobRunPageDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  list(@Query() query: ListJobRunsQuery): Promise<JobRunPageDto> {
    return this.runs.list(query);
  }

  @Post(':name/run')
  @Idempotent()
  @RequireRole('admin')
  @ApiOperation({
    summary:
      'Run a job now and answer with its finished run (admin). Without a slot it is a new slot; a slot that has run already ' +
      'needs force: true and becomes its next attempt. scorecard-snapshot takes a date instead, and recomputes that day.',
  })
  @ApiParam({ name: 'name', enum: JOB_NAMES })
  @ApiCreatedResponse({ type: JobRunDto, description: 'The run, succeeded or failed (see status and error).' })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No job of that name.' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The slot has run already (send force), or is running now.' })
  run(@Param('name') name: string, @Body() body: RunJobDto, @CurrentActor() actor: RequestActor): Promise<JobRunDto> {
    return this.runner.runNow(name, body, requireUser(actor));
  }
}
