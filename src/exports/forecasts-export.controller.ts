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
      'Written by PostgreSQL (COPY) and streamed as it comes, oldest first. Timestamps are ISO 8601 in UTC; text that a ' +
      'spreadsheet would run as a formula (beginning with = + - @, tab, carriage return or line feed, or with = + - @ after ' +
      'leading whitespace) is prefixed with a single quote.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'A CSV file (attachment).', schema: { type: 'string', format: 'binary' } })
  exportCsv(): Promise<StreamableFile> {
    return this.exports.forecastsCsv();
  }
}
