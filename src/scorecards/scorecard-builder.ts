import { ForecastStatus, Outcome } from '@prisma/client';
import {
  emptyScoreStatistics,
  outcomeValue,
  relativeBrierBySegments,
  ScoreAccumulator,
  type ForecasterEstimateSeries,
  type ProbabilityEstimatePoint,
  type ScoreStatistics,
} from '../scoring/index.js';
import type { ScorecardGroupDto } from './dto/scorecard-report.dto.js';
import type { ScorecardGroupBy } from './dto/scorecard.query.js';
import { RELATIVE_METHOD, TIME_AVERAGED_METHOD } from './scorecard-groupings.js';
import type { ForecastSeriesRow, GroupStatisticsRow, OutcomePolicyRow } from './scorecards.repository.js';

const MS_PER_DAY = 86_400_000;

export interface ScorecardBuildOptions {
  groupBy: ScorecardGroupBy;
  bins: number;
  partialAsHalf: boolean;
  /** When set, only this forecaster's items are scored (the crowd still counts for relative Brier). */
  forecasterId: string | null;
}

/**
 * The outcome policy of src/scoring (outcomeValue) written out for every (status, outcome) pair,
 * for the database to apply: the value an item is scored with, or the reason it is excluded.
 */
export function outcomePolicyTable(partialAsHalf: boolean): OutcomePolicyRow[] {
  const outcomes: (Outcome | null)[] = [...Object.values(Outcome), null];
  return Object.values(ForecastStatus).flatMap((status) =>
    outcomes.map((outcome) => {
      const value = outcomeValue({ status, outcome }, { partialAsHalf });
      return typeof value === 'number' ? { status, outcome, value, reason: null } : { status, outcome, value: null, reason: value };
    }),
  );
}

/** Running mean of per-item figures. */
class RunningMean {
  items = 0;
  private sum = 0;
  add(value: number): void {
    this.items += 1;
    this.sum += value;
  }
  get mean(): number | null {
    return this.items === 0 ? null : this.sum / this.items;
  }
}

/** Everything one group needs, as sums: no item is kept. */
class GroupTally {
  readonly scores: ScoreAccumulator;
  forecasts = 0;
  resolved = 0;
  overdue = 0;
  noEstimate = 0;
  noEstimateBeforeResolution = 0;
  readonly timeAveraged = new RunningMean();
  readonly relative = new RunningMean();

  constructor(
    readonly key: string | null,
    options: ScorecardBuildOptions,
  ) {
    this.scores = new ScoreAccumulator({ bins: options.bins, partialAsHalf: options.partialAsHalf });
  }

  addStatistics(row: GroupStatisticsRow, binCount: number): void {
    this.forecasts += row.forecasts;
    this.resolved += row.resolved;
    this.overdue += row.overdue;
    this.noEstimate += row.noEstimate;
    this.noEstimateBeforeResolution += row.noEstimateBeforeResolution;
    this.scores.addStatistics(toScoreStatistics(row, binCount));
  }

  toDto(label: string): ScorecardGroupDto {
    const summary = this.scores.summary();
    const outside = this.noEstimate + this.noEstimateBeforeResolution;
    const timeAveraged = this.timeAveraged.mean;
    const relative = this.relative.mean;
    return {
      key: this.key,
      label,
      counts: {
        forecasts: this.forecasts,
        resolved: this.resolved,
        overdue: this.overdue,
        items: summary.counts.total + outside,
        scored: summary.counts.scored,
        excludedTotal: summary.counts.excludedTotal + outside,
        excluded: { ...summary.counts.excluded, noEstimateBeforeResolution: this.noEstimateBeforeResolution, noEstimate: this.noEstimate },
        partialScoredAsHalf: summary.counts.partialScoredAsHalf,
      },
      brier: summary.brier,
      brierInterval95: summary.brierInterval95,
      logScore: summary.logScore,
      logLoss: summary.logLoss,
      skill: summary.skill,
      discrimination: summary.discrimination,
      calibration: summary.calibration,
      expectedCalibrationError: summary.expectedCalibrationError,
      murphy: summary.murphy,
      timeAveragedBrier: {
        items: this.timeAveraged.items,
        brierOneSided: timeAveraged,
        brierTwoSided: timeAveraged === null ? null : 2 * timeAveraged,
        method: TIME_AVERAGED_METHOD,
      },
      relativeBrier: {
        items: this.relative.items,
        relativeBrierOneSided: relative,
        relativeBrierTwoSided: relative === null ? null : 2 * relative,
        method: RELATIVE_METHOD,
      },
    };
  }
}

/** A group's sums from the database, in the shape ScoreAccumulator merges. */
export function toScoreStatistics(row: GroupStatisticsRow, binCount: number): ScoreStatistics {
  const statistics = emptyScoreStatistics(binCount);
  statistics.total = row.items - row.noEstimate - row.noEstimateBeforeResolution;
  statistics.excluded = {
    partial: row.partial,
    ambiguous: row.ambiguous,
    annulled: row.annulled,
    withdrawn: row.withdrawn,
    unresolved: row.unresolved,
  };
  statistics.yesCount = row.yesCount;
  statistics.partialCount = row.partialCount;
  statistics.noCount = row.noCount;
  statistics.yesForecastSum = row.yesForecastSum;
  statistics.noForecastSum = row.noForecastSum;
  statistics.brierSum = row.brierSum;
  statistics.brierSquareSum = row.brierSquareSum;
  statistics.logScoreSum = row.logScoreSum;
  (row.binIndex ?? []).forEach((index, i) => {
    const bin = statistics.bins[index];
    if (bin === undefined) throw new RangeError(`calibration bin ${index} is outside the ${binCount} bins`);
    bin.count = row.binCount?.[i] ?? 0;
    bin.yesCount = row.binYesCount?.[i] ?? 0;
    bin.partialCount = row.binPartialCount?.[i] ?? 0;
    bin.forecastSum = row.binForecastSum?.[i] ?? 0;
    bin.forecastSquareSum = row.binForecastSquareSum?.[i] ?? 0;
    bin.forecastOutcomeSum = row.binForecastOutcomeSum?.[i] ?? 0;
  });
  return statistics;
}

/**
 * Assembles a scorecard from the database's per-group sums (the final-estimate figures) and the
 * scored forecasts' estimate series (the daily figures), one batch at a time. Memory grows with
 * the number of groups, not with the archive.
 */
export class ScorecardBuilder {
  private readonly overall: GroupTally;
  private readonly groups = new Map<string | null, GroupTally>();

  constructor(private readonly options: ScorecardBuildOptions) {
    this.overall = new GroupTally(null, options);
  }

  addGroupStatistics(row: GroupStatisticsRow): void {
    (row.overall ? this.overall : this.group(row.key)).addStatistics(row, this.options.bins);
  }

  /** Each forecaster's time-averaged and relative Brier on one scored forecast, added to their item's groups. */
  addSeries(row: ForecastSeriesRow): void {
    const value = outcomeValue({ outcome: row.outcome, status: row.status }, { partialAsHalf: this.options.partialAsHalf });
    if (typeof value !== 'number') return;
    const scores = relativeBrierBySegments({
      outcome: value,
      resolvedOn: new Date(row.resolutionDay * MS_PER_DAY),
      forecasters: seriesByForecaster(row),
    });
    const forecastKeys = row.groupKeys === null || row.groupKeys.length === 0 ? [null] : [...new Set(row.groupKeys)];
    for (const score of scores) {
      if (this.options.forecasterId !== null && score.forecasterId !== this.options.forecasterId) continue;
      const keys = this.options.groupBy === 'forecaster' ? [score.forecasterId] : forecastKeys;
      for (const tally of [this.overall, ...keys.map((key) => this.group(key))]) {
        if (score.brierOneSided !== null) tally.timeAveraged.add(score.brierOneSided);
        if (score.relativeBrierOneSided !== null) tally.relative.add(score.relativeBrierOneSided);
      }
    }
  }

  groupKeysSeen(): (string | null)[] {
    return [...this.groups.keys()];
  }

  build(label: (key: string | null) => string): { overall: ScorecardGroupDto; groups: ScorecardGroupDto[] } {
    return {
      overall: this.overall.toDto('All forecasts in scope'),
      groups: [...this.groups.values()].map((tally) => tally.toDto(label(tally.key))),
    };
  }

  private group(key: string | null): GroupTally {
    let tally = this.groups.get(key);
    if (tally === undefined) {
      tally = new GroupTally(key, this.options);
      this.groups.set(key, tally);
    }
    return tally;
  }
}

/** The row's series text as one series per forecaster (each estimate dated at the start of its UTC day). */
export function seriesByForecaster(row: Pick<ForecastSeriesRow, 'series'>): ForecasterEstimateSeries[] {
  return row.series.split(';').map((entry) => {
    const [forecasterId = '', days = '', probabilities = ''] = entry.split('=');
    const p = probabilities.split(',');
    return {
      forecasterId,
      estimates: days
        .split(',')
        .map((day, i): ProbabilityEstimatePoint => ({ probability: Number(p[i]), madeAt: new Date(Number(day) * MS_PER_DAY) })),
    };
  });
}
