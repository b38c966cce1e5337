import { BRIER_SCALE } from './brier.js';
import { assertScoredItems, type ScoredItem } from './scored-item.js';
import { wilsonInterval, WILSON_Z_95 } from './wilson-interval.js';

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
  `Wilson score interval (z = ${WILSON_Z_95}) on the mean one-sided Brier of the n scored items, as if each item's ` +
  'score (in [0, 1]) were a 0/1 outcome: a score in [0, 1] with mean μ varies at most μ(1 − μ) (Bhatia–Davis), so the ' +
  'interval has the width of the most variable items that mean allows. It does not rest on the spread of the items ' +
  'themselves, so items that happen to score alike do not shrink it to a point, and a small n gives a wide interval ' +
  '(3 items at 0.0225: 0.0004–0.5808). The two-sided bounds are exactly twice the one-sided ones.';

/**
 * 95% confidence interval for the mean Brier score, from n and the sum of the per-item one-sided
 * scores. A t interval (mean ± t·s/√n) collapses to a point when a few items score the same,
 * claiming a precision three forecasts cannot give; a bootstrap does too, and needs a seed. The
 * Wilson interval uses the largest variance the mean allows instead of the sample's, stays inside
 * [0, 1] and widens as n shrinks. Deterministic: the same sum and n give the same bits. Null with
 * nothing scored.
 */
export function meanBrierIntervalFromSum(brierSum: number, n: number): MeanBrierInterval | null {
  if (n === 0) return null;
  // The exact sum of scores in [0, 1] lies in [0, n]; rounding cannot push it out, but be sure.
  const bounds = wilsonInterval(Math.min(n, Math.max(0, brierSum)), n);
  if (bounds === null) return null;
  return {
    level: 0.95,
    method: MEAN_BRIER_INTERVAL_METHOD,
    n,
    brierOneSided: { lower: bounds.lower, upper: bounds.upper },
    brierTwoSided: { lower: 2 * bounds.lower, upper: 2 * bounds.upper },
    scale: BRIER_SCALE,
  };
}

/** meanBrierIntervalFromSum over a list of scored items. */
export function meanBrierInterval95(items: readonly ScoredItem[]): MeanBrierInterval | null {
  assertScoredItems(items);
  let sum = 0;
  for (const item of items) sum += (item.probability - item.outcome) ** 2;
  return meanBrierIntervalFromSum(sum, items.length);
}
