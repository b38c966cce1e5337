import { BRIER_SCALE } from './brier.js';
import type { ProbabilityEstimatePoint } from './daily-standing-estimates.js';
import { assertOutcomeValue, type OutcomeValue } from './scored-item.js';
import { dailyBrier, type DailyBrier } from './time-averaged-brier.js';

export interface ForecasterEstimateSeries {
  forecasterId: string;
  estimates: readonly ProbabilityEstimatePoint[];
}

export interface RelativeBrierInput {
  outcome: OutcomeValue;
  resolvedOn: Date;
  forecasters: readonly ForecasterEstimateSeries[];
}

export interface RelativeBrierDay {
  dayNumber: number;
  day: string;
  /** Forecasters with a standing estimate that day. */
  standing: number;
  medianBrierOneSided: number;
  medianBrierTwoSided: number;
}

export interface ForecasterRelativeBrierDay extends DailyBrier {
  /** Daily Brier minus that day's median; null on a day with a single forecaster standing. */
  relativeBrierOneSided: number | null;
  relativeBrierTwoSided: number | null;
}

export interface ForecasterRelativeBrier {
  forecasterId: string;
  /** Days with a standing estimate (denominator of the plain time-averaged Brier). */
  daysActive: number;
  /** Days where the relative Brier is defined (denominator of the relative averages). */
  daysWithRelative: number;
  brierOneSided: number | null;
  brierTwoSided: number | null;
  /** Mean relative Brier over daysWithRelative; negative is better than the crowd; null if none. */
  relativeBrierOneSided: number | null;
  relativeBrierTwoSided: number | null;
  daily: ForecasterRelativeBrierDay[];
}

export interface RelativeBrier {
  days: RelativeBrierDay[];
  forecasters: ForecasterRelativeBrier[];
  scale: typeof BRIER_SCALE;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * Relative Brier on one forecast (docs/scoring.md; Good Judgment Open's "accuracy score" compares
 * with the median the same way): each day, a forecaster's Brier minus the median Brier of everyone
 * standing that day. With a single forecaster standing there is no crowd to compare with, so the
 * day's relative score is null — not 0, which would read as "exactly average" — and it is left out
 * of the averages' denominators. Days and standing estimates follow dailyStandingEstimates.
 *
 * This is the rule's one statement. refresh_final_estimates (migration final_estimates) is its
 * second form, in SQL for speed, and test/integration/final-estimates holds it to this one on
 * generated histories (to 1e-12): change the rule here, then the SQL until that test passes.
 */
export function relativeBrier(input: RelativeBrierInput): RelativeBrier {
  assertOutcomeValue(input.outcome);
  const ids = new Set<string>();
  for (const series of input.forecasters) {
    if (ids.has(series.forecasterId)) throw new RangeError(`forecaster ${series.forecasterId} is listed twice`);
    ids.add(series.forecasterId);
  }

  const perForecaster = input.forecasters.map((series) => ({
    forecasterId: series.forecasterId,
    daily: dailyBrier(series.estimates, input.outcome, input.resolvedOn),
  }));

  const scoresByDay = new Map<number, { day: string; oneSided: number[] }>();
  for (const { daily } of perForecaster) {
    for (const day of daily) {
      const entry = scoresByDay.get(day.dayNumber) ?? { day: day.day, oneSided: [] };
      entry.oneSided.push(day.brierOneSided);
      scoresByDay.set(day.dayNumber, entry);
    }
  }
  const days: RelativeBrierDay[] = [...scoresByDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([dayNumber, { day, oneSided }]) => {
      const medianOneSided = median(oneSided);
      return { dayNumber, day, standing: oneSided.length, medianBrierOneSided: medianOneSided, medianBrierTwoSided: 2 * medianOneSided };
    });
  const dayByNumber = new Map(days.map((day) => [day.dayNumber, day]));

  const forecasters = perForecaster.map(({ forecasterId, daily }): ForecasterRelativeBrier => {
    const withRelative = daily.map((day): ForecasterRelativeBrierDay => {
      const crowd = dayByNumber.get(day.dayNumber);
      const relative = crowd === undefined || crowd.standing < 2 ? null : day.brierOneSided - crowd.medianBrierOneSided;
      return { ...day, relativeBrierOneSided: relative, relativeBrierTwoSided: relative === null ? null : 2 * relative };
    });
    const defined = withRelative.flatMap((day) => (day.relativeBrierOneSided === null ? [] : [day.relativeBrierOneSided]));
    const brierOneSided = daily.length === 0 ? null : daily.reduce((sum, day) => sum + day.brierOneSided, 0) / daily.length;
    const relativeOneSided = defined.length === 0 ? null : defined.reduce((sum, value) => sum + value, 0) / defined.length;
    return {
      forecasterId,
      daysActive: daily.length,
      daysWithRelative: defined.length,
      brierOneSided,
      brierTwoSided: brierOneSided === null ? null : 2 * brierOneSided,
      relativeBrierOneSided: relativeOneSided,
      relativeBrierTwoSided: relativeOneSided === null ? null : 2 * relativeOneSided,
      daily: withRelative,
    };
  });

  return { days, forecasters, scale: BRIER_SCALE };
}
