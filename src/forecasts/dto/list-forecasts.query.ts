import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ForecastStatus, Outcome } from '@prisma/client';
import { TAG_PATTERN } from './create-forecast.dto.js';
import { booleanFromQuery } from '../../common/http/query-boolean.js';
import { PageQuery } from '../../common/pagination/page.query.js';

export const FORECAST_SORTS = ['createdAt', 'deadline', 'updatedAt'] as const;
export type ForecastSort = (typeof FORECAST_SORTS)[number];

export class ListForecastsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ForecastStatus })
  @IsOptional()
  @IsEnum(ForecastStatus)
  status?: ForecastStatus;

  @ApiPropertyOptional({ enum: Outcome })
  @IsOptional()
  @IsEnum(Outcome)
  outcome?: Outcome;

  @ApiPropertyOptional({ example: 'integration', description: 'Forecasts carrying this tag.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(TAG_PATTERN, { message: 'tag must be lower-case letters, digits and hyphens' })
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Forecasts this forecaster has made an estimate on.' })
  @IsOptional()
  @IsUUID()
  forecasterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Forecasts this user tracks.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Deadline on or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadlineFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Deadline on or before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadlineTo?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: only forecasts past their deadline and still awaiting a resolution (status open or due: the due sweep may not ' +
      'have marked them yet). false: every other forecast.',
  })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Words in the statement, criteria or quote (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: FORECAST_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(FORECAST_SORTS)
  sort: ForecastSort = 'createdAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}
