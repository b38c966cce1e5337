import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ScorecardScope } from '@prisma/client';

export class ExclusionCountsDto {
  @ApiProperty() partial: number;
  @ApiProperty() ambiguous: number;
  @ApiProperty() annulled: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() unresolved: number;
}

export class SnapshotCountsDto {
  @ApiProperty({ description: 'Resolved forecasts in the group.' })
  forecasts: number;

  @ApiProperty({ description: 'Final estimates on them: one per forecaster and forecast.' })
  estimates: number;

  @ApiProperty()
  scored: number;

  @ApiProperty()
  excludedTotal: number;

  @ApiProperty({ type: ExclusionCountsDto, description: 'Estimates left out, by reason (only yes/no outcomes are scored).' })
  excluded: ExclusionCountsDto;
}

export class BoundsDto {
  @ApiProperty() lower: number;
  @ApiProperty() upper: number;
}

export class SnapshotFiguresDto {
  @ApiProperty({ type: SnapshotCountsDto })
  counts: SnapshotCountsDto;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Brier one-sided, 0–1, lower is better; null when nothing is scored.' })
  brierOneSided: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: "Brier two-sided, 0–2 (Good Judgment's scale): twice the one-sided." })
  brierTwoSided: number | null;

  @ApiPropertyOptional({ nullable: true, type: BoundsDto, description: '95% Wilson interval of the one-sided mean Brier (1+ scored).' })
  brierOneSidedInterval95: BoundsDto | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean ln p_o (p clamped to [0.001, 0.999]); ≤ 0, higher is better.' })
  logScore: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Brier skill score against always 0.5.' })
  skillVsAlwaysHalf: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Brier skill score against the base rate.' })
  skillVsBaseRate: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  baseRate: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean forecast on yes minus mean forecast on no.' })
  discrimination: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  expectedCalibrationError: number | null;
}

export class ScorecardSnapshotPointDto {
  @ApiProperty({ type: String, format: 'date', description: 'The figures are as of the end of this day (UTC).' })
  date: string;

  @ApiProperty({ format: 'date-time', description: 'When these figures were computed (on this request).' })
  computedAt: string;

  @ApiProperty({ type: SnapshotFiguresDto })
  figures: SnapshotFiguresDto;
}

export class ScorecardTrendDto {
  @ApiProperty({ enum: ScorecardScope })
  scope: ScorecardScope;

  @ApiProperty()
  key: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: "The forecaster's name, or the tag." })
  label: string | null;

  @ApiProperty({ type: String, format: 'date' })
  from: string;

  @ApiProperty({ type: String, format: 'date' })
  to: string;

  @ApiProperty({
    type: [ScorecardSnapshotPointDto],
    description:
      'Oldest first: one point on each day in the range on which an outcome in the group became true (the figures change ' +
      "only then), and one on `from` with the standing figures when some came true before it. Computed from the data's " +
      'own dates (estimates made, outcomes true by the end of each day), so an archive entered today has its history.',
  })
  data: ScorecardSnapshotPointDto[];
}
