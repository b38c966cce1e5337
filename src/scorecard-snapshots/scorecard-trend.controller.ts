import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { ScorecardTrendDto } from './dto/scorecard-trend.dto.js';
import { ScorecardTrendQuery } from './dto/scorecard-trend.query.js';
import { ScorecardSnapshotsService } from './scorecard-snapshots.service.js';

@ApiTags('scorecards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Controller('scorecards')
export class ScorecardTrendController {
  constructor(private readonly snapshots: ScorecardSnapshotsService) {}

  @Get('trend')
  @ApiOperation({
    summary:
      "A forecaster's or a tag's scores over time, as of the end of each day (UTC) on which an outcome in the group became " +
      "true, from the data's own dates (the nightly snapshots cache the same figures).",
  })
  @ApiOkResponse({ type: ScorecardTrendDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  trend(@Query() query: ScorecardTrendQuery): Promise<ScorecardTrendDto> {
    return this.snapshots.trend(query);
  }
}
