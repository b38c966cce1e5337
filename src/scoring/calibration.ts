import { assertScoredItems, type ScoredItem } from './scored-item.js';
import { wilsonInterval, type ProportionInterval } from './wilson-interval.js';

export const DEFAULT_CALIBRATION_BINS = 10;

/** Edges are integer percents, so at most 100 non-empty-width bins exist. */
export const MAX_CALIBRATION_BINS = 100;

/**
 * Six decimals of a percent: enough to keep every real difference between forecasts, coarse
 * enough that 0.1 + 0.2 (30.000000000000004 %) lands exactly on the 30 % edge. The scorecard SQL
 * bins with this same value (scorecards.repository.ts), passed as a parameter.
 */
export const PERCENT_PRECISION = 1e6;

export function assertCalibrationBinCount(binCount: number): void {
  if (!Number.isInteger(binCount) || binCount < 1 || binCount > MAX_CALIBRATION_BINS) {
    throw new RangeError(`bin count must be an integer in [1, ${MAX_CALIBRATION_BINS}], got ${String(binCount)}`);
  }
}

/**
 * Uniform bin edges in integer percents (docs/scoring.md: "half-open edges on integer percents").
 * Edge i is round(100·i / binCount), rounding halves up: 10 bins → 0, 10, …, 100; 3 bins →
 * 0, 33, 67, 100; 8 bins → 0, 13, 25, 38, 50, 63, 75, 88, 100. Consecutive raw edges are at least
 * 1 % apart, so the rounded edges stay strictly increasing and no bin is empty by construction.
 */
export function calibrationBinEdges(binCount: number = DEFAULT_CALIBRATION_BINS): number[] {
  assertCalibrationBinCount(binCount);
  return Array.from({ length: binCount + 1 }, (_, i) => Math.round((100 * i) / binCount));
}

/** A probability as a percent, snapped to PERCENT_PRECISION so floating error cannot cross an edge. */
export function probabilityToPercent(probability: number): number {
  return Math.round(probability * 100 * PERCENT_PRECISION) / PERCENT_PRECISION;
}

/**
 * Index of the bin holding `probability`. Edges belong to the lower bin, as in test vector T4
 * ([0, e1], (e1, e2], …) and scikit-learn's calibration_curve (T5): the first bin is closed, the
 * others are open below and closed above, so every forecast in [0, 1] lands in exactly one bin.
 *
 * This is the rule's one statement; the scorecard SQL's width_bucket is its second form, held to
 * this one by test/e2e/scorecard-binning (edges and one-ulp misses, every bin count).
 */
export function calibrationBinIndex(probability: number, edgesPercent: readonly number[]): number {
  const percent = probabilityToPercent(probability);
  const last = edgesPercent.length - 2;
  for (let bin = 0; bin < last; bin += 1) {
    if (percent <= (edgesPercent[bin + 1] ?? 100)) return bin;
  }
  return last;
}

export interface CalibrationBin {
  index: number;
  lowerPercent: number;
  upperPercent: number;
  /** e.g. "[0%, 10%]" for the first bin, "(10%, 20%]" for the others. */
  label: string;
  count: number;
  /** Items that came true: "X of Y came true" is `${yesCount} of ${count}`. */
  yesCount: number;
  /** Partial outcomes scored as 0.5 (0 unless partialAsHalf); they count half towards observed. */
  partialCount: number;
  /** Mean of the raw forecasts in the bin (not the bin's midpoint); null for an empty bin. */
  meanForecast: number | null;
  /** Share that came true, (yes + ½·partial) / count; null for an empty bin. */
  observedFrequency: number | null;
  /** Wilson 95% interval for observedFrequency; null for an empty bin. */
  observedInterval95: ProportionInterval | null;
}

export interface CalibrationTable {
  binCount: number;
  edgesPercent: number[];
  /** N, the number of scored items; the bin counts add up to it. */
  total: number;
  bins: CalibrationBin[];
  /** Σ (n_b / N)·|observed_b − mean forecast_b| over non-empty bins; null when N = 0. */
  expectedCalibrationError: number | null;
}

export interface CalibrationOptions {
  bins?: number;
}

/** Items grouped by calibration bin; shared with the Murphy decomposition so both bin alike. */
export function groupByCalibrationBin(items: readonly ScoredItem[], edgesPercent: readonly number[]): ScoredItem[][] {
  const groups: ScoredItem[][] = Array.from({ length: edgesPercent.length - 1 }, () => []);
  for (const item of items) {
    groups[calibrationBinIndex(item.probability, edgesPercent)]?.push(item);
  }
  return groups;
}

export function calibrationTable(items: readonly ScoredItem[], options: CalibrationOptions = {}): CalibrationTable {
  assertScoredItems(items);
  const edgesPercent = calibrationBinEdges(options.bins ?? DEFAULT_CALIBRATION_BINS);
  const bins = groupByCalibrationBin(items, edgesPercent).map((group, index): CalibrationBin => {
    const lowerPercent = edgesPercent[index] ?? 0;
    const upperPercent = edgesPercent[index + 1] ?? 100;
    const count = group.length;
    const yesCount = group.filter((item) => item.outcome === 1).length;
    const partialCount = group.filter((item) => item.outcome === 0.5).length;
    const successes = yesCount + partialCount / 2;
    const forecastSum = group.reduce((sum, item) => sum + item.probability, 0);
    return {
      index,
      lowerPercent,
      upperPercent,
      label: `${index === 0 ? '[' : '('}${lowerPercent}%, ${upperPercent}%]`,
      count,
      yesCount,
      partialCount,
      meanForecast: count === 0 ? null : forecastSum / count,
      observedFrequency: count === 0 ? null : successes / count,
      observedInterval95: wilsonInterval(successes, count),
    };
  });
  return {
    binCount: bins.length,
    edgesPercent,
    total: items.length,
    bins,
    expectedCalibrationError: expectedCalibrationError(bins),
  };
}

/** Expected calibration error (Naeini, Cooper & Hauskrecht 2015), as defined in docs/scoring.md. */
export function expectedCalibrationError(bins: readonly CalibrationBin[]): number | null {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return null;
  let error = 0;
  for (const bin of bins) {
    if (bin.count === 0 || bin.observedFrequency === null || bin.meanForecast === null) continue;
    error += (bin.count / total) * Math.abs(bin.observedFrequency - bin.meanForecast);
  }
  return error;
}
