import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { CreateForecasterDto, ForecasterDetailDto, ForecasterDto, ForecasterPageDto, ListForecastersQuery } from './dto/forecaster.dto.js';
import { ForecastersService } from './forecasters.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('forecasters')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('forecasters')
export class ForecastersController {
  constructor(private readonly forecasters: ForecastersService) {}

  @Post()
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({ summary: 'Add a forecaster: a person or an organisation whose predictions are tracked.' })
  @ApiCreatedResponse({ type: ForecasterDto })
  @ApiConflictResponse({ type: ErrorBodyDto })
  create(@CurrentActor() actor: RequestActor, @Body() body: CreateForecasterDto): Promise<ForecasterDto> {
    return this.forecasters.create(requireUser(actor), body);
  }

  @Get()
  @ApiOperation({ summary: 'Forecasters, alphabetically, one page at a time.' })
  @ApiOkResponse({ type: ForecasterPageDto })
  list(@Query() query: ListForecastersQuery): Promise<ForecasterPageDto> {
    return this.forecasters.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One forecaster with counts of their forecasts and estimates.' })
  @ApiOkResponse({ type: ForecasterDetailDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', uuidParam()) id: string): Promise<ForecasterDetailDto> {
    return this.forecasters.get(id);
  }
}
