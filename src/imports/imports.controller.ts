import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { ImportJobDto, ImportJobPageDto } from './dto/import-job.dto.js';
import { ListImportJobsQuery } from './dto/list-import-jobs.query.js';
import { StartImportQuery } from './dto/start-import.query.js';
import { IMPORT_BODY_LIMIT_BYTES, IMPORT_CSV_LIMIT_BYTES } from './import-body.js';
import { ImportsService } from './imports.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('imports')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Idempotent()
  @RequireRole('analyst')
  @HttpCode(202)
  @RouteConfig({ bodyLimit: IMPORT_BODY_LIMIT_BYTES, csvBodyLimit: IMPORT_CSV_LIMIT_BYTES })
  @ApiOperation({
    summary:
      'Import a file as a background job (answers 202 with the job; follow it at GET /imports/:id). A dry run reports every bad ' +
      'record and what would be created, writing nothing; a real run writes everything or, if any record is bad, nothing. ' +
      'Re-importing a file creates nothing new. text/csv bodies up to 512 MiB (streamed to disk), others up to 64 MiB. ' +
      'format=json (a full export) needs admin.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description:
      'The file itself: text/csv for csv and fatebook-csv; application/json for json, predictionbook-json and metaculus-csv ' +
      '({ "questionData": "<question_data.csv>", "forecastData": "<forecast_data.csv>" }). Columns: README, "Importing".',
    schema: { oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'array', items: { type: 'object' } }] },
  })
  @ApiAcceptedResponse({ type: ImportJobDto, headers: { location: { description: '/imports/<job id>', schema: { type: 'string' } } } })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyDto })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'A CSV format sent as JSON, or the other way round.' })
  async start(
    @CurrentActor() actor: RequestActor,
    @Query() query: StartImportQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportJobDto> {
    const job = await this.imports.start(requireUser(actor), query, body);
    void reply.header('location', `/imports/${job.id}`);
    return job;
  }

  @Get()
  @RequireRole('analyst')
  @ApiOperation({ summary: 'Import jobs, newest first, with their status and counts.' })
  @ApiOkResponse({ type: ImportJobPageDto })
  list(@Query() query: ListImportJobsQuery): Promise<ImportJobPageDto> {
    return this.imports.list(query);
  }

  @Get(':id')
  @RequireRole('analyst')
  @ApiOperation({
    summary:
      'One import job: status, progress (processed of total), created and matched counts, the first errors with line, column and message.',
  })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', uuidParam()) id: string): Promise<ImportJobDto> {
    return this.imports.get(id);
  }
}
