import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ForecastStatus, Outcome, ResolutionAction } from '@prisma/client';

export class ResolutionDeciderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Rita Reviewer' })
  displayName: string;
}

export class CitedEvidenceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Viasna lists 246 political prisoners.' })
  summary: string;
}

export class ResolutionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty({ enum: ResolutionAction, description: 'resolve (first or re-resolution) or reopen.' })
  action: ResolutionAction;

  @ApiPropertyOptional({ enum: Outcome, nullable: true, description: 'Null for a reopening.' })
  outcome: Outcome | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date',
    description: 'The date the outcome became true; null for a reopening.',
  })
  occurredOn: string | null;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ type: ResolutionDeciderDto })
  decidedBy: ResolutionDeciderDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [CitedEvidenceDto] })
  citedEvidence: CitedEvidenceDto[];

  @ApiProperty({ description: 'True on the one resolve entry that decides the outcome of a resolved forecast.' })
  inForce: boolean;
}

/** The forecast columns a resolution drives. */
export class ForecastResolutionStateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ForecastStatus })
  status: ForecastStatus;

  @ApiPropertyOptional({ enum: Outcome, nullable: true })
  outcome: Outcome | null;

  @ApiProperty({ example: 2, description: 'Incremented by every resolution entry.' })
  version: number;
}

export class ResolutionChangeDto {
  @ApiProperty({ type: ResolutionDto, description: 'The new entry.' })
  resolution: ResolutionDto;

  @ApiProperty({ type: ForecastResolutionStateDto, description: 'The forecast as this entry left it.' })
  forecast: ForecastResolutionStateDto;
}

export class ResolutionHistoryDto {
  @ApiProperty({ type: ForecastResolutionStateDto })
  forecast: ForecastResolutionStateDto;

  @ApiProperty({ type: [ResolutionDto], description: 'Every entry, oldest first; the latest one is in force.' })
  data: ResolutionDto[];
}
