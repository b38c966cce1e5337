import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ScorecardScope } from '@prisma/client';
import { IsEnum, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE } from '../../common/dates/utc-date.js';

export class ScorecardTrendQuery {
  @ApiProperty({ enum: ScorecardScope })
  @IsEnum(ScorecardScope)
  scope: ScorecardScope;

  @ApiProperty({ description: "The forecaster's id (scope=forecaster) or the tag (scope=tag).", example: 'integration' })
  @IsString()
  @MaxLength(64)
  key: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-01', description: 'First day (UTC); default a year before `to`.' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'from must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', description: 'Last day (UTC); default today.' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'to must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}
