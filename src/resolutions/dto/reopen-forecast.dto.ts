import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { MAX_RATIONALE_LENGTH } from './resolve-forecast.dto.js';
import { TrimString } from './trim-string.js';
import { NotBlank } from '../../common/http/text.js';

export class ReopenForecastDto {
  @ApiProperty({ example: 'The Viasna count used for the resolution was revised; the question needs a fresh look.' })
  @TrimString()
  @IsString()
  @NotBlank()
  @MaxLength(MAX_RATIONALE_LENGTH)
  rationale: string;
}
