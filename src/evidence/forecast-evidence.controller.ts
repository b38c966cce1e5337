import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { ForecastEvidenceTimelineDto } from './dto/evidence.dto.js';
import { ForecastEvidenceQuery } from './dto/forecast-evidence.query.js';
import { EvidenceService } from './evidence.service.js';

/** The evidence timeline lives under its forecast's path but belongs to the evidence module. */
@ApiTags('evidence')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Controller('forecasts')
export class ForecastEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get(':id/evidence')
  @ApiOperation({
    summary: "A forecast's evidence timeline, by event date, with counts by stance.",
    description: 'Retracted items stay in the timeline, marked retracted, and are left out of the stance counts.',
  })
  @ApiOkResponse({ type: ForecastEvidenceTimelineDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  timeline(@Param('id', uuidParam()) id: string, @Query() query: ForecastEvidenceQuery): Promise<ForecastEvidenceTimelineDto> {
    return this.evidence.timeline(id, query.order);
  }
}
