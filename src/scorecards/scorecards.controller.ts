import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { ScorecardReportDto } from './dto/scorecard-report.dto.js';
import { ForecasterScorecardQuery, ScorecardQuery } from './dto/scorecard.query.js';
import { ScorecardsService } from './scorecards.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';

const PRODUCES = ['application/json', 'text/csv', 'text/markdown', 'application/pdf'] as const;
const FORMATS_NOTE =
  'JSON by default. A file instead with format=csv|json|md|pdf, or with Accept: text/csv, text/markdown or application/pdf; ' +
  'files come with Content-Disposition: attachment; filename="scorecard-<groupBy>-<date>.<ext>".';
/** Optional: without it (or with application/json or *\/*) the answer is JSON. */
const ACCEPT_HEADER = {
  name: 'accept',
  required: false,
  description: 'text/csv, text/markdown or application/pdf for a file; anything else, or none, answers JSON. format= wins over it.',
} as const;

@ApiTags('scorecards')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('scorecards')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get()
  @ApiOperation({
    summary: 'Accuracy scorecards grouped by forecaster, document, publisher, tag, horizon or month.',
    description: FORMATS_NOTE,
  })
  @ApiProduces(...PRODUCES)
  @ApiHeader(ACCEPT_HEADER)
  @ApiOkResponse({ type: ScorecardReportDto })
  async get(
    @Query() query: ScorecardQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ): Promise<ScorecardReportDto | StreamableFile | Buffer> {
    return this.scorecards.asSent(await this.scorecards.respond(query, accept), reply);
  }
}

/** GET /forecasters/:id/scorecard lives here, not in ForecastersController, with the rest of the scorecards. */
@ApiTags('scorecards')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('forecasters')
export class ForecasterScorecardController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get(':id/scorecard')
  @ApiOperation({
    summary: "One forecaster's scorecard (their estimates only), optionally broken down by groupBy.",
    description: FORMATS_NOTE,
  })
  @ApiProduces(...PRODUCES)
  @ApiHeader(ACCEPT_HEADER)
  @ApiOkResponse({ type: ScorecardReportDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(
    @Param('id', uuidParam()) id: string,
    @Query() query: ForecasterScorecardQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ): Promise<ScorecardReportDto | StreamableFile | Buffer> {
    return this.scorecards.asSent(await this.scorecards.respondForForecaster(id, query, accept), reply);
  }
}
