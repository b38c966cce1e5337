import { utcDayNumber, type ProbabilityEstimatePoint } from './daily-standing-estimates.js';
import type { RelativeBrierInput } from './relative-brier.js';
import { assertOutcomeValue, assertProbability } from './scored-item.js';

const MS_PER_DAY = 86_400_000;

/** A run of days [fromDay, toDay) on which one estimate stood; day numbers count from 1970-01-01 UTC. */
export interface StandingSegment {
  fromDay: number;
  toDay: number;
  probability: number;
}

/**
 * dailyStandingEstimates as runs instead of days: the same days, the same standing estimate on
 * each (the last one made on or before the day, input order breaking ties), ending the day before
 * the resolution day. A forecast open for two years is then a handful of segments, not 730 days.
 */
export function standingSegments(estimates: readonly ProbabilityEstimatePoint[], resolvedOn: Date): StandingSegment[] {
  const resolutionDay = utcDayNumber(resolvedOn);
  const ordered = estimates
    .map((estimate, index) => {
      assertProbability(estimate.probability, `estimates[${index}].probability`);
      const time = estimate.madeAt.getTime();
      if (Number.isNaN(time)) throw new RangeError(`estimates[${index}].madeAt is not a valid date`);
      return { time, index, probability: estimate.probability };
    })
    .filter((estimate) => Math.floor(estimate.time / MS_PER_DAY) < resolutionDay)
    .sort((a, b) => a.time - b.time || a.index - b.index);
  const segments: StandingSegment[] = [];
  for (const estimate of ordered) {
    const day = Math.floor(estimate.time / MS_PER_DAY);
    const last = segments[segments.length - 1];
    if (last !== undefined && last.fromDay === day) {
      last.probability = estimate.probability;
      continue;
    }
    if (last !== undefined) last.toDay = day;
    segments.push({ fromDay: day, toDay: resolutionDay, probability: estimate.probability });
  }
  return segments;
}

export interface SegmentedForecasterScores {
  forecasterId: string;
  /** Days with a standing estimate: the denominator of the time-averaged Brier. */
  daysActive: number;
  /** Days with at least one other forecaster standing: the denominator of the relative Brier. */
  daysWithRelative: number;
  /** Time-averaged Brier, one-sided; null when no day had an estimate. */
  brierOneSided: number | null;
  brierTwoSided: number | null;
  /** Mean daily Brier minus the day's median; null when no day had company. */
  relativeBrierOneSided: number | null;
  relativeBrierTwoSided: number | null;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * relativeBrier (and each forecaster's timeAveragedBrier) without the day-by-day expansion: between
 * two consecutive days on which any forecaster changed their estimate, every daily Brier and so
 * the day's median are constant, so each such run counts once, weighted by its length. Same days,
 * same medians, same nulls as the daily functions (the property spec holds them to 1e-9); the cost
 * grows with the number of estimates instead of the number of days, which is what lets a scorecard
 * cover a whole archive.
 */
export function relativeBrierBySegments(input: RelativeBrierInput): SegmentedForecasterScores[] {
  assertOutcomeValue(input.outcome);
  const outcome = input.outcome;
  const ids = new Set<string>();
  for (const series of input.forecasters) {
    if (ids.has(series.forecasterId)) throw new RangeError(`forecaster ${series.forecasterId} is listed twice`);
    ids.add(series.forecasterId);
  }
  const resolutionDay = utcDayNumber(input.resolvedOn);
  const people = input.forecasters.map((series) => ({
    forecasterId: series.forecasterId,
    segments: standingSegments(series.estimates, input.resolvedOn),
    cursor: 0,
    days: 0,
    brierSum: 0,
    relativeDays: 0,
    relativeSum: 0,
  }));
  const breakpoints = [...new Set(people.flatMap((person) => person.segments.map((segment) => segment.fromDay)))].sort((a, b) => a - b);

  breakpoints.forEach((fromDay, index) => {
    const length = (breakpoints[index + 1] ?? resolutionDay) - fromDay;
    const standing: { person: (typeof people)[number]; brier: number }[] = [];
    for (const person of people) {
      let segment = person.segments[person.cursor];
      while (segment !== undefined && segment.toDay <= fromDay) {
        person.cursor += 1;
        segment = person.segments[person.cursor];
      }
      if (segment === undefined || segment.fromDay > fromDay) continue;
      standing.push({ person, brier: (segment.probability - outcome) ** 2 });
    }
    const crowd = standing.length >= 2 ? median(standing.map((entry) => entry.brier).sort((a, b) => a - b)) : null;
    for (const { person, brier } of standing) {
      person.days += length;
      person.brierSum += length * brier;
      if (crowd !== null) {
        person.relativeDays += length;
        person.relativeSum += length * (brier - crowd);
      }
    }
  });

  return people.map((person): SegmentedForecasterScores => {
    const brier = person.days === 0 ? null : person.brierSum / person.days;
    const relative = person.relativeDays === 0 ? null : person.relativeSum / person.relativeDays;
    return {
      forecasterId: person.forecasterId,
      daysActive: person.days,
      daysWithRelative: person.relativeDays,
      brierOneSided: brier,
      brierTwoSided: brier === null ? null : 2 * brier,
      relativeBrierOneSided: relative,
      relativeBrierTwoSided: relative === null ? null : 2 * relative,
    };
  });
}
