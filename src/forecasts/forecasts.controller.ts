import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { ForecastDetailDto, ForecastPageDto } from './dto/forecast.dto.js';
import { ListForecastsQuery } from './dto/list-forecasts.query.js';
import { ForecastsService } from './forecasts.service.js';

@ApiTags('forecasts')
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastsService) {}

  @Get()
  @ApiOperation({ summary: 'Forecasts, filtered by status and tag, one page at a time.' })
  @ApiOkResponse({ type: ForecastPageDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  list(@Query() query: ListForecastsQuery): Promise<ForecastPageDto> {
    return this.forecasts.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One forecast with every probability estimate made on it.' })
  @ApiOkResponse({ type: ForecastDetailDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', uuidParam()) id: string): Promise<ForecastDetailDto> {
    return this.forecasts.get(id);
  }
}
