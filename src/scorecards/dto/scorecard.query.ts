import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ForecastStatus } from '@prisma/client';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CALENDAR_DATE } from '../../common/dates/utc-date.js';
import { ScoringChoicesQuery } from './scoring-choices.query.js';

export { PARTIAL_POLICIES, type PartialPolicy } from './scoring-choices.query.js';

export const SCORECARD_GROUPINGS = ['forecaster', 'document', 'publisher', 'tag', 'horizon', 'month'] as const;
export type ScorecardGroupBy = (typeof SCORECARD_GROUPINGS)[number];

/** Groups a scorecard lists by default and at most (a document grouping of a large archive has tens of thousands). */
export const DEFAULT_SCORECARD_GROUPS = 1_000;
export const MAX_SCORECARD_GROUPS = 20_000;

/** Which final estimates a scorecard scores: numbers as given (stated in the text or an analyst's own), numbers read from words, or both. */
export const SCORECARD_BASES = ['all', 'numbers', 'words'] as const;
export type ScorecardBasis = (typeof SCORECARD_BASES)[number];

export const SCORECARD_FORMATS = ['json', 'csv', 'md', 'pdf'] as const;
export type ScorecardFormat = (typeof SCORECARD_FORMATS)[number];

export class ScorecardQuery extends ScoringChoicesQuery {
  @ApiPropertyOptional({
    enum: SCORECARD_GROUPINGS,
    default: 'forecaster',
    description:
      'forecaster; document; publisher (of the source document); tag (a forecast counts under each of its tags); ' +
      'horizon (deadline − madeAt in bands: ≤ 3, 3–6, 6–12, 12–24, > 24 months, open-ended); ' +
      "month (UTC month of the resolution's occurredOn; unresolved forecasts form their own group).",
  })
  @IsOptional()
  @IsIn(SCORECARD_GROUPINGS)
  groupBy: ScorecardGroupBy = 'forecaster';

  @ApiPropertyOptional({
    example: '2021-01-01',
    description: 'Only forecasts resolved on or after this date (the UTC date of the resolution in force). ISO 8601.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'Only forecasts resolved on or before this date (inclusive). ISO 8601.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    example: '2022-06-30',
    format: 'date',
    description:
      "The scorecard as it stood at the end of this UTC date, from the data's own dates rather than when they were typed in: " +
      'forecasts made by then, estimates made by then, outcomes that had become true by then (the occurredOn of the ' +
      'resolution in force today); a forecast not resolved by then is open, or due when its deadline had passed. Drafts ' +
      'and withdrawn forecasts keep their status. Not after today. Without it: now.',
  })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'asOf must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this forecaster's estimates." })
  @IsOptional()
  @IsUUID()
  forecasterId?: string;

  @ApiPropertyOptional({ example: 'integration', description: 'Only forecasts carrying this tag.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'tag must be lower-case letters, digits and hyphens' })
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only forecasts from this document.' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ enum: ForecastStatus, description: 'Only forecasts in this status. Without it, drafts are left out.' })
  @IsOptional()
  @IsEnum(ForecastStatus)
  status?: ForecastStatus;

  @ApiPropertyOptional({
    enum: SCORECARD_BASES,
    default: 'all',
    description:
      'Only items whose final estimate is a number as given (numbers: stated in the text, or an analyst\u2019s own) or a number ' +
      'read from words on a scale (words); all: both. With numbers or words, forecasts nobody estimated are left out.',
  })
  @IsOptional()
  @IsIn(SCORECARD_BASES)
  basis: ScorecardBasis = 'all';

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SCORECARD_GROUPS,
    default: DEFAULT_SCORECARD_GROUPS,
    description:
      'At most this many groups, the largest (most items) when there are more; overall still counts every item in scope, ' +
      'and groupCount says how many groups there are in all.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SCORECARD_GROUPS)
  groupLimit: number = DEFAULT_SCORECARD_GROUPS;

  @ApiPropertyOptional({
    enum: SCORECARD_FORMATS,
    description:
      'Download as a file in this format. Without it the Accept header chooses (text/csv, text/markdown, application/pdf, ' +
      'application/json) and JSON is answered inline.',
  })
  @IsOptional()
  @IsIn(SCORECARD_FORMATS)
  format?: ScorecardFormat;
}

/** The same choices for one forecaster's scorecard, whose forecaster comes from the path. */
export class ForecasterScorecardQuery extends OmitType(ScorecardQuery, ['forecasterId'] as const) {}
