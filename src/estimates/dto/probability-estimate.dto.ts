import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EstimateBasis } from '@prisma/client';

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

  @ApiProperty({ description: 'True when the number is a suggestion for words on no scale, awaiting an analyst.' })
  needsConfirmation: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  rationale: string | null;
}
