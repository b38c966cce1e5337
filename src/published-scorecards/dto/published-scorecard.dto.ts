import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PublishedScorecardKind } from '@prisma/client';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { ScorecardReportDto } from '../../scorecards/dto/scorecard-report.dto.js';
import { ScoringChoicesQuery } from '../../scorecards/dto/scoring-choices.query.js';

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
export class PublicScorecardQuery extends ScoringChoicesQuery {
  @ApiPropertyOptional({
    enum: PUBLIC_GROUPINGS,
    default: 'horizon',
    description: 'Break the scorecard down by horizon band or by month of resolution.',
  })
  @IsOptional()
  @IsIn(PUBLIC_GROUPINGS)
  groupBy: PublicGrouping = 'horizon';
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
