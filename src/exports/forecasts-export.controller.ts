import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ForecastsExportService } from './forecasts-export.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';

/**
 * Lives beside the other exports rather than in ForecastsController; `export.csv` is a static
 * segment, which Fastify's router matches before the `:id` parameter of GET /forecasts/:id.
 */
@ApiTags('exports')
@ApiKeyAuth()
@Controller('forecasts')
export class ForecastsExportController {
  constructor(private readonly exports: ForecastsExportService) {}

  @Get('export.csv')
  @ApiOperation({
    summary: 'Every forecast as CSV: current estimates (latest per forecaster), outcome and evidence counts by stance.',
    description:
      'Streamed in keyset pages of 1,000, oldest first. Timestamps are ISO 8601 in UTC; cells that a spreadsheet would run ' +
      'as a formula (beginning with = + - @, tab or carriage return) are prefixed with a single quote.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'A CSV file (attachment).', schema: { type: 'string', format: 'binary' } })
  exportCsv(): StreamableFile {
    return this.exports.forecastsCsv();
  }
}
