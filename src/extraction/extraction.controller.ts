import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { CandidateReviewService } from './candidate-review.service.js';
import { CandidateDto, CandidateListDto } from './dto/candidate.dto.js';
import { ExtractionRunDto, ExtractionRunListDto, StartExtractionDto } from './dto/extraction-run.dto.js';
import {
  AcceptCandidateDto,
  AcceptedCandidateDto,
  BulkAcceptDto,
  BulkAcceptedDto,
  BulkRejectDto,
  BulkRejectedDto,
  ListCandidatesQuery,
  RejectCandidateDto,
} from './dto/review-candidate.dto.js';
import { ExtractionService } from './extraction.service.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('extraction')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto })
@Controller('documents/:id')
export class DocumentExtractionController {
  constructor(
    private readonly extraction: ExtractionService,
    private readonly review: CandidateReviewService,
  ) {}

  @Post('extractions')
  @Idempotent()
  @RequireRole('analyst')
  @ApiOperation({
    summary:
      'Propose the document\u2019s forecasts: every clause with an estimative expression, read on a scale, with its horizon, actors, ' +
      'splits and a confidence, stored for review. A new run replaces pending candidates and skips clauses already decided.',
  })
  @ApiCreatedResponse({ type: ExtractionRunDto })
  start(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: StartExtractionDto,
  ): Promise<ExtractionRunDto> {
    return this.extraction.run(requireUser(actor), id, body);
  }

  @Get('extractions')
  @ApiOperation({ summary: 'The extraction runs of a document, newest first.' })
  @ApiOkResponse({ type: ExtractionRunListDto })
  runs(@Param('id', uuidParam()) id: string): Promise<ExtractionRunListDto> {
    return this.extraction.runs(id);
  }

  @Get('candidates')
  @ApiOperation({
    summary: 'The document\u2019s candidate forecasts in the order of the text, with their state, offsets, reading and decision.',
  })
  @ApiOkResponse({ type: CandidateListDto })
  candidates(@Param('id', uuidParam()) id: string, @Query() query: ListCandidatesQuery): Promise<CandidateListDto> {
    return this.extraction.list(id, query);
  }

  @Post('candidates/accept')
  @Idempotent()
  @RequireRole('analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept several candidates of the document at once, each with its own edits: all of them or none.' })
  @ApiOkResponse({ type: BulkAcceptedDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'A candidate was already decided, or changed since it was read.' })
  acceptMany(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: BulkAcceptDto,
  ): Promise<BulkAcceptedDto> {
    return this.review.acceptMany(requireUser(actor), id, body);
  }

  @Post('candidates/reject')
  @Idempotent()
  @RequireRole('analyst')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject several pending candidates of the document at once with one reason, each at the version read: all of them or none.',
  })
  @ApiOkResponse({ type: BulkRejectedDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'A candidate was already decided, or changed since it was read (version).' })
  rejectMany(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: BulkRejectDto,
  ): Promise<BulkRejectedDto> {
    return this.review.rejectMany(requireUser(actor), id, body);
  }
}

@ApiTags('extraction')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto })
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly review: CandidateReviewService) {}

  @Get(':id')
  @ApiOperation({ summary: 'One candidate forecast.' })
  @ApiOkResponse({ type: CandidateDto })
  get(@Param('id', uuidParam()) id: string): Promise<CandidateDto> {
    return this.review.get(id);
  }

  @Post(':id/accept')
  @Idempotent()
  @RequireRole('analyst')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept a candidate, with edits, as a forecast quoting the document (or one per suggested split), with an estimate attributed ' +
      'to the document\u2019s author read from the words (flagged for confirmation when the words are on no scale).',
  })
  @ApiOkResponse({ type: AcceptedCandidateDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already decided, or changed since it was read (version).' })
  accept(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: AcceptCandidateDto,
  ): Promise<AcceptedCandidateDto> {
    return this.review.accept(requireUser(actor), id, body);
  }

  @Post(':id/reject')
  @Idempotent()
  @RequireRole('analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a candidate, saying why.' })
  @ApiOkResponse({ type: CandidateDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already decided, or changed since it was read (version).' })
  reject(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: RejectCandidateDto,
  ): Promise<CandidateDto> {
    return this.review.reject(requireUser(actor), id, body);
  }
}
