import type { ScorecardGroupDto, ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { CsvColumn } from '../../common/downloads/csv-stream.js';
import { LOG_SCORE_CONVENTION } from '../../scoring/index.js';

/**
 * One CSV for the whole scorecard: a `summary` row per group (the first, group_key empty and
 * record "overall", covers everything in scope) and a `calibration` row per group and bin. Column
 * names carry the Brier scale (…_0_1 one-sided, …_0_2 two-sided) since a bare number is ambiguous;
 * log_score_convention repeats the log score's base and clamp on every summary row.
 */
const SUMMARY_COLUMNS: [string, (group: ScorecardGroupDto) => unknown][] = [
  ['forecasts', (g) => g.counts.forecasts],
  ['resolved', (g) => g.counts.resolved],
  ['overdue', (g) => g.counts.overdue],
  ['items', (g) => g.counts.items],
  ['scored', (g) => g.counts.scored],
  ['excluded_total', (g) => g.counts.excludedTotal],
  ['excluded_partial', (g) => g.counts.excluded.partial],
  ['excluded_ambiguous', (g) => g.counts.excluded.ambiguous],
  ['excluded_annulled', (g) => g.counts.excluded.annulled],
  ['excluded_withdrawn', (g) => g.counts.excluded.withdrawn],
  ['excluded_unresolved', (g) => g.counts.excluded.unresolved],
  ['excluded_no_estimate_before_resolution', (g) => g.counts.excluded.noEstimateBeforeResolution],
  ['excluded_no_estimate', (g) => g.counts.excluded.noEstimate],
  ['partial_scored_as_half', (g) => g.counts.partialScoredAsHalf],
  ['brier_one_sided_0_1', (g) => g.brier.brierOneSided],
  ['brier_two_sided_0_2', (g) => g.brier.brierTwoSided],
  ['brier_ci95_lower_one_sided_0_1', (g) => g.brierInterval95?.brierOneSided.lower],
  ['brier_ci95_upper_one_sided_0_1', (g) => g.brierInterval95?.brierOneSided.upper],
  ['brier_ci95_lower_two_sided_0_2', (g) => g.brierInterval95?.brierTwoSided.lower],
  ['brier_ci95_upper_two_sided_0_2', (g) => g.brierInterval95?.brierTwoSided.upper],
  ['log_score', (g) => g.logScore],
  ['log_loss', (g) => g.logLoss],
  ['log_score_convention', () => LOG_SCORE_CONVENTION],
  ['skill_vs_always_half', (g) => g.skill.vsAlwaysHalf],
  ['skill_vs_base_rate', (g) => g.skill.vsBaseRate],
  ['base_rate', (g) => g.skill.baseRate],
  ['mean_forecast_on_yes', (g) => g.discrimination.meanForecastOnYes],
  ['mean_forecast_on_no', (g) => g.discrimination.meanForecastOnNo],
  ['discrimination', (g) => g.discrimination.difference],
  ['expected_calibration_error', (g) => g.expectedCalibrationError],
  ['murphy_reliability_0_1', (g) => g.murphy?.reliability],
  ['murphy_resolution_0_1', (g) => g.murphy?.resolution],
  ['murphy_uncertainty_0_1', (g) => g.murphy?.uncertainty],
  ['murphy_within_bin_variance_0_1', (g) => g.murphy?.withinBinVariance],
  ['murphy_within_bin_covariance_0_1', (g) => g.murphy?.withinBinCovariance],
  ['time_averaged_items', (g) => g.timeAveragedBrier.items],
  ['time_averaged_brier_one_sided_0_1', (g) => g.timeAveragedBrier.brierOneSided],
  ['time_averaged_brier_two_sided_0_2', (g) => g.timeAveragedBrier.brierTwoSided],
  ['relative_items', (g) => g.relativeBrier.items],
  ['relative_brier_one_sided', (g) => g.relativeBrier.relativeBrierOneSided],
  ['relative_brier_two_sided', (g) => g.relativeBrier.relativeBrierTwoSided],
];

const BIN_COLUMNS = [
  'bin_index',
  'bin_label',
  'bin_count',
  'bin_came_true',
  'bin_partial',
  'bin_mean_forecast',
  'bin_observed_frequency',
  'bin_wilson95_lower',
  'bin_wilson95_upper',
] as const;

export const SCORECARD_CSV_COLUMNS: CsvColumn[] = [
  { key: 'record', header: 'record' },
  { key: 'group_key', header: 'group_key' },
  { key: 'group_label', header: 'group_label' },
  ...SUMMARY_COLUMNS.map(([key]) => ({ key, header: key })),
  ...BIN_COLUMNS.map((key) => ({ key, header: key })),
];

export function* scorecardCsvRecords(report: ScorecardReportDto): Generator<Record<string, unknown>> {
  const groups: [string, ScorecardGroupDto][] = [
    ['overall', report.overall],
    ...report.groups.map((g): [string, ScorecardGroupDto] => ['group', g]),
  ];
  for (const [record, group] of groups) {
    const identity = { group_key: group.key, group_label: group.label };
    yield {
      record: record === 'overall' ? 'overall' : 'summary',
      ...identity,
      ...Object.fromEntries(SUMMARY_COLUMNS.map(([key, read]) => [key, read(group)])),
    };
  }
  for (const [record, group] of groups) {
    for (const bin of group.calibration.bins) {
      yield {
        record: record === 'overall' ? 'overall_calibration' : 'calibration',
        group_key: group.key,
        group_label: group.label,
        bin_index: bin.index,
        bin_label: bin.label,
        bin_count: bin.count,
        bin_came_true: bin.yesCount,
        bin_partial: bin.partialCount,
        bin_mean_forecast: bin.meanForecast,
        bin_observed_frequency: bin.observedFrequency,
        bin_wilson95_lower: bin.observedInterval95?.lower,
        bin_wilson95_upper: bin.observedInterval95?.upper,
      };
    }
  }
}
