import { calibrationBinEdges, DEFAULT_CALIBRATION_BINS, groupByCalibrationBin, type CalibrationOptions } from './calibration.js';
import { assertScoredItems, mean, type ScoredItem } from './scored-item.js';

export interface MurphyDecomposition {
  /** All terms are on the one-sided (0–1) Brier scale. */
  scale: 'one-sided';
  binCount: number;
  brierOneSided: number;
  /** REL: Σ n_k (p̄_k − ō_k)² / N — how far each bin's mean forecast is from what happened. */
  reliability: number;
  /**
   * RES: Σ n_k (ō_k − ō)² / N — Murphy's "resolution", how far bins' outcome frequencies sit from
   * the base rate (a statistical term; unrelated to resolving a forecast).
   */
  resolution: number;
  /** UNC: Σ (o − ō)² / N, which is ō(1 − ō) for yes/no outcomes. */
  uncertainty: number;
  /** WBV: Σ_k Σ_j (p_kj − p̄_k)² / N — spread of forecasts inside bins. */
  withinBinVariance: number;
  /** WBC: 2 Σ_k Σ_j (o_kj − ō_k)(p_kj − p̄_k) / N — within-bin covariance of forecast and outcome. */
  withinBinCovariance: number;
}

/**
 * Murphy (1973) decomposition with the two extra terms of Stephenson, Coelho & Jolliffe (2008),
 * "Two extra components in the Brier score decomposition", Weather and Forecasting 23:752–757:
 * BS = REL − RES + UNC + WBV − WBC holds exactly for any binning, not only when every forecast in
 * a bin is equal. Bins are the calibration bins, so the table and the decomposition agree.
 *
 * UNC is computed as the outcome variance Σ (o − ō)² / N rather than the formula ō(1 − ō): they are
 * equal for 0/1 outcomes, and the variance keeps the identity exact when partial counts as 0.5.
 */
export function murphyDecomposition(items: readonly ScoredItem[], options: CalibrationOptions = {}): MurphyDecomposition | null {
  assertScoredItems(items);
  const total = items.length;
  const baseRate = mean(items.map((item) => item.outcome));
  if (baseRate === null) return null;
  const edgesPercent = calibrationBinEdges(options.bins ?? DEFAULT_CALIBRATION_BINS);
  let brier = 0;
  let uncertainty = 0;
  let reliability = 0;
  let resolution = 0;
  let withinBinVariance = 0;
  let withinBinCovariance = 0;
  for (const item of items) {
    brier += (item.probability - item.outcome) ** 2;
    uncertainty += (item.outcome - baseRate) ** 2;
  }
  for (const group of groupByCalibrationBin(items, edgesPercent)) {
    const meanForecast = mean(group.map((item) => item.probability));
    const observed = mean(group.map((item) => item.outcome));
    if (meanForecast === null || observed === null) continue;
    reliability += group.length * (meanForecast - observed) ** 2;
    resolution += group.length * (observed - baseRate) ** 2;
    for (const item of group) {
      withinBinVariance += (item.probability - meanForecast) ** 2;
      withinBinCovariance += 2 * (item.outcome - observed) * (item.probability - meanForecast);
    }
  }
  return {
    scale: 'one-sided',
    binCount: edgesPercent.length - 1,
    brierOneSided: brier / total,
    reliability: reliability / total,
    resolution: resolution / total,
    uncertainty: uncertainty / total,
    withinBinVariance: withinBinVariance / total,
    withinBinCovariance: withinBinCovariance / total,
  };
}
