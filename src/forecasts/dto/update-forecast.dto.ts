import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { TAG_PATTERN } from './create-forecast.dto.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

/**
 * An edit of the forecast's own fields. Optimistic concurrency: send the version you read, as
 * `version` here or as `If-Match: "<version>"` (the ETag of GET /forecasts/:id).
 */
export class UpdateForecastDto {
  @ApiPropertyOptional({ example: 3, description: 'The version you read; a stale one is refused with 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(1000)
  statement?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  resolutionCriteria?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'null makes the forecast open-ended (then give reviewOn).' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  deadline?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'reviewOn must be a real calendar date' })
  reviewOn?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits and hyphens' })
  @MaxLength(64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  actors?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Hand the forecast to another owner.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: ['open'], description: 'Accept a draft: draft → open.' })
  @IsOptional()
  @IsIn(['open'])
  status?: 'open';
}
