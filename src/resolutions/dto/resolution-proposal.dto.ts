import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceStance, EvidenceWeight, ForecastStatus, Outcome, ResolutionAction, ReviewDecision } from '@prisma/client';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { CurrentEstimateDto } from '../../forecasts/dto/forecast.dto.js';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { ResolutionChangeDto } from './resolution.dto.js';
import { MAX_CITED_EVIDENCE, MAX_RATIONALE_LENGTH } from './resolve-forecast.dto.js';
import { TrimString } from './trim-string.js';
import { PageQuery } from '../../common/pagination/page.query.js';
import { NotBlank } from '../../common/http/text.js';

/**
 * A proposal: to resolve (outcome, its date, rationale, evidence) or to reopen (a rationale only).
 * Both take a second reviewer's approval.
 */
export class ProposeResolutionDto {
  @ApiPropertyOptional({ enum: ResolutionAction, default: 'resolve', description: 'resolve (first or re-resolution) or reopen.' })
  @OptionalNotNull()
  @IsEnum(ResolutionAction)
  action?: ResolutionAction;

  @ApiPropertyOptional({ enum: Outcome, description: 'Required to resolve; not with reopen.' })
  @OptionalNotNull()
  @IsEnum(Outcome)
  outcome?: Outcome;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2021-03-15',
    description:
      'Required to resolve; not with reopen. The date the outcome became true (UTC): not in the future, not before the forecast ' +
      'was made, not after its deadline.',
  })
  @OptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'occurredOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'occurredOn must be a real calendar date' })
  occurredOn?: string;

  @ApiProperty({ example: 'Viasna counted 246 political prisoners on 15 March 2021, against 68 on 15 September 2020.' })
  @TrimString()
  @IsString()
  @NotBlank()
  @MaxLength(MAX_RATIONALE_LENGTH)
  rationale: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_CITED_EVIDENCE, uniqueItems: true, description: 'To resolve only.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CITED_EVIDENCE)
  @ArrayUnique((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id), { message: 'citedEvidenceIds must not repeat an id' })
  @IsUUID('all', { each: true })
  citedEvidenceIds?: string[];
}

export class ReviewProposalDto {
  @ApiPropertyOptional({ example: 'Checked the Viasna figures; agreed.' })
  @OptionalNotNull()
  @TrimString()
  @IsString()
  @NotBlank()
  @MaxLength(MAX_RATIONALE_LENGTH)
  comment?: string;
}

export class RejectProposalDto {
  @ApiProperty({ example: 'The count cited is from the wrong month.' })
  @TrimString()
  @IsString()
  @NotBlank()
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

  @ApiProperty({ enum: ResolutionAction, description: 'resolve or reopen.' })
  action: ResolutionAction;

  @ApiPropertyOptional({ enum: Outcome, nullable: true, description: 'Null for a reopening.' })
  outcome: Outcome | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Null for a reopening.' })
  occurredOn: string | null;

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

/** The forecast a proposal would resolve, as the review queue shows it. */
export class ProposalForecastDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty()
  resolutionCriteria: string;

  @ApiProperty({ enum: ForecastStatus })
  status: ForecastStatus;

  @ApiPropertyOptional({ enum: Outcome, nullable: true })
  outcome: Outcome | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  deadline: string | null;

  @ApiProperty({ type: [CurrentEstimateDto], description: 'Each forecaster’s latest estimate, newest first (as in the forecast list).' })
  currentEstimates: CurrentEstimateDto[];
}

/** A piece of evidence a proposal cites, with its link to the proposal's forecast. */
export class ProposalCitedEvidenceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  summary: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  sourceTitle: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  sourceUrl: string | null;

  @ApiProperty({ type: String, format: 'date' })
  occurredOn: string;

  @ApiPropertyOptional({ enum: EvidenceStance, nullable: true, description: 'Null when the evidence is no longer linked to the forecast.' })
  stance: EvidenceStance | null;

  @ApiPropertyOptional({ enum: EvidenceWeight, nullable: true })
  weight: EvidenceWeight | null;

  @ApiProperty()
  retracted: boolean;
}

export class ProposerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

/** A proposal in the list, with what a reviewer reads to decide it: one call for the whole queue. */
export class ProposalListItemDto extends ResolutionProposalDto {
  @ApiProperty({ type: ProposalForecastDto })
  forecast: ProposalForecastDto;

  @ApiProperty({ type: [ProposalCitedEvidenceDto], description: 'In the order the proposal cites them.' })
  citedEvidence: ProposalCitedEvidenceDto[];

  @ApiProperty({ type: ProposerDto })
  proposedBy: ProposerDto;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ProposalListItemDto], description: 'Newest first.' })
  data: ProposalListItemDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}

export class ProposalDecisionDto {
  @ApiProperty({ type: ResolutionProposalDto })
  proposal: ResolutionProposalDto;

  @ApiPropertyOptional({ type: ResolutionChangeDto, nullable: true, description: 'On approval: the resolution now in force.' })
  change: ResolutionChangeDto | null;
}
