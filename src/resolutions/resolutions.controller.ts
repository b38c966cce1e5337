import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { ReopenForecastDto } from './dto/reopen-forecast.dto.js';
import { ResolutionChangeDto, ResolutionHistoryDto } from './dto/resolution.dto.js';
import { ResolveForecastDto } from './dto/resolve-forecast.dto.js';
import { ResolutionsService } from './resolutions.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('resolutions')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto })
@Controller('forecasts')
export class ResolutionsController {
  constructor(private readonly resolutions: ResolutionsService) {}

  @Post(':id/resolutions')
  @Idempotent()
  @RequireRole('reviewer')
  @ApiOperation({
    summary: 'Resolve an open or due forecast, or re-resolve a resolved one (reviewer).',
    description: 'Adds a resolution entry; the latest entry is in force and sets the forecast’s status and outcome.',
  })
  @ApiCreatedResponse({ type: ResolutionChangeDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The forecast is a draft or withdrawn.' })
  resolve(
    @Param('id', uuidParam()) id: string,
    @Body() body: ResolveForecastDto,
    @CurrentActor() actor: RequestActor,
  ): Promise<ResolutionChangeDto> {
    return this.resolutions.resolve(id, body, requireUser(actor));
  }

  @Post(':id/reopen')
  @Idempotent()
  @RequireRole('reviewer')
  @ApiOperation({
    summary: 'Reopen a resolved forecast (reviewer).',
    description: 'Adds a reopen entry; the forecast becomes open again, or due when its deadline has passed.',
  })
  @ApiCreatedResponse({ type: ResolutionChangeDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The forecast is not resolved.' })
  reopen(
    @Param('id', uuidParam()) id: string,
    @Body() body: ReopenForecastDto,
    @CurrentActor() actor: RequestActor,
  ): Promise<ResolutionChangeDto> {
    return this.resolutions.reopen(id, body, requireUser(actor));
  }

  @Get(':id/resolutions')
  @ApiOperation({ summary: 'Every resolution entry of a forecast, oldest first, marking the one in force.' })
  @ApiOkResponse({ type: ResolutionHistoryDto })
  history(@Param('id', uuidParam()) id: string): Promise<ResolutionHistoryDto> {
    return this.resolutions.history(id);
  }
}
