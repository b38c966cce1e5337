import { DAY_MS, utcDate } from '../common/dates/utc-date.js';
import { assertProbability } from './scored-item.js';

export interface ProbabilityEstimatePoint {
  probability: number;
  madeAt: Date;
}

export interface StandingEstimateDay {
  /** Days since 1970-01-01 UTC. */
  dayNumber: number;
  /** The UTC calendar day, YYYY-MM-DD. */
  day: string;
  /** The estimate standing at the end of this day. */
  probability: number;
}

function assertValidDate(date: Date, what: string): void {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a valid date`);
}

/** Scores are kept in UTC days (docs/style.md practice 10), whatever the server's time zone. */
export function utcDayNumber(date: Date): number {
  assertValidDate(date, 'date');
  return Math.floor(date.getTime() / DAY_MS);
}

export function utcDayLabel(dayNumber: number): string {
  return utcDate(new Date(dayNumber * DAY_MS));
}

/**
 * One forecaster's standing estimate for each UTC day it counts, carried forward from the day of
 * their first estimate (docs/scoring.md "Time-averaged Brier").
 *
 * Day range: from the first estimate's UTC day up to and including the day BEFORE the resolution
 * date's UTC day. The resolution date is the day the outcome became true; from then on a standing
 * estimate is no longer a forecast. This is what makes T9 (estimates on days 0, 4, 7, resolution
 * on day 10 → days 0–9) and Good Judgment's example (0.9 on days 0–2, 0.95 on days 3–6,
 * resolution on day 7 → 7 days) come out exactly.
 *
 * A change takes effect on its own day: a day's standing estimate is the last one made on or
 * before that day. Estimates made on or after the resolution day are ignored.
 *
 * This is the rule's one statement. refresh_final_estimates (migration final_estimates) is its
 * second form, in SQL for speed, and test/integration/final-estimates holds it to this one on
 * generated histories (to 1e-12): change the rule here, then the SQL until that test passes.
 */
export function dailyStandingEstimates(estimates: readonly ProbabilityEstimatePoint[], resolvedOn: Date): StandingEstimateDay[] {
  const resolutionDay = utcDayNumber(resolvedOn);
  const ordered = estimates
    .map((estimate, index) => {
      assertProbability(estimate.probability, `estimates[${index}].probability`);
      assertValidDate(estimate.madeAt, `estimates[${index}].madeAt`);
      return { time: estimate.madeAt.getTime(), index, probability: estimate.probability };
    })
    .filter((estimate) => Math.floor(estimate.time / DAY_MS) < resolutionDay)
    // Input order breaks ties between estimates with the same timestamp: the later entry wins,
    // as an append-only series would have it.
    .sort((a, b) => a.time - b.time || a.index - b.index);
  const first = ordered[0];
  if (first === undefined) return [];
  const days: StandingEstimateDay[] = [];
  let next = 0;
  let standing = first.probability;
  for (let dayNumber = Math.floor(first.time / DAY_MS); dayNumber < resolutionDay; dayNumber += 1) {
    const endOfDay = (dayNumber + 1) * DAY_MS;
    for (let estimate = ordered[next]; estimate !== undefined && estimate.time < endOfDay; estimate = ordered[next]) {
      standing = estimate.probability;
      next += 1;
    }
    days.push({ dayNumber, day: utcDayLabel(dayNumber), probability: standing });
  }
  return days;
}
