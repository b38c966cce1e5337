import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ForecastStatus, Outcome } from '@prisma/client';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { ProbabilityEstimateDto } from '../../estimates/dto/probability-estimate.dto.js';

/** How many forecasters' current estimates a row of the forecast list carries. */
export const CURRENT_ESTIMATES_IN_LIST = 5;

export class ForecastSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Russia will deepen its integration with Belarus under the Union State Treaty.' })
  statement: string;

  @ApiProperty()
  resolutionCriteria: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: '"Resolve by"; null when open-ended.' })
  deadline: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'Review date of an open-ended forecast.' })
  reviewOn: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the prediction was made (for a document: its publication).' })
  madeAt: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: [String] })
  actors: string[];

  @ApiProperty({ type: [String] })
  regions: string[];

  @ApiProperty({ enum: ForecastStatus })
  status: ForecastStatus;

  @ApiPropertyOptional({ enum: Outcome, nullable: true })
  outcome: Outcome | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  documentId: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The exact words in the document.' })
  quote: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Start of the quote in the document text (code points, inclusive).' })
  quoteStart: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'End of the quote (code points, exclusive).' })
  quoteEnd: number | null;

  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  @ApiProperty({ example: 1, description: 'Increments on every edit; send it back to edit.' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class EvidenceCountsDto {
  @ApiProperty({ example: 2 })
  supports: number;

  @ApiProperty({ example: 1 })
  contradicts: number;

  @ApiProperty({ example: 0 })
  context: number;
}

export class ResolutionInForceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: Outcome })
  outcome: Outcome;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'When the outcome became true.' })
  occurredOn: string | null;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ format: 'uuid' })
  decidedById: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

export class ForecastDetailDto extends ForecastSummaryDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  withdrawnReason: string | null;

  @ApiProperty({ type: [ProbabilityEstimateDto], description: 'Each forecaster’s latest estimate: their current probability.' })
  currentEstimates: ProbabilityEstimateDto[];

  @ApiProperty({ type: [ProbabilityEstimateDto], description: 'Every estimate, oldest first.' })
  estimates: ProbabilityEstimateDto[];

  @ApiProperty({ type: EvidenceCountsDto, description: 'Linked evidence by stance, retracted items left out.' })
  evidenceCounts: EvidenceCountsDto;

  @ApiPropertyOptional({ type: ResolutionInForceDto, nullable: true, description: 'The latest resolution, when the forecast is resolved.' })
  resolution: ResolutionInForceDto | null;
}

/** A forecaster's latest estimate on a forecast, as the forecast list shows it: the estimate's own fields, fewer of them. */
export class CurrentEstimateDto extends PickType(ProbabilityEstimateDto, [
  'forecasterId',
  'forecasterName',
  'probability',
  'basis',
  'words',
  'scale',
  'rangeLow',
  'rangeHigh',
  'madeAt',
] as const) {}

export class ForecastListItemDto extends ForecastSummaryDto {
  @ApiProperty({
    type: [CurrentEstimateDto],
    description: `Each forecaster\u2019s latest estimate, newest first, at most ${CURRENT_ESTIMATES_IN_LIST} (estimateCount counts them all).`,
  })
  currentEstimates: CurrentEstimateDto[];

  @ApiProperty({ example: 3, description: 'Estimates on the forecast, every forecaster, every revision.' })
  estimateCount: number;

  @ApiProperty({ type: EvidenceCountsDto, description: 'Linked evidence by stance, retracted items left out.' })
  evidenceCount: EvidenceCountsDto;
}

export class ForecastPageDto {
  @ApiProperty({ type: [ForecastListItemDto] })
  data: ForecastListItemDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
