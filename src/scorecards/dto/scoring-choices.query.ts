import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_CALIBRATION_BINS, MAX_CALIBRATION_BINS } from '../../scoring/index.js';

export const PARTIAL_POLICIES = ['exclude', 'half'] as const;
export type PartialPolicy = (typeof PARTIAL_POLICIES)[number];

/**
 * How a scorecard is scored, as opposed to what it covers: the choices every reader has, on the
 * private scorecards and on a published one alike, so both validate and document them the same way.
 */
export class ScoringChoicesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CALIBRATION_BINS, default: DEFAULT_CALIBRATION_BINS, description: 'Calibration bins.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CALIBRATION_BINS)
  bins: number = DEFAULT_CALIBRATION_BINS;

  @ApiPropertyOptional({ enum: PARTIAL_POLICIES, default: 'exclude', description: 'Leave partial outcomes out, or score them as 0.5.' })
  @IsOptional()
  @IsIn(PARTIAL_POLICIES)
  partial: PartialPolicy = 'exclude';
}
