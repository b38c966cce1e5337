import { ForecastStatus, Outcome } from '@prisma/client';
import { emptyScoreStatistics, ExactSum, outcomeValue, ScoreAccumulator, type ScoreStatistics } from '../scoring/index.js';
import type { ScorecardGroupDto } from './dto/scorecard-report.dto.js';
import type { ScorecardGroupBy } from './dto/scorecard.query.js';
import { RELATIVE_METHOD, TIME_AVERAGED_METHOD } from './scorecard-groupings.js';
import type { ItemStatisticsRow, OutcomePolicyRow } from './scorecards.repository.js';

export interface ScorecardBuildOptions {
  groupBy: ScorecardGroupBy;
  bins: number;
  partialAsHalf: boolean;
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

/** Mean of per-item figures, from exact sums over batches of items. */
class RunningMean {
  items = 0;
  private readonly sum = new ExactSum();
  add(sum: ExactSum, items: number): void {
    this.items += items;
    this.sum.add(sum);
  }
  get mean(): number | null {
    return this.items === 0 ? null : this.sum.toNumber() / this.items;
  }
}

/**
 * The sums of ScoreStatistics, kept exact across the rows a group adds up and rounded once when
 * the group is scored, so a figure never depends on the order the database returned its rows in.
 */
class ExactScoreSums {
  private readonly counts: ScoreStatistics;
  private readonly sums = {
    yes: new ExactSum(),
    no: new ExactSum(),
    brier: new ExactSum(),
    brierSquare: new ExactSum(),
    log: new ExactSum(),
  };
  private readonly bins: { forecast: ExactSum; forecastSquare: ExactSum; forecastOutcome: ExactSum }[];

  constructor(binCount: number) {
    this.counts = emptyScoreStatistics(binCount);
    this.bins = Array.from({ length: binCount }, () => ({
      forecast: new ExactSum(),
      forecastSquare: new ExactSum(),
      forecastOutcome: new ExactSum(),
    }));
  }

  /** Adds a row's counts and exact sums; nothing is rounded until rounded(). */
  add(row: ItemStatisticsRow): void {
    const mine = this.counts;
    mine.total += row.items - row.noEstimate - row.noEstimateBeforeResolution;
    mine.excluded.partial += row.partial;
    mine.excluded.ambiguous += row.ambiguous;
    mine.excluded.annulled += row.annulled;
    mine.excluded.withdrawn += row.withdrawn;
    mine.excluded.unresolved += row.unresolved;
    mine.yesCount += row.yesCount;
    mine.partialCount += row.partialCount;
    mine.noCount += row.noCount;
    this.sums.yes.add(row.yesForecastSum);
    this.sums.no.add(row.noForecastSum);
    this.sums.brier.add(row.brierSum);
    this.sums.brierSquare.add(row.brierSquareSum);
    this.sums.log.add(row.logScoreSum);
    (row.binIndex ?? []).forEach((index, i) => {
      const target = mine.bins[index];
      if (target === undefined) throw new RangeError(`calibration bin ${index} is outside the ${this.bins.length} bins`);
      target.count += row.binCount?.[i] ?? 0;
      target.yesCount += row.binYesCount?.[i] ?? 0;
      target.partialCount += row.binPartialCount?.[i] ?? 0;
      const exact = this.bins[index];
      if (row.binForecastSum?.[i]) exact.forecast.add(row.binForecastSum[i]);
      if (row.binForecastSquareSum?.[i]) exact.forecastSquare.add(row.binForecastSquareSum[i]);
      if (row.binForecastOutcomeSum?.[i]) exact.forecastOutcome.add(row.binForecastOutcomeSum[i]);
    });
  }

  itemCount(): number {
    return this.counts.total;
  }

  /** The statistics with every sum rounded once to the nearest double. */
  rounded(): ScoreStatistics {
    return {
      ...this.counts,
      excluded: { ...this.counts.excluded },
      yesForecastSum: this.sums.yes.toNumber(),
      noForecastSum: this.sums.no.toNumber(),
      brierSum: this.sums.brier.toNumber(),
      brierSquareSum: this.sums.brierSquare.toNumber(),
      logScoreSum: this.sums.log.toNumber(),
      bins: this.counts.bins.map((bin, i) => ({
        ...bin,
        forecastSum: this.bins[i].forecast.toNumber(),
        forecastSquareSum: this.bins[i].forecastSquare.toNumber(),
        forecastOutcomeSum: this.bins[i].forecastOutcome.toNumber(),
      })),
    };
  }
}

/** Everything one group needs, as sums: no item is kept. */
class GroupTally {
  private readonly sums: ExactScoreSums;
  forecasts = 0;
  resolved = 0;
  overdue = 0;
  noEstimate = 0;
  noEstimateBeforeResolution = 0;
  readonly basis = { numbers: 0, words: 0, unconfirmed: 0, rangeOverridden: 0, recordedOnBehalf: 0 };
  readonly timeAveraged = new RunningMean();
  readonly relative = new RunningMean();

  constructor(
    readonly key: string | null,
    private readonly options: ScorecardBuildOptions,
  ) {
    this.sums = new ExactScoreSums(options.bins);
  }

  addItems(row: ItemStatisticsRow): void {
    this.noEstimate += row.noEstimate;
    this.noEstimateBeforeResolution += row.noEstimateBeforeResolution;
    this.basis.numbers += row.numbersItems;
    this.basis.words += row.wordsItems;
    this.basis.unconfirmed += row.unconfirmedItems;
    this.basis.rangeOverridden += row.rangeOverriddenItems;
    this.basis.recordedOnBehalf += row.onBehalfItems;
    this.sums.add(row);
    this.timeAveraged.add(row.timeAveragedSum, row.timeAveragedItems);
    this.relative.add(row.relativeSum, row.relativeItems);
  }

  itemCount(): number {
    return this.sums.itemCount() + this.noEstimate + this.noEstimateBeforeResolution;
  }

  addForecasts(forecasts: number, resolved: number, overdue: number): void {
    this.forecasts += forecasts;
    this.resolved += resolved;
    this.overdue += overdue;
  }

  toDto(label: string): ScorecardGroupDto {
    const scores = new ScoreAccumulator({ bins: this.options.bins, partialAsHalf: this.options.partialAsHalf });
    scores.addStatistics(this.sums.rounded());
    const summary = scores.summary();
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
        basis: { ...this.basis },
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

/** A key set's sums from the database, in the shape ScoreAccumulator merges. */
export function toScoreStatistics(row: ItemStatisticsRow, binCount: number): ScoreStatistics {
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
  statistics.yesForecastSum = row.yesForecastSum.toNumber();
  statistics.noForecastSum = row.noForecastSum.toNumber();
  statistics.brierSum = row.brierSum.toNumber();
  statistics.brierSquareSum = row.brierSquareSum.toNumber();
  statistics.logScoreSum = row.logScoreSum.toNumber();
  (row.binIndex ?? []).forEach((index, i) => {
    const bin = statistics.bins[index];
    if (bin === undefined) throw new RangeError(`calibration bin ${index} is outside the ${binCount} bins`);
    bin.count = row.binCount?.[i] ?? 0;
    bin.yesCount = row.binYesCount?.[i] ?? 0;
    bin.partialCount = row.binPartialCount?.[i] ?? 0;
    bin.forecastSum = row.binForecastSum?.[i]?.toNumber() ?? 0;
    bin.forecastSquareSum = row.binForecastSquareSum?.[i]?.toNumber() ?? 0;
    bin.forecastOutcomeSum = row.binForecastOutcomeSum?.[i]?.toNumber() ?? 0;
  });
  return statistics;
}

/**
 * Assembles a scorecard from the database's sums per key set: each key's group adds the rows whose
 * set holds it, the overall figures add every row once. Memory grows with the number of groups,
 * not with the archive.
 */
export class ScorecardBuilder {
  private readonly overall: GroupTally;
  private readonly groups = new Map<string | null, GroupTally>();
  /** Groups the database added up into one row (beyond the largest asked for): they count only overall. */
  private otherGroups = 0;

  constructor(private readonly options: ScorecardBuildOptions) {
    this.overall = new GroupTally(null, options);
  }

  addItemStatistics(row: ItemStatisticsRow): void {
    this.overall.addItems(row);
    this.overall.addForecasts(row.forecasts, row.resolvedForecasts, row.dueForecasts);
    if (row.otherGroups > 0) {
      this.otherGroups += row.otherGroups;
      return;
    }
    for (const key of groupKeys(row.keys)) {
      // A forecast nobody estimated counts overall, but it is nobody's item: no forecaster group for it.
      if (this.options.groupBy === 'forecaster' && key === null) continue;
      const group = this.group(key);
      group.addItems(row);
      // A forecaster's forecasts are their items.
      if (this.options.groupBy === 'forecaster') group.addForecasts(row.items, row.resolvedItems, row.dueItems);
      else group.addForecasts(row.forecasts, row.resolvedForecasts, row.dueForecasts);
    }
  }

  groupKeysSeen(): (string | null)[] {
    return [...this.groups.keys()];
  }

  /**
   * The keys of the `limit` largest groups (most items; ties by key), which are all that build()
   * scores. Groups the database added up (otherGroups) are never among them: it sends every group
   * as large as the limit-th largest.
   */
  largestGroupKeys(limit: number): (string | null)[] {
    const tallies = [...this.groups.values()];
    if (tallies.length <= limit) return tallies.map((tally) => tally.key);
    return tallies
      .sort((a, b) => b.itemCount() - a.itemCount() || (a.key ?? '').localeCompare(b.key ?? ''))
      .slice(0, limit)
      .map((tally) => tally.key);
  }

  build(
    label: (key: string | null) => string,
    keys: (string | null)[] = this.groupKeysSeen(),
  ): { overall: ScorecardGroupDto; groups: ScorecardGroupDto[]; groupCount: number } {
    return {
      overall: this.overall.toDto('All forecasts in scope'),
      groups: keys.map((key) => this.groups.get(key)!.toDto(label(key))),
      groupCount: this.groups.size + this.otherGroups,
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

/** The distinct keys of a key set; none is the group with key null. */
function groupKeys(keys: readonly (string | null)[] | null): (string | null)[] {
  return keys === null || keys.length === 0 ? [null] : [...new Set(keys)];
}
