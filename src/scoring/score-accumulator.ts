import { BRIER_SCALE } from './brier.js';
import { meanBrierIntervalFromSum, type MeanBrierInterval } from './brier-interval.js';
import {
  assertCalibrationBinCount,
  calibrationBinEdges,
  calibrationBinIndex,
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  type CalibrationBin,
} from './calibration.js';
import { logScore } from './log-score.js';
import { emptyExclusionCounts, outcomeValue, type ExclusionCounts, type ExclusionReason, type ScorableForecast } from './outcome-policy.js';
import type { ScoreSummary, ScoreSummaryOptions } from './score-summary.js';
import { assertProbability, type OutcomeValue } from './scored-item.js';
import { ALWAYS_HALF_BRIER, brierSkillScore } from './skill-score.js';
import { wilsonInterval } from './wilson-interval.js';

/** Sums over the scored items of one calibration bin. */
export interface BinStatistics {
  count: number;
  yesCount: number;
  /** Partial outcomes scored as 0.5. */
  partialCount: number;
  /** Σ p */
  forecastSum: number;
  /** Σ p² */
  forecastSquareSum: number;
  /** Σ p·o */
  forecastOutcomeSum: number;
}

/**
 * Everything scoreSummary derives its figures from, as sums: they can be added up item by item,
 * merged, or computed by a database (GROUP BY) and handed over, so a scorecard over a whole
 * archive never holds its forecasts in memory.
 */
export interface ScoreStatistics {
  /** Items the outcome policy saw, scored or not. */
  total: number;
  excluded: ExclusionCounts;
  /** Scored items by outcome value: o = 1, o = 0.5 (partial scored as half), o = 0. */
  yesCount: number;
  partialCount: number;
  noCount: number;
  /** Σ p over the items whose outcome was yes, and over those whose outcome was no. */
  yesForecastSum: number;
  noForecastSum: number;
  /** Σ (p − o)² and Σ ((p − o)²)² over the scored items. */
  brierSum: number;
  brierSquareSum: number;
  /** Σ ln p_o, p clamped as logScore clamps it. */
  logScoreSum: number;
  /** One entry per calibration bin, in bin order. */
  bins: BinStatistics[];
}

export function emptyBinStatistics(): BinStatistics {
  return { count: 0, yesCount: 0, partialCount: 0, forecastSum: 0, forecastSquareSum: 0, forecastOutcomeSum: 0 };
}

export function emptyScoreStatistics(binCount: number): ScoreStatistics {
  return {
    total: 0,
    excluded: emptyExclusionCounts(),
    yesCount: 0,
    partialCount: 0,
    noCount: 0,
    yesForecastSum: 0,
    noForecastSum: 0,
    brierSum: 0,
    brierSquareSum: 0,
    logScoreSum: 0,
    bins: Array.from({ length: binCount }, emptyBinStatistics),
  };
}

/** Σ (x − x̄)² from Σx, Σx² and n; rounding can leave a tiny negative where the truth is 0. */
function squaredDeviations(sum: number, squareSum: number, n: number): number {
  return Math.max(0, squareSum - (sum * sum) / n);
}

/**
 * scoreSummary for a stream or a database aggregate: the same outcome policy and the same figures,
 * from ScoreStatistics. Items are added one by one (add), or as sums already grouped elsewhere
 * (addStatistics). The outcome variance behind UNC and the base-rate reference is computed from
 * the counts of yes, partial and no, so it is exactly 0 when every outcome is the same (and the
 * skill against the base rate is null, as scoreSummary has it). Results agree with scoreSummary to
 * rounding; the property spec holds them to 1e-9.
 */
export class ScoreAccumulator {
  private readonly options: Required<ScoreSummaryOptions>;
  private readonly edgesPercent: number[];
  private readonly statistics: ScoreStatistics;

  constructor(options: ScoreSummaryOptions = {}) {
    this.options = { bins: options.bins ?? DEFAULT_CALIBRATION_BINS, partialAsHalf: options.partialAsHalf ?? false };
    assertCalibrationBinCount(this.options.bins);
    this.edgesPercent = calibrationBinEdges(this.options.bins);
    this.statistics = emptyScoreStatistics(this.options.bins);
  }

  /** Applies the outcome policy (as selectScoredForecasts does) and counts or scores the forecast. */
  add(forecast: ScorableForecast): void {
    const value = outcomeValue(forecast, { partialAsHalf: this.options.partialAsHalf });
    if (typeof value === 'string') {
      this.exclude(value);
      return;
    }
    assertProbability(forecast.probability);
    this.score(forecast.probability, value);
  }

  /** Counts an item left out, for a reason the caller has already decided. */
  exclude(reason: ExclusionReason, count = 1): void {
    this.statistics.total += count;
    this.statistics.excluded[reason] += count;
  }

  /** Adds sums computed elsewhere (another accumulator, or a database GROUP BY over the same bins). */
  addStatistics(other: ScoreStatistics): void {
    if (other.bins.length !== this.statistics.bins.length) {
      throw new RangeError(`statistics have ${other.bins.length} bins, this scorecard has ${this.statistics.bins.length}`);
    }
    const mine = this.statistics;
    mine.total += other.total;
    for (const reason of Object.keys(mine.excluded) as ExclusionReason[]) mine.excluded[reason] += other.excluded[reason];
    mine.yesCount += other.yesCount;
    mine.partialCount += other.partialCount;
    mine.noCount += other.noCount;
    mine.yesForecastSum += other.yesForecastSum;
    mine.noForecastSum += other.noForecastSum;
    mine.brierSum += other.brierSum;
    mine.brierSquareSum += other.brierSquareSum;
    mine.logScoreSum += other.logScoreSum;
    other.bins.forEach((bin, index) => {
      const target = mine.bins[index];
      if (target === undefined) return;
      target.count += bin.count;
      target.yesCount += bin.yesCount;
      target.partialCount += bin.partialCount;
      target.forecastSum += bin.forecastSum;
      target.forecastSquareSum += bin.forecastSquareSum;
      target.forecastOutcomeSum += bin.forecastOutcomeSum;
    });
  }

  /** A copy of the sums so far, e.g. to merge into another accumulator. */
  statisticsSnapshot(): ScoreStatistics {
    return structuredClone(this.statistics);
  }

  /** The calibration bin edges, in integer percents, that addStatistics expects its bins to follow. */
  get binEdgesPercent(): readonly number[] {
    return this.edgesPercent;
  }

  private score(p: number, o: OutcomeValue): void {
    const s = this.statistics;
    s.total += 1;
    const brier = (p - o) ** 2;
    s.brierSum += brier;
    s.brierSquareSum += brier * brier;
    s.logScoreSum += logScore(p, o);
    if (o === 1) {
      s.yesCount += 1;
      s.yesForecastSum += p;
    } else if (o === 0) {
      s.noCount += 1;
      s.noForecastSum += p;
    } else {
      s.partialCount += 1;
    }
    const bin = s.bins[calibrationBinIndex(p, this.edgesPercent)];
    if (bin === undefined) throw new RangeError(`no calibration bin for ${p}`);
    bin.count += 1;
    if (o === 1) bin.yesCount += 1;
    if (o === 0.5) bin.partialCount += 1;
    bin.forecastSum += p;
    bin.forecastSquareSum += p * p;
    bin.forecastOutcomeSum += p * o;
  }

  summary(): ScoreSummary {
    const s = this.statistics;
    const n = s.yesCount + s.partialCount + s.noCount;
    const brier = n === 0 ? null : s.brierSum / n;
    const baseRate = n === 0 ? null : (s.yesCount + s.partialCount / 2) / n;
    const baseRateBrier = baseRate === null ? null : this.outcomeVariance(baseRate) / n;
    const bins = this.calibrationBins();
    const ece = expectedCalibrationError(bins);
    return {
      options: { ...this.options },
      counts: {
        total: s.total,
        scored: n,
        excluded: { ...s.excluded },
        excludedTotal: s.total - n,
        partialScoredAsHalf: s.partialCount,
      },
      brier: { brierOneSided: brier, brierTwoSided: brier === null ? null : 2 * brier, scale: BRIER_SCALE },
      brierInterval95: this.brierInterval(),
      logScore: n === 0 ? null : s.logScoreSum / n,
      logLoss: n === 0 ? null : -(s.logScoreSum / n),
      skill:
        brier === null || baseRate === null || baseRateBrier === null
          ? { vsAlwaysHalf: null, vsBaseRate: null, baseRate: null, baseRateBrierOneSided: null }
          : {
              vsAlwaysHalf: brierSkillScore(brier, ALWAYS_HALF_BRIER),
              vsBaseRate: brierSkillScore(brier, baseRateBrier),
              baseRate,
              baseRateBrierOneSided: baseRateBrier,
            },
      discrimination: this.discrimination(),
      calibration: { binCount: bins.length, edgesPercent: [...this.edgesPercent], total: n, bins, expectedCalibrationError: ece },
      expectedCalibrationError: ece,
      murphy: this.murphy(baseRate),
    };
  }

  /** Σ (o − ō)², from the counts: exact, and exactly 0 when every outcome is the same. */
  private outcomeVariance(baseRate: number): number {
    const s = this.statistics;
    return s.yesCount * (1 - baseRate) ** 2 + s.partialCount * (0.5 - baseRate) ** 2 + s.noCount * baseRate ** 2;
  }

  private calibrationBins(): CalibrationBin[] {
    return this.statistics.bins.map((bin, index): CalibrationBin => {
      const lowerPercent = this.edgesPercent[index] ?? 0;
      const upperPercent = this.edgesPercent[index + 1] ?? 100;
      const successes = bin.yesCount + bin.partialCount / 2;
      return {
        index,
        lowerPercent,
        upperPercent,
        label: `${index === 0 ? '[' : '('}${lowerPercent}%, ${upperPercent}%]`,
        count: bin.count,
        yesCount: bin.yesCount,
        partialCount: bin.partialCount,
        meanForecast: bin.count === 0 ? null : bin.forecastSum / bin.count,
        observedFrequency: bin.count === 0 ? null : successes / bin.count,
        observedInterval95: wilsonInterval(successes, bin.count),
      };
    });
  }

  /** meanBrierInterval95 from the sums: the Wilson interval needs only n and Σ (p − o)². */
  private brierInterval(): MeanBrierInterval | null {
    const s = this.statistics;
    return meanBrierIntervalFromSum(s.brierSum, s.yesCount + s.partialCount + s.noCount);
  }

  private discrimination(): ScoreSummary['discrimination'] {
    const s = this.statistics;
    const onYes = s.yesCount === 0 ? null : s.yesForecastSum / s.yesCount;
    const onNo = s.noCount === 0 ? null : s.noForecastSum / s.noCount;
    return { meanForecastOnYes: onYes, meanForecastOnNo: onNo, difference: onYes === null || onNo === null ? null : onYes - onNo };
  }

  /** Stephenson et al.'s within-bin terms from each bin's Σp, Σp² and Σp·o (see murphyDecomposition). */
  private murphy(baseRate: number | null): ScoreSummary['murphy'] {
    const s = this.statistics;
    const n = s.yesCount + s.partialCount + s.noCount;
    if (n === 0 || baseRate === null) return null;
    let reliability = 0;
    let resolution = 0;
    let withinBinVariance = 0;
    let withinBinCovariance = 0;
    for (const bin of s.bins) {
      if (bin.count === 0) continue;
      const outcomeSum = bin.yesCount + bin.partialCount / 2;
      const meanForecast = bin.forecastSum / bin.count;
      const observed = outcomeSum / bin.count;
      reliability += bin.count * (meanForecast - observed) ** 2;
      resolution += bin.count * (observed - baseRate) ** 2;
      withinBinVariance += squaredDeviations(bin.forecastSum, bin.forecastSquareSum, bin.count);
      withinBinCovariance += 2 * (bin.forecastOutcomeSum - (bin.forecastSum * outcomeSum) / bin.count);
    }
    return {
      scale: 'one-sided',
      binCount: s.bins.length,
      brierOneSided: s.brierSum / n,
      reliability: reliability / n,
      resolution: resolution / n,
      uncertainty: this.outcomeVariance(baseRate) / n,
      withinBinVariance: withinBinVariance / n,
      withinBinCovariance: withinBinCovariance / n,
    };
  }
}
