import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import {
  ForecastEstimatesDto,
  ForecastEstimatesQuery,
  ForecasterEstimatePageDto,
  ForecasterEstimatesQuery,
} from './dto/estimate-history.dto.js';
import { ConfirmEstimateDto } from './dto/confirm-estimate.dto.js';
import { NewEstimateDto } from './dto/new-estimate.dto.js';
import { ProbabilityEstimateDto } from './dto/probability-estimate.dto.js';
import { EstimatesService } from './estimates.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('estimates')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto })
@Controller()
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  @Post('forecasts/:id/estimates')
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({
    summary: 'Add a probability estimate: a number, or words on a scale (ICD 203 by default, Kent, PHIA).',
    description:
      'A revision is a new estimate: the history is append-only. Words on no scale ("will", "can be expected") get a suggested number flagged needsConfirmation; unknown words get 400 listing the known phrases.',
  })
  @ApiCreatedResponse({ type: ProbabilityEstimateDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The forecast is resolved or withdrawn.' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'The forecaster is another user (an admin may, with onBehalfReason).' })
  add(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewEstimateDto,
  ): Promise<ProbabilityEstimateDto> {
    return this.estimates.add(requireUser(actor), id, body);
  }

  @Post('estimates/:id/confirmation')
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({
    summary: 'Confirm the number suggested for words on no scale ("will" read as 0.85): audited, and counted in scorecards.',
    description:
      'For another number, record a new estimate with the words and that number. 409 when nothing awaits confirmation or it was confirmed before.',
  })
  @ApiCreatedResponse({ type: ProbabilityEstimateDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Nothing to confirm, or already confirmed.' })
  confirm(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: ConfirmEstimateDto,
  ): Promise<ProbabilityEstimateDto> {
    return this.estimates.confirm(requireUser(actor), id, body);
  }

  @Get('forecasts/:id/estimates')
  @ApiOperation({ summary: 'Every estimate on a forecast, oldest first (each forecaster\u2019s time series).' })
  @ApiOkResponse({ type: ForecastEstimatesDto })
  listForForecast(@Param('id', uuidParam()) id: string, @Query() query: ForecastEstimatesQuery): Promise<ForecastEstimatesDto> {
    return this.estimates.listForForecast(id, query);
  }

  @Get('forecasters/:id/estimates')
  @ApiOperation({ summary: 'A forecaster\u2019s estimates across forecasts, newest first.' })
  @ApiOkResponse({ type: ForecasterEstimatePageDto })
  listForForecaster(@Param('id', uuidParam()) id: string, @Query() query: ForecasterEstimatesQuery): Promise<ForecasterEstimatePageDto> {
    return this.estimates.listForForecaster(id, query);
  }
}
