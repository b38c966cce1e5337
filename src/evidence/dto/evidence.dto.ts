import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceStance, EvidenceWeight } from '@prisma/client';
import { PageInfoDto } from '../../common/pagination/page.dto.js';

export class EvidenceRetractionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  evidenceId: string;

  @ApiProperty({ example: 'The report was a hoax; the agency withdrew it the next day.' })
  reason: string;

  @ApiProperty({ format: 'uuid', description: 'The user who retracted it.' })
  retractedBy: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class EvidenceLinkDto {
  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty({ example: 'Russia will deepen its integration with Belarus under the Union State Treaty.' })
  statement: string;

  @ApiProperty({ enum: EvidenceStance })
  stance: EvidenceStance;

  @ApiProperty({ enum: EvidenceWeight })
  weight: EvidenceWeight;
}

class EvidenceFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  summary: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  sourceTitle: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uri' })
  sourceUrl: string | null;

  @ApiProperty({ format: 'date', example: '2020-09-14', description: 'When the event happened or was reported.' })
  occurredOn: string;

  @ApiProperty({ format: 'uuid', description: 'The user who logged it.' })
  loggedBy: string;

  @ApiProperty({ format: 'date-time', description: 'When it was logged.' })
  createdAt: string;

  @ApiPropertyOptional({
    type: EvidenceRetractionDto,
    nullable: true,
    description: 'Set once retracted; the evidence stays visible, marked by this.',
  })
  retraction: EvidenceRetractionDto | null;
}

export class EvidenceDto extends EvidenceFieldsDto {
  @ApiProperty({ type: [EvidenceLinkDto] })
  links: EvidenceLinkDto[];
}

export class EvidencePageDto {
  @ApiProperty({ type: [EvidenceDto], description: 'Newest event first.' })
  data: EvidenceDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}

/** Evidence as it bears on one forecast. */
export class ForecastEvidenceEntryDto extends EvidenceFieldsDto {
  @ApiProperty({ enum: EvidenceStance, description: 'Stance towards this forecast.' })
  stance: EvidenceStance;

  @ApiProperty({ enum: EvidenceWeight, description: 'Weight for this forecast.' })
  weight: EvidenceWeight;

  @ApiProperty()
  retracted: boolean;
}

export class StanceCountsDto {
  @ApiProperty({ example: 2 })
  supports: number;

  @ApiProperty({ example: 1 })
  contradicts: number;

  @ApiProperty({ example: 0 })
  context: number;
}

export class TimelineCountsDto extends StanceCountsDto {
  @ApiProperty({ example: 1, description: 'Retracted items, which the stance counts leave out.' })
  retracted: number;
}

export class ForecastEvidenceTimelineDto {
  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty({ type: TimelineCountsDto })
  counts: TimelineCountsDto;

  @ApiProperty({ type: [ForecastEvidenceEntryDto], description: 'By occurredOn, then when logged.' })
  data: ForecastEvidenceEntryDto[];
}
