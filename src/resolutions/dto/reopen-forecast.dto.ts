import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_RATIONALE_LENGTH } from './resolve-forecast.dto.js';
import { TrimString } from './trim-string.js';

export class ReopenForecastDto {
  @ApiProperty({ example: 'The Viasna count used for the resolution was revised; the question needs a fresh look.' })
  @TrimString()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_RATIONALE_LENGTH)
  rationale: string;
}
