import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional, Matches } from 'class-validator';

export class RunJobDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-03-04T10:00:00Z',
    description:
      'Run this slot (e.g. one that failed or went stale); default: a new slot at the current second. Not for scorecard-snapshot.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  slot?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-03-03',
    description: 'scorecard-snapshot only: the day to (re)compute, from data as of its end; default yesterday (UTC).',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Run a slot that has run already, as its next attempt (refused while an attempt is still running and not stale).',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
