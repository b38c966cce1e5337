import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const HISTORY_KINDS = [
  'created',
  'edited',
  'status_changed',
  'withdrawn',
  'estimate',
  'evidence',
  'evidence_retracted',
  'resolved',
  'reopened',
  'proposed',
  'proposal_rejected',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export class HistoryActorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'date-time', description: 'When it was recorded.' })
  at: string;

  @ApiProperty({ enum: HISTORY_KINDS })
  kind: HistoryKind;

  @ApiPropertyOptional({ type: HistoryActorDto, nullable: true })
  actor: HistoryActorDto | null;

  @ApiProperty({ example: 'Anna Maria Dyner estimated 0.85 ("will", unscaled)' })
  summary: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The entry itself (an estimate, evidence link, resolution, or the before/after of an edit).',
  })
  details: Record<string, unknown>;
}

export class ForecastHistoryDto {
  @ApiProperty({ format: 'uuid' })
  forecastId: string;

  @ApiProperty({ type: [HistoryEntryDto], description: 'Oldest first.' })
  entries: HistoryEntryDto[];
}
