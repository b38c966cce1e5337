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
import {
  ListProposalsQuery,
  ProposeResolutionDto,
  ProposalDecisionDto,
  ProposalPageDto,
  RejectProposalDto,
  ResolutionProposalDto,
  ReviewProposalDto,
} from './dto/resolution-proposal.dto.js';
import { ResolutionProposalsService } from './resolution-proposals.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('resolutions')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto })
@Controller()
export class ResolutionProposalsController {
  constructor(private readonly proposals: ResolutionProposalsService) {}

  @Post('forecasts/:id/resolution-proposals')
  @Idempotent()
  @RequireRole('reviewer')
  @ApiOperation({
    summary: 'Propose a resolution, or a reopening (action=reopen); a second reviewer approves or rejects it (review of resolutions).',
  })
  @ApiCreatedResponse({ type: ResolutionProposalDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'A proposal already awaits review, or the forecast is a draft or withdrawn.' })
  propose(
    @Param('id', uuidParam()) id: string,
    @Body() body: ProposeResolutionDto,
    @CurrentActor() actor: RequestActor,
  ): Promise<ResolutionProposalDto> {
    return this.proposals.propose(id, body, requireUser(actor));
  }

  @Get('resolution-proposals')
  @ApiOperation({ summary: 'Resolution proposals, newest first; state=pending is the review queue.' })
  @ApiOkResponse({ type: ProposalPageDto })
  list(@Query() query: ListProposalsQuery): Promise<ProposalPageDto> {
    return this.proposals.list(query);
  }

  @Get('resolution-proposals/:id')
  @ApiOperation({ summary: 'One proposal with its review.' })
  @ApiOkResponse({ type: ResolutionProposalDto })
  get(@Param('id', uuidParam()) id: string): Promise<ResolutionProposalDto> {
    return this.proposals.get(id);
  }

  @Post('resolution-proposals/:id/approve')
  @Idempotent()
  @RequireRole('reviewer')
  @ApiOperation({ summary: 'Approve a proposal (not your own, and not on a forecast you made estimates on): the resolution is recorded.' })
  @ApiCreatedResponse({ type: ProposalDecisionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already decided.' })
  approve(
    @Param('id', uuidParam()) id: string,
    @Body() body: ReviewProposalDto,
    @CurrentActor() actor: RequestActor,
  ): Promise<ProposalDecisionDto> {
    return this.proposals.approve(id, body, requireUser(actor));
  }

  @Post('resolution-proposals/:id/reject')
  @Idempotent()
  @RequireRole('reviewer')
  @ApiOperation({ summary: 'Reject a proposal, saying why (the proposer may withdraw their own this way).' })
  @ApiCreatedResponse({ type: ProposalDecisionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already decided.' })
  reject(
    @Param('id', uuidParam()) id: string,
    @Body() body: RejectProposalDto,
    @CurrentActor() actor: RequestActor,
  ): Promise<ProposalDecisionDto> {
    return this.proposals.reject(id, body, requireUser(actor));
  }
}
