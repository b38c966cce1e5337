import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ForecastStatus } from '@prisma/client';
import {
  PARTIAL_POLICIES,
  SCORECARD_BASES,
  SCORECARD_GROUPINGS,
  type PartialPolicy,
  type ScorecardBasis,
  type ScorecardGroupBy,
} from './scorecard.query.js';

export class BrierScaleDto {
  @ApiProperty({ example: 'Brier one-sided, 0–1: mean of (p − o)²; 0 is perfect, always-0.5 scores 0.25' })
  oneSided: string;

  @ApiProperty({ example: "Brier two-sided, 0–2 (Good Judgment's scale): exactly twice the one-sided score" })
  twoSided: string;
}

export class ScorecardFiltersDto {
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Resolved on or after (UTC date).' })
  from: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Resolved on or before (UTC date).' })
  to: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  forecasterId: string | null;

  @ApiProperty({ nullable: true, type: String })
  tag: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  documentId: string | null;

  @ApiProperty({ nullable: true, enum: ForecastStatus, description: 'Null: every status but draft.' })
  status: ForecastStatus | null;

  @ApiProperty({
    enum: SCORECARD_BASES,
    description: 'Which final estimates are scored: numbers as given, numbers read from words, or all.',
  })
  basis: ScorecardBasis;

  @ApiPropertyOptional({ nullable: true, type: String, description: "A published publisher's scorecard: the forecasts of its documents." })
  publisher?: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description: "The scorecard as it stood at the end of this UTC date (from the data's own dates); null: now.",
  })
  asOf: string | null;
}

export class ScorecardOptionsDto {
  @ApiProperty({ example: 10 })
  bins: number;

  @ApiProperty({ enum: PARTIAL_POLICIES })
  partial: PartialPolicy;
}

export class ScorecardExclusionsDto {
  @ApiProperty({ description: 'Outcome partial, left out (partial=exclude).' })
  partial: number;

  @ApiProperty()
  ambiguous: number;

  @ApiProperty()
  annulled: number;

  @ApiProperty()
  withdrawn: number;

  @ApiProperty({ description: 'Not (yet) resolved: draft, open or due, or reopened.' })
  unresolved: number;

  @ApiProperty({ description: 'Scorable outcome, but every estimate of this forecaster was made on or after the resolution date.' })
  noEstimateBeforeResolution: number;

  @ApiProperty({
    description:
      'A forecast nobody has estimated: counted overall whatever the grouping, in no forecaster group, and not when filtering by forecaster.',
  })
  noEstimate: number;
}

/** What the final estimates of a group rest on: a director can see how much of a score is the ledger's reading of words. */
export class ScorecardBasisCountsDto {
  @ApiProperty({ description: 'Items whose final estimate is a number as given: stated in the text, or an analyst\u2019s own.' })
  numbers: number;

  @ApiProperty({ description: 'Items whose final estimate is a number read from words on a scale (basis verbal).' })
  words: number;

  @ApiProperty({
    description:
      'Of those, items whose number is a suggestion for words on no scale ("will" read as 0.85) that nobody has confirmed ' +
      '(POST /estimates/{id}/confirmation).',
  })
  unconfirmed: number;

  @ApiProperty({ description: 'Items whose final estimate was kept outside the range of its words, with a reason.' })
  rangeOverridden: number;

  @ApiProperty({ description: 'Items whose final estimate an admin recorded in another user\u2019s name, with a reason.' })
  recordedOnBehalf: number;
}

export class ScorecardCountsDto {
  @ApiProperty({ description: 'Distinct forecasts in the group.' })
  forecasts: number;

  @ApiProperty({ description: 'Of those, resolved (any outcome).' })
  resolved: number;

  @ApiProperty({ description: 'Of those, overdue: status due (deadline passed, not resolved).' })
  overdue: number;

  @ApiProperty({ description: 'Scored items (final estimates) plus excluded ones: see itemDefinition.' })
  items: number;

  @ApiProperty()
  scored: number;

  @ApiProperty()
  excludedTotal: number;

  @ApiProperty({ type: ScorecardExclusionsDto, description: 'Excluded items by reason; they add up to excludedTotal.' })
  excluded: ScorecardExclusionsDto;

  @ApiProperty({ description: 'Partial outcomes inside scored, counted as 0.5 (partial=half).' })
  partialScoredAsHalf: number;

  @ApiProperty({ type: ScorecardBasisCountsDto, description: 'What the items\u2019 final estimates rest on (items with an estimate).' })
  basis: ScorecardBasisCountsDto;
}

export class MeanBrierDto {
  @ApiProperty({ nullable: true, type: Number, description: 'One-sided, 0–1.' })
  brierOneSided: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided, 0–2.' })
  brierTwoSided: number | null;

  @ApiProperty({ type: BrierScaleDto })
  scale: BrierScaleDto;
}

export class BrierBoundsDto {
  @ApiProperty()
  lower: number;

  @ApiProperty()
  upper: number;
}

export class MeanBrierIntervalDto {
  @ApiProperty({ example: 0.95 })
  level: number;

  @ApiProperty()
  method: string;

  @ApiProperty()
  n: number;

  @ApiProperty({ type: BrierBoundsDto, description: 'One-sided scale, 0–1.' })
  brierOneSided: BrierBoundsDto;

  @ApiProperty({ type: BrierBoundsDto, description: 'Two-sided scale, 0–2.' })
  brierTwoSided: BrierBoundsDto;

  @ApiProperty({ type: BrierScaleDto })
  scale: BrierScaleDto;
}

export class SkillScoresDto {
  @ApiProperty({ nullable: true, type: Number, description: '1 − BS / 0.25.' })
  vsAlwaysHalf: number | null;

  @ApiProperty({ nullable: true, type: Number, description: '1 − BS / (ō(1 − ō)); null when every outcome is the same.' })
  vsBaseRate: number | null;

  @ApiProperty({ nullable: true, type: Number })
  baseRate: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'One-sided Brier of always forecasting the base rate.' })
  baseRateBrierOneSided: number | null;
}

export class DiscriminationDto {
  @ApiProperty({ nullable: true, type: Number })
  meanForecastOnYes: number | null;

  @ApiProperty({ nullable: true, type: Number })
  meanForecastOnNo: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Mean forecast on yes minus mean forecast on no.' })
  difference: number | null;
}

export class ProportionIntervalDto {
  @ApiProperty()
  lower: number;

  @ApiProperty()
  upper: number;
}

export class CalibrationBinDto {
  @ApiProperty()
  index: number;

  @ApiProperty()
  lowerPercent: number;

  @ApiProperty()
  upperPercent: number;

  @ApiProperty({ example: '(10%, 20%]' })
  label: string;

  @ApiProperty()
  count: number;

  @ApiProperty({ description: '"X of Y came true": yesCount of count.' })
  yesCount: number;

  @ApiProperty()
  partialCount: number;

  @ApiProperty({ nullable: true, type: Number })
  meanForecast: number | null;

  @ApiProperty({ nullable: true, type: Number })
  observedFrequency: number | null;

  @ApiProperty({ nullable: true, type: ProportionIntervalDto, description: 'Wilson 95% interval of the observed frequency.' })
  observedInterval95: ProportionIntervalDto | null;
}

export class CalibrationTableDto {
  @ApiProperty()
  binCount: number;

  @ApiProperty({ type: [Number] })
  edgesPercent: number[];

  @ApiProperty()
  total: number;

  @ApiProperty({ type: [CalibrationBinDto] })
  bins: CalibrationBinDto[];

  @ApiProperty({ nullable: true, type: Number })
  expectedCalibrationError: number | null;
}

export class MurphyDecompositionDto {
  @ApiProperty({ example: 'one-sided' })
  scale: 'one-sided';

  @ApiProperty()
  binCount: number;

  @ApiProperty()
  brierOneSided: number;

  @ApiProperty({ description: 'REL' })
  reliability: number;

  @ApiProperty({ description: 'RES (Murphy’s resolution, a statistical term)' })
  resolution: number;

  @ApiProperty({ description: 'UNC' })
  uncertainty: number;

  @ApiProperty({ description: 'WBV' })
  withinBinVariance: number;

  @ApiProperty({ description: 'WBC; BS = REL − RES + UNC + WBV − WBC' })
  withinBinCovariance: number;
}

export class TimeAveragedBrierSummaryDto {
  @ApiProperty({ description: 'Scored items with at least one day with a standing estimate.' })
  items: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Mean over items of the time-averaged Brier, one-sided 0–1.' })
  brierOneSided: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided, 0–2.' })
  brierTwoSided: number | null;

  @ApiProperty()
  method: string;
}

export class RelativeBrierSummaryDto {
  @ApiProperty({ description: 'Scored items with at least one day on which another forecaster was standing.' })
  items: number;

  @ApiProperty({ nullable: true, type: Number, description: 'One-sided; negative is better than the crowd.' })
  relativeBrierOneSided: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided.' })
  relativeBrierTwoSided: number | null;

  @ApiProperty()
  method: string;
}

export class ScorecardGroupDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Forecaster id, document id, publisher, tag, horizon band or YYYY-MM; null for "none".',
  })
  key: string | null;

  @ApiProperty({ example: 'Anna Maria Dyner' })
  label: string;

  @ApiProperty({ type: ScorecardCountsDto })
  counts: ScorecardCountsDto;

  @ApiProperty({ type: MeanBrierDto, description: 'Mean Brier of the final estimates.' })
  brier: MeanBrierDto;

  @ApiProperty({
    nullable: true,
    type: MeanBrierIntervalDto,
    description: 'Wilson score interval on the mean Brier (see method): wide for a few items, never a point. Null with nothing scored.',
  })
  brierInterval95: MeanBrierIntervalDto | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Mean ln p_o, p clamped to [0.001, 0.999]; higher is better.' })
  logScore: number | null;

  @ApiProperty({ nullable: true, type: Number })
  logLoss: number | null;

  @ApiProperty({ type: SkillScoresDto })
  skill: SkillScoresDto;

  @ApiProperty({ type: DiscriminationDto })
  discrimination: DiscriminationDto;

  @ApiProperty({ type: CalibrationTableDto })
  calibration: CalibrationTableDto;

  @ApiProperty({ nullable: true, type: Number })
  expectedCalibrationError: number | null;

  @ApiProperty({ nullable: true, type: MurphyDecompositionDto })
  murphy: MurphyDecompositionDto | null;

  @ApiProperty({ type: TimeAveragedBrierSummaryDto, description: 'The second headline figure.' })
  timeAveragedBrier: TimeAveragedBrierSummaryDto;

  @ApiProperty({ type: RelativeBrierSummaryDto })
  relativeBrier: RelativeBrierSummaryDto;
}

export class ScorecardReportDto {
  @ApiProperty({ example: 'Accuracy scorecard by forecaster' })
  title: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T09:30:00.000Z', description: 'ISO 8601, UTC (offset Z).' })
  generatedAt: string;

  @ApiProperty({ enum: SCORECARD_GROUPINGS })
  groupBy: ScorecardGroupBy;

  @ApiProperty({ description: 'Whose estimates count, and what one item is.' })
  itemDefinition: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'How the groups are formed (bands, months).' })
  groupDefinition: string | null;

  @ApiProperty({ type: ScorecardFiltersDto })
  filters: ScorecardFiltersDto;

  @ApiProperty({ type: ScorecardOptionsDto })
  options: ScorecardOptionsDto;

  @ApiProperty({ type: BrierScaleDto })
  scale: BrierScaleDto;

  @ApiProperty({
    example: 'Log score: mean of ln p_o (natural log), p_o the probability given to what happened, p clamped to [0.001, 0.999]; …',
    description: 'How logScore and logLoss are computed: the base of the log and the clamp.',
  })
  logScoreConvention: string;

  @ApiProperty({ type: ScorecardGroupDto, description: 'Every item in scope once (a forecast with two tags counts once here).' })
  overall: ScorecardGroupDto;

  @ApiProperty({ example: 14, description: 'Groups in scope; groups lists the groupLimit largest of them.' })
  groupCount: number;

  @ApiProperty({ type: [ScorecardGroupDto] })
  groups: ScorecardGroupDto[];
}
