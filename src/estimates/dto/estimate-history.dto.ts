import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { ProbabilityEstimateDto } from '../../forecasts/dto/forecast.dto.js';

export class ForecastEstimatesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this forecaster\u2019s time series.' })
  @IsOptional()
  @IsUUID()
  forecasterId?: string;
}

export class ForecasterEstimatesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class ForecasterEstimateDto extends ProbabilityEstimateDto {
  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty()
  forecastStatement: string;
}

export class ForecasterEstimatePageDto {
  @ApiProperty({ type: [ForecasterEstimateDto], description: 'Newest first.' })
  data: ForecasterEstimateDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}

export class ForecastEstimatesDto {
  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty({ type: [ProbabilityEstimateDto], description: 'Every estimate, oldest first: each forecaster\u2019s time series.' })
  data: ProbabilityEstimateDto[];
}
