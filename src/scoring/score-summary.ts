import { BRIER_SCALE, meanBrier } from './brier.js';
import { meanBrierInterval95, type MeanBrierInterval } from './brier-interval.js';
import { calibrationTable, DEFAULT_CALIBRATION_BINS, type CalibrationTable } from './calibration.js';
import { discrimination, type Discrimination } from './discrimination.js';
import { logLoss, meanLogScore } from './log-score.js';
import { murphyDecomposition, type MurphyDecomposition } from './murphy.js';
import { selectScoredForecasts, type ExclusionCounts, type ScorableForecast } from './outcome-policy.js';
import type { ScoredItem } from './scored-item.js';
import { brierSkillScores, type BrierSkillScores } from './skill-score.js';

export interface ScoreSummaryOptions {
  /** Calibration (and Murphy) bin count, 1–100; default 10. */
  bins?: number;
  /** Score `partial` outcomes as 0.5 instead of excluding them. */
  partialAsHalf?: boolean;
}

export interface ScoreSummaryCounts {
  total: number;
  scored: number;
  excluded: ExclusionCounts;
  excludedTotal: number;
  /** Partial outcomes inside `scored`, counted as 0.5. */
  partialScoredAsHalf: number;
}

export interface ScoreSummary {
  options: Required<ScoreSummaryOptions>;
  counts: ScoreSummaryCounts;
  brier: {
    brierOneSided: number | null;
    brierTwoSided: number | null;
    scale: typeof BRIER_SCALE;
  };
  /** Wilson score interval on the mean Brier (brier-interval.ts); null when nothing is scored. */
  brierInterval95: MeanBrierInterval | null;
  /** Mean ln p_o with p clamped to [0.001, 0.999]; ≤ 0, higher is better. */
  logScore: number | null;
  /** −logScore; ≥ 0, lower is better. */
  logLoss: number | null;
  /** Ratios are scale-free; their references are one-sided Brier scores. */
  skill: BrierSkillScores;
  discrimination: Discrimination;
  calibration: CalibrationTable;
  expectedCalibrationError: number | null;
  /** One-sided scale. */
  murphy: MurphyDecomposition | null;
}

/**
 * Every score for a set of forecasts, after the outcome policy has chosen which are scored and
 * counted the rest (docs/scoring.md: "scorecards always count the excluded"). With nothing scored
 * the counts are still reported and every figure is null rather than 0, which would read as perfect.
 */
export function scoreSummary<T extends ScorableForecast>(forecasts: readonly T[], options: ScoreSummaryOptions = {}): ScoreSummary {
  const resolvedOptions: Required<ScoreSummaryOptions> = {
    bins: options.bins ?? DEFAULT_CALIBRATION_BINS,
    partialAsHalf: options.partialAsHalf ?? false,
  };
  const policy = selectScoredForecasts(forecasts, { partialAsHalf: resolvedOptions.partialAsHalf });
  const items: ScoredItem[] = policy.scored.map(({ probability, outcome }) => ({ probability, outcome }));
  const brier = meanBrier(items);
  const calibration = calibrationTable(items, { bins: resolvedOptions.bins });
  return {
    options: resolvedOptions,
    counts: {
      total: policy.total,
      scored: items.length,
      excluded: policy.excluded,
      excludedTotal: policy.total - items.length,
      partialScoredAsHalf: policy.partialScoredAsHalf,
    },
    brier: {
      brierOneSided: brier?.brierOneSided ?? null,
      brierTwoSided: brier?.brierTwoSided ?? null,
      scale: BRIER_SCALE,
    },
    brierInterval95: meanBrierInterval95(items),
    logScore: meanLogScore(items),
    logLoss: logLoss(items),
    skill: brierSkillScores(items),
    discrimination: discrimination(items),
    calibration,
    expectedCalibrationError: calibration.expectedCalibrationError,
    murphy: murphyDecomposition(items, { bins: resolvedOptions.bins }),
  };
}
