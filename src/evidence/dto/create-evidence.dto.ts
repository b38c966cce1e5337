import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CALENDAR_DATE } from '../../common/dates/utc-date.js';
import { EvidenceLinkInput } from './evidence-link.input.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

export const MAX_LINKS_PER_EVIDENCE = 50;

export class CreateEvidenceDto {
  @ApiProperty({ example: 'Putin and Lukashenka met in Sochi; Russia offered a $1.5bn loan.', maxLength: 4000 })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ example: 'Reuters', maxLength: 500 })
  @IsOptional()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  sourceTitle?: string;

  @ApiPropertyOptional({ example: 'https://www.reuters.com/article/example', description: 'An http or https URL.', maxLength: 2048 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'sourceUrl must be an http or https URL' })
  @MaxLength(2048)
  sourceUrl?: string;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2020-09-14',
    description: 'When the event happened or was reported; not a date that has not yet begun anywhere (UTC+14).',
  })
  @Matches(CALENDAR_DATE, { message: 'occurredOn must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  occurredOn: string;

  @ApiProperty({ type: [EvidenceLinkInput], minItems: 1, maxItems: MAX_LINKS_PER_EVIDENCE, description: 'One link per forecast.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINKS_PER_EVIDENCE)
  @ArrayUnique((link: Partial<EvidenceLinkInput> | null) => link?.forecastId, { message: 'links must name each forecast once' })
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkInput)
  links: EvidenceLinkInput[];
}
