import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { CreateForecastDto } from './dto/create-forecast.dto.js';
import { ForecastHistoryDto } from './dto/forecast-history.dto.js';
import { ForecastDetailDto, ForecastPageDto } from './dto/forecast.dto.js';
import { ListForecastsQuery } from './dto/list-forecasts.query.js';
import { UpdateForecastDto } from './dto/update-forecast.dto.js';
import { WithdrawForecastDto } from './dto/withdraw-forecast.dto.js';
import { ForecastHistoryService } from './forecast-history.service.js';
import { etagOf, ForecastsService } from './forecasts.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag of the version you read (or send "version" in the body).' };

@ApiTags('forecasts')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('forecasts')
export class ForecastsController {
  constructor(
    private readonly forecasts: ForecastsService,
    private readonly histories: ForecastHistoryService,
  ) {}

  @Post()
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({
    summary:
      'Record a forecast, standalone or from a document with its exact quote (the server finds the quote, or checks the offsets given).',
  })
  @ApiCreatedResponse({ type: ForecastDetailDto })
  async create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateForecastDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ForecastDetailDto> {
    const forecast = await this.forecasts.create(requireUser(actor), body);
    void reply.header('etag', etagOf(forecast.version)).header('location', `/forecasts/${forecast.id}`);
    return forecast;
  }

  @Get()
  @ApiOperation({
    summary:
      'Forecasts with filters (status, outcome, tag, forecaster, document, owner, deadline range, text), sorted, one keyset page at a time.',
  })
  @ApiOkResponse({ type: ForecastPageDto })
  list(@Query() query: ListForecastsQuery): Promise<ForecastPageDto> {
    return this.forecasts.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One forecast: each forecaster\u2019s current probability, every estimate, evidence counts by stance, and the resolution in force. ETag = version.',
  })
  @ApiOkResponse({ type: ForecastDetailDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ForecastDetailDto> {
    const forecast = await this.forecasts.get(id);
    void reply.header('etag', etagOf(forecast.version));
    return forecast;
  }

  @Patch(':id')
  @RequireRole('analyst')
  @ApiOperation({
    summary:
      'Edit statement, criteria, deadline, tags, owner, or accept a draft. Optimistic concurrency: a stale edit is refused, never applied.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ForecastDetailDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Stale body version, or a forbidden transition.' })
  @ApiPreconditionFailedResponse({ type: ErrorBodyDto, description: 'Stale If-Match.' })
  @ApiResponse({ status: 428, type: ErrorBodyDto, description: 'Neither If-Match nor version was sent.' })
  async update(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateForecastDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ForecastDetailDto> {
    const forecast = await this.forecasts.update(requireUser(actor), id, body, { ifMatch, version: body.version });
    void reply.header('etag', etagOf(forecast.version));
    return forecast;
  }

  @Post(':id/withdraw')
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({ summary: 'Withdraw a forecast, with the reason. Withdrawn is final and never scored.' })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ForecastDetailDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto })
  @ApiPreconditionFailedResponse({ type: ErrorBodyDto })
  withdraw(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: WithdrawForecastDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ForecastDetailDto> {
    return this.forecasts.withdraw(requireUser(actor), id, body, { ifMatch, version: body.version });
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'Everything that happened to a forecast, oldest first: creation, edits, estimates, evidence, retractions, resolutions.',
  })
  @ApiOkResponse({ type: ForecastHistoryDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  history(@Param('id', uuidParam()) id: string): Promise<ForecastHistoryDto> {
    return this.histories.history(id);
  }
}
