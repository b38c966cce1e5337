import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EstimateBasis } from '@prisma/client';

export class EstimateConfirmationDto {
  @ApiProperty({ format: 'uuid', description: 'The user who confirmed the number suggested for the words.' })
  confirmedById: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  comment: string | null;
}

export class ProbabilityEstimateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  forecasterId: string;

  @ApiProperty({ example: 'Anna Maria Dyner' })
  forecasterName: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.85 })
  probability: number;

  @ApiProperty({ format: 'date-time' })
  madeAt: string;

  @ApiProperty({ enum: EstimateBasis })
  basis: EstimateBasis;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'can be expected' })
  words: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'icd203' })
  scale: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  rangeLow: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  rangeHigh: number | null;

  @ApiProperty({
    description:
      'True when the number is a suggestion for words on no scale, awaiting an analyst (POST /estimates/{id}/confirmation); ' +
      'false once confirmed.',
  })
  needsConfirmation: boolean;

  @ApiPropertyOptional({ type: EstimateConfirmationDto, nullable: true, description: 'Who confirmed the suggested number, when.' })
  confirmation: EstimateConfirmationDto | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why the number stands although it lies outside the range of its words (null: it lies inside, or there are no words).',
  })
  rangeOverrideReason: string | null;

  @ApiProperty({ format: 'uuid', description: 'The user who typed the estimate in.' })
  recordedById: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Set when an admin recorded the estimate in another user\u2019s name: why.',
  })
  onBehalfReason: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  rationale: string | null;
}
