import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { NewEstimateDto } from '../../estimates/dto/new-estimate.dto.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export class CreateForecastDto {
  @ApiProperty({
    example: 'Repression of the protest movement in Belarus will increase.',
    description: 'One crisp, atomic, resolvable claim.',
  })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(1000)
  statement: string;

  @ApiProperty({ example: 'Yes if the number of political prisoners recognised by Viasna is higher at the deadline than today.' })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  resolutionCriteria: string;

  @ApiPropertyOptional({ format: 'date-time', description: '"Resolve by". Omit for an open-ended forecast, then give reviewOn.' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  deadline?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Review date of an open-ended forecast (required when there is no deadline).' })
  @OptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'reviewOn must be a real calendar date' })
  reviewOn?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the prediction was made (default: now; for a document, its publication).',
  })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  madeAt?: string;

  @ApiPropertyOptional({ type: [String], example: ['repression'], description: 'Lower-case topic tags.' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits and hyphens' })
  @MaxLength(64, { each: true })
  tags: string[] = [];

  @ApiPropertyOptional({ type: [String], example: ['Lukashenka'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  actors: string[] = [];

  @ApiPropertyOptional({ type: [String], example: ['Belarus'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  regions: string[] = [];

  @ApiPropertyOptional({ enum: ['draft', 'open'], default: 'open', description: 'A draft is a candidate not yet accepted.' })
  @OptionalNotNull()
  @IsIn(['draft', 'open'])
  status: 'draft' | 'open' = 'open';

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who tracks the forecast (default: you).' })
  @OptionalNotNull()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Source document; with it, give the exact quote.' })
  @OptionalNotNull()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ description: 'The exact words in the document. The server finds them, or checks the offsets given.' })
  @OptionalNotNull()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  quote?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Start of the quote in the document text, in characters (code points).' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  quoteStart?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'End of the quote (exclusive).' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  quoteEnd?: number;

  @ApiPropertyOptional({ type: () => NewEstimateDto, description: 'A first probability estimate, recorded with the forecast.' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => NewEstimateDto)
  initialEstimate?: NewEstimateDto;
}
