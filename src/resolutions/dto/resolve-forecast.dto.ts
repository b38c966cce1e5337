import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Outcome } from '@prisma/client';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TrimString } from './trim-string.js';
import { NotBlank } from '../../common/http/text.js';

export const MAX_CITED_EVIDENCE = 50;
export const MAX_RATIONALE_LENGTH = 10_000;

export class ResolveForecastDto {
  @ApiProperty({ enum: Outcome, description: 'yes: the statement came true; annulled: a premise failed.' })
  @IsEnum(Outcome)
  outcome: Outcome;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2021-03-15',
    description: 'The date the outcome became true (UTC): not in the future, not before the forecast was made.',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'occurredOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'occurredOn must be a real calendar date' })
  occurredOn: string;

  @ApiProperty({ example: 'Viasna counted 246 political prisoners on 15 March 2021, against 68 on 15 September 2020.' })
  @TrimString()
  @IsString()
  @NotBlank()
  @MaxLength(MAX_RATIONALE_LENGTH)
  rationale: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_CITED_EVIDENCE,
    uniqueItems: true,
    description: 'Evidence the decision rests on; any logged evidence, linked to this forecast or not.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CITED_EVIDENCE)
  // PostgreSQL reads UUIDs case-insensitively, so "A…" and "a…" are the same evidence.
  @ArrayUnique((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id), { message: 'citedEvidenceIds must not repeat an id' })
  @IsUUID('all', { each: true })
  citedEvidenceIds?: string[];
}
