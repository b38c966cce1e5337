import { Controller, Get, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { FullExportService } from './full-export.service.js';

@ApiTags('exports')
@ApiKeyAuth()
@Controller('exports')
export class FullExportController {
  constructor(private readonly exports: FullExportService) {}

  @Get('full.json')
  @RequireRole('admin')
  @ApiOperation({
    summary:
      'Every table (users without API keys; docs/imports-and-restore.md lists what is left out) as one JSON document, streamed from one snapshot (admin). ' +
      'POST /imports?format=json restores it with ids and timestamps as they were.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: '{ format, version, schemaVersion, exportedAt, excludedTables, tables: { <table>: [rows as the database holds them] } }',
    schema: { type: 'object' },
  })
  full(): StreamableFile {
    return this.exports.download();
  }
}
