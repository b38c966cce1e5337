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
import { CreateEvidenceDto } from './dto/create-evidence.dto.js';
import { EvidenceDto, EvidencePageDto, EvidenceRetractionDto } from './dto/evidence.dto.js';
import { ListEvidenceQuery } from './dto/list-evidence.query.js';
import { RetractEvidenceDto } from './dto/retract-evidence.dto.js';
import { EvidenceService } from './evidence.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('evidence')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({
    summary: 'Log evidence and link it to forecasts (analyst).',
    description: 'All links are written or none. Any forecast but a withdrawn one takes evidence, resolved ones included.',
  })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'A linked forecast does not exist (code forecast_not_found).' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'A linked forecast is withdrawn (code forecast_withdrawn).' })
  create(@CurrentActor() actor: RequestActor, @Body() body: CreateEvidenceDto): Promise<EvidenceDto> {
    return this.evidence.create(requireUser(actor), body);
  }

  @Get()
  @ApiOperation({ summary: 'Evidence across forecasts, newest event first, filtered, one page at a time.' })
  @ApiOkResponse({ type: EvidencePageDto })
  list(@Query() query: ListEvidenceQuery): Promise<EvidencePageDto> {
    return this.evidence.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One evidence item with its links and, if retracted, the retraction.' })
  @ApiOkResponse({ type: EvidenceDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', uuidParam()) id: string): Promise<EvidenceDto> {
    return this.evidence.get(id);
  }

  @Post(':id/retractions')
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({
    summary: 'Retract evidence, saying why (reviewer, or the analyst who logged it).',
    description: 'The evidence stays visible, marked retracted, and stops counting towards stance counts.',
  })
  @ApiCreatedResponse({ type: EvidenceRetractionDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already retracted (code evidence_already_retracted).' })
  retract(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: RetractEvidenceDto,
  ): Promise<EvidenceRetractionDto> {
    return this.evidence.retract(requireUser(actor), id, body.reason);
  }
}
