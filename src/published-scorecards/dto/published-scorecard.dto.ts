import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PublishedScorecardKind } from '@prisma/client';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { DEFAULT_CALIBRATION_BINS, MAX_CALIBRATION_BINS } from '../../scoring/index.js';
import { ScorecardReportDto } from '../../scorecards/dto/scorecard-report.dto.js';
import { PARTIAL_POLICIES, type PartialPolicy } from '../../scorecards/dto/scorecard.query.js';

export class PublishScorecardDto {
  @ApiProperty({ enum: PublishedScorecardKind })
  @IsIn(Object.values(PublishedScorecardKind))
  kind: PublishedScorecardKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'With kind=forecaster: whose scorecard.' })
  @ValidateIf((body: PublishScorecardDto) => body.kind === 'forecaster' || body.forecasterId !== undefined)
  @IsUUID()
  forecasterId?: string;

  @ApiPropertyOptional({
    example: 'Polish Institute of International Affairs',
    description: "With kind=publisher: the documents' publisher, as written on them.",
  })
  @ValidateIf((body: PublishScorecardDto) => body.kind === 'publisher' || body.publisher !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  publisher?: string;
}

export class PublishedScorecardDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'polish-institute-of-international-affairs-3f9a2c1b' })
  slug: string;

  @ApiProperty({ example: '/app/public/scorecards/polish-institute-of-international-affairs-3f9a2c1b', description: 'The public page.' })
  path: string;

  @ApiProperty({ enum: PublishedScorecardKind })
  kind: PublishedScorecardKind;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  forecasterId: string | null;

  @ApiProperty({ nullable: true, type: String })
  publisher: string | null;

  @ApiProperty({ description: "The forecaster's name or the publisher.", example: 'Polish Institute of International Affairs' })
  label: string;

  @ApiProperty({ format: 'uuid' })
  createdById: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class PublishedScorecardPageDto {
  @ApiProperty({ type: [PublishedScorecardDto] })
  data: PublishedScorecardDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}

export const PUBLIC_GROUPINGS = ['horizon', 'month'] as const;
export type PublicGrouping = (typeof PUBLIC_GROUPINGS)[number];

/** The choices a public reader has: how to group and score, never what is in scope. */
export class PublicScorecardQuery {
  @ApiPropertyOptional({
    enum: PUBLIC_GROUPINGS,
    default: 'horizon',
    description: 'Break the scorecard down by horizon band or by month of resolution.',
  })
  @IsOptional()
  @IsIn(PUBLIC_GROUPINGS)
  groupBy: PublicGrouping = 'horizon';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CALIBRATION_BINS, default: DEFAULT_CALIBRATION_BINS, description: 'Calibration bins.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CALIBRATION_BINS)
  bins: number = DEFAULT_CALIBRATION_BINS;

  @ApiPropertyOptional({ enum: PARTIAL_POLICIES, default: 'exclude', description: 'Leave partial outcomes out, or score them as 0.5.' })
  @IsOptional()
  @IsIn(PARTIAL_POLICIES)
  partial: PartialPolicy = 'exclude';
}

export class PublicScorecardDto {
  @ApiProperty({ enum: PublishedScorecardKind })
  kind: PublishedScorecardKind;

  @ApiProperty({ description: "The forecaster's name or the publisher." })
  label: string;

  @ApiProperty()
  slug: string;

  @ApiProperty({ format: 'date-time', description: 'When it was published.' })
  publishedAt: string;

  @ApiProperty({ type: ScorecardReportDto })
  scorecard: ScorecardReportDto;
}
