import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ForecastStatus } from '@prisma/client';

export class ListForecastsQuery {
  @ApiPropertyOptional({ enum: ForecastStatus })
  @IsOptional()
  @IsEnum(ForecastStatus)
  status?: ForecastStatus;

  @ApiPropertyOptional({ example: 'integration', description: 'Forecasts carrying this tag.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'tag must be lower-case letters, digits and hyphens' })
  tag?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
