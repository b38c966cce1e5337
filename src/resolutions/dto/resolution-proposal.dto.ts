import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Outcome, ReviewDecision } from '@prisma/client';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { ResolutionChangeDto } from './resolution.dto.js';
import { MAX_RATIONALE_LENGTH } from './resolve-forecast.dto.js';
import { TrimString } from './trim-string.js';
import { PageQuery } from '../../common/pagination/page.query.js';

export class ReviewProposalDto {
  @ApiPropertyOptional({ example: 'Checked the Viasna figures; agreed.' })
  @OptionalNotNull()
  @TrimString()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_RATIONALE_LENGTH)
  comment?: string;
}

export class RejectProposalDto {
  @ApiProperty({ example: 'The count cited is from the wrong month.' })
  @TrimString()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_RATIONALE_LENGTH)
  comment: string;
}

export const PROPOSAL_STATES = ['pending', 'approved', 'rejected'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export class ListProposalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATES })
  @IsOptional()
  @IsIn(PROPOSAL_STATES)
  state?: ProposalState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  forecastId?: string;
}

export class ProposalReviewDto {
  @ApiProperty({ enum: ReviewDecision })
  decision: ReviewDecision;

  @ApiProperty({ format: 'uuid' })
  reviewerId: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  comment: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The resolution an approval created.' })
  resolutionId: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class ResolutionProposalDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty({ enum: Outcome })
  outcome: Outcome;

  @ApiProperty({ format: 'date' })
  occurredOn: string;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  citedEvidenceIds: string[];

  @ApiProperty({ format: 'uuid' })
  proposedById: string;

  @ApiProperty({ format: 'date-time' })
  proposedAt: string;

  @ApiProperty({ enum: PROPOSAL_STATES })
  state: ProposalState;

  @ApiPropertyOptional({ type: ProposalReviewDto, nullable: true })
  review: ProposalReviewDto | null;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ResolutionProposalDto], description: 'Newest first.' })
  data: ResolutionProposalDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}

export class ProposalDecisionDto {
  @ApiProperty({ type: ResolutionProposalDto })
  proposal: ResolutionProposalDto;

  @ApiPropertyOptional({ type: ResolutionChangeDto, nullable: true, description: 'On approval: the resolution now in force.' })
  change: ResolutionChangeDto | null;
}
