export { assertOutcomeValue, assertProbability, type OutcomeValue, type ScoredItem } from './scored-item.js';
export {
  emptyExclusionCounts,
  outcomeValue,
  selectScoredForecasts,
  type AdmittedForecast,
  type ExclusionCounts,
  type ExclusionReason,
  type ForecastLifecycleStatus,
  type ForecastOutcome,
  type OutcomePolicyOptions,
  type OutcomePolicyResult,
  type ScorableForecast,
} from './outcome-policy.js';
export {
  BRIER_SCALE,
  brierOneSided,
  brierTwoSided,
  meanBrier,
  meanMultiCategoryBrier,
  multiCategoryBrier,
  type MeanBrier,
  type MultiCategoryForecast,
} from './brier.js';
export { LOG_SCORE_CLAMP, LOG_SCORE_CONVENTION, logLoss, logScore, meanLogScore } from './log-score.js';
export { ALWAYS_HALF_BRIER, brierSkillScore, brierSkillScores, type BrierSkillScores } from './skill-score.js';
export { discrimination, type Discrimination } from './discrimination.js';
export {
  MEAN_BRIER_INTERVAL_METHOD,
  meanBrierInterval95,
  meanBrierIntervalFromSum,
  type BrierBounds,
  type MeanBrierInterval,
} from './brier-interval.js';
export { studentTCdf, studentTQuantile } from './student-t.js';
export { WILSON_Z_95, wilsonInterval, type ProportionInterval } from './wilson-interval.js';
export {
  calibrationBinEdges,
  calibrationBinIndex,
  calibrationTable,
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  MAX_CALIBRATION_BINS,
  PERCENT_PRECISION,
  probabilityToPercent,
  type CalibrationBin,
  type CalibrationOptions,
  type CalibrationTable,
} from './calibration.js';
export { murphyDecomposition, type MurphyDecomposition } from './murphy.js';
export {
  dailyStandingEstimates,
  utcDayLabel,
  utcDayNumber,
  type ProbabilityEstimatePoint,
  type StandingEstimateDay,
} from './daily-standing-estimates.js';
export {
  dailyBrier,
  timeAveragedBrier,
  type DailyBrier,
  type TimeAveragedBrier,
  type TimeAveragedBrierInput,
} from './time-averaged-brier.js';
export {
  relativeBrier,
  type ForecasterEstimateSeries,
  type ForecasterRelativeBrier,
  type ForecasterRelativeBrierDay,
  type RelativeBrier,
  type RelativeBrierDay,
  type RelativeBrierInput,
} from './relative-brier.js';
export { scoreSummary, type ScoreSummary, type ScoreSummaryCounts, type ScoreSummaryOptions } from './score-summary.js';
export {
  emptyBinStatistics,
  emptyScoreStatistics,
  ScoreAccumulator,
  type BinStatistics,
  type ScoreStatistics,
} from './score-accumulator.js';
export { ExactSum } from './exact-sum.js';
