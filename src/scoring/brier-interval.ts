import { BRIER_SCALE } from './brier.js';
import { assertScoredItems, mean, type ScoredItem } from './scored-item.js';
import { studentTQuantile } from './student-t.js';

export interface BrierBounds {
  lower: number;
  upper: number;
}

export interface MeanBrierInterval {
  level: 0.95;
  method: string;
  /** Number of scored items the interval rests on. */
  n: number;
  brierOneSided: BrierBounds;
  brierTwoSided: BrierBounds;
  scale: typeof BRIER_SCALE;
}

export const MEAN_BRIER_INTERVAL_METHOD =
  "Student's t interval for a mean: mean ± t(0.975, n − 1) · s / √n with s the sample standard " +
  'deviation (n − 1 denominator) of the per-item one-sided Brier scores, clipped to the scale ' +
  '(one-sided [0, 1]); the two-sided bounds are exactly twice the one-sided ones.';

/**
 * 95% confidence interval for the mean Brier score. The t interval is deterministic and does not
 * depend on the order of the items (a bootstrap would need a seed and would), and it widens
 * honestly for the small samples typical of one analyst's scorecard. Clipping keeps a skewed,
 * small sample from showing a bound no forecaster could score (e.g. T1's −0.10). Null when n < 2:
 * one item has no sample standard deviation.
 */
export function meanBrierInterval95(items: readonly ScoredItem[]): MeanBrierInterval | null {
  assertScoredItems(items);
  const n = items.length;
  if (n < 2) return null;
  const scores = items.map((item) => (item.probability - item.outcome) ** 2);
  const average = mean(scores) ?? 0;
  const variance = (mean(scores.map((score) => (score - average) ** 2)) ?? 0) * (n / (n - 1));
  return brierIntervalOfMoments(n, average, variance);
}

/**
 * The interval of meanBrierInterval95 from n ≥ 2 scores' mean and sample variance, however they
 * were summed (ScoreAccumulator works them out from running sums).
 */
export function brierIntervalOfMoments(n: number, average: number, variance: number): MeanBrierInterval {
  const halfWidth = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  const lower = Math.max(0, average - halfWidth);
  const upper = Math.min(1, average + halfWidth);
  return {
    level: 0.95,
    method: MEAN_BRIER_INTERVAL_METHOD,
    n,
    brierOneSided: { lower, upper },
    brierTwoSided: { lower: 2 * lower, upper: 2 * upper },
    scale: BRIER_SCALE,
  };
}
