import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { TAG_PATTERN } from '../../forecasts/dto/create-forecast.dto.js';
import { ForecastDetailDto } from '../../forecasts/dto/forecast.dto.js';
import { PROBABILITY_SCALES } from '../../probability/probability-scales.js';
import { CandidateDto } from './candidate.dto.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

const SCALES = Object.keys(PROBABILITY_SCALES);

/** Edits made while accepting; whatever is left out comes from the candidate. */
export class AcceptCandidateDto {
  @ApiPropertyOptional({ description: 'The statement (default: the proposed one). Ignored with split=true.' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(1000)
  statement?: string;

  @ApiPropertyOptional({ description: 'Default: "Yes if, by the deadline, <statement> No otherwise." — edit it to something checkable.' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  resolutionCriteria?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: the suggested deadline (end of that day, UTC).' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  deadline?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Review date when there is no deadline (default: a year after the document).' })
  @OptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewOn must be a date as YYYY-MM-DD' })
  reviewOn?: string;

  @ApiPropertyOptional({ type: [String], example: ['repression'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits and hyphens' })
  @MaxLength(64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  actors?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ example: 'likely', description: 'The words of the estimate (default: the candidate\u2019s).' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  words?: string;

  @ApiPropertyOptional({ enum: SCALES, description: 'Scale of the words (default: the extraction\u2019s, or icd203).' })
  @OptionalNotNull()
  @IsIn(SCALES)
  scale?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description: 'A number the analyst confirms for the words (then the estimate needs no confirmation).',
  })
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  probability?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Whose estimate (default: the document\u2019s first author, else its publisher).' })
  @OptionalNotNull()
  @IsUUID()
  forecasterId?: string;

  @ApiPropertyOptional({ default: false, description: 'Record one forecast per suggested split instead of one for the clause.' })
  @OptionalNotNull()
  @IsBoolean()
  split?: boolean;

  @ApiPropertyOptional({ enum: ['open', 'draft'], default: 'open' })
  @OptionalNotNull()
  @IsIn(['open', 'draft'])
  status?: 'open' | 'draft';

  @ApiPropertyOptional({ minimum: 1, description: 'The candidate version you decided on; a stale one is refused (409).' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class RejectCandidateDto {
  @ApiProperty({ example: 'A description of the past, not a prediction.' })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ minimum: 1 })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

/** The most candidates one bulk decision takes: the same cap as bulk acceptance. */
export const BULK_REVIEW_MAX = 200;

export class BulkRejectItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  candidateId: string;

  // Required here, unlike the single routes: a reviewer rejecting many at once decides on what the
  // list showed, so a candidate changed since (a rerun superseded it, someone decided it) is refused.
  @ApiProperty({ minimum: 1, description: 'The candidate version read; a stale one refuses the whole request (409).' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class BulkRejectDto {
  @ApiProperty({
    type: [BulkRejectItemDto],
    minItems: 1,
    maxItems: BULK_REVIEW_MAX,
    description: 'Pending candidates of the document to reject, each once with the version read; all or none are rejected.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_REVIEW_MAX)
  @ValidateNested({ each: true })
  @Type(() => BulkRejectItemDto)
  items: BulkRejectItemDto[];

  @ApiProperty({ example: 'A description of the past, not a prediction.', description: 'Why, recorded on every candidate rejected.' })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason: string;
}

export class BulkRejectedDto {
  @ApiProperty({ type: [CandidateDto], description: 'The rejected candidates, in the order given.' })
  rejected: CandidateDto[];
}

export class BulkAcceptItemDto extends AcceptCandidateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  candidateId: string;
}

export class BulkAcceptDto {
  @ApiProperty({ type: [BulkAcceptItemDto], description: 'Candidates to accept, each with its own edits; all or none are accepted.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_REVIEW_MAX)
  @ValidateNested({ each: true })
  @Type(() => BulkAcceptItemDto)
  items: BulkAcceptItemDto[];

  @ApiPropertyOptional({ type: [String], description: 'Tags added to every forecast accepted here.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits and hyphens' })
  tags?: string[];
}

export class AcceptedCandidateDto {
  @ApiProperty({ type: CandidateDto })
  candidate: CandidateDto;

  @ApiProperty({ type: [ForecastDetailDto] })
  forecasts: ForecastDetailDto[];
}

export class BulkAcceptedDto {
  @ApiProperty({ type: [AcceptedCandidateDto] })
  accepted: AcceptedCandidateDto[];
}

export class ListCandidatesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'rejected', 'superseded'] })
  @IsOptional()
  @IsIn(['pending', 'accepted', 'rejected', 'superseded'])
  state?: 'pending' | 'accepted' | 'rejected' | 'superseded';

  @ApiPropertyOptional({ enum: ['forecast', 'conditional_forecast', 'observation', 'recommendation', 'question'] })
  @IsOptional()
  @IsIn(['forecast', 'conditional_forecast', 'observation', 'recommendation', 'question'])
  kind?: 'forecast' | 'conditional_forecast' | 'observation' | 'recommendation' | 'question';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this run\u2019s candidates.' })
  @IsOptional()
  @IsUUID()
  runId?: string;

  @ApiPropertyOptional({
    enum: ['text', 'confidence'],
    default: 'text',
    description:
      'As in the text (the default), or by extraction confidence, highest first (then as in the text): most likely forecasts first.',
  })
  @IsOptional()
  @IsIn(['text', 'confidence'])
  order?: 'text' | 'confidence';
}
