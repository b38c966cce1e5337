import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { ProbabilityEstimateDto } from './probability-estimate.dto.js';
import { PageQuery } from '../../common/pagination/page.query.js';

export class ForecastEstimatesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this forecaster\u2019s time series.' })
  @IsOptional()
  @IsUUID()
  forecasterId?: string;
}

export class ForecasterEstimatesQuery extends PageQuery {}

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
