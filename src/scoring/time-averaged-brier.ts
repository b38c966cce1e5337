import { BRIER_SCALE } from './brier.js';
import { dailyStandingEstimates, type ProbabilityEstimatePoint } from './daily-standing-estimates.js';
import { assertOutcomeValue, type OutcomeValue } from './scored-item.js';

export interface TimeAveragedBrierInput {
  /** One forecaster's estimate series on one binary forecast. */
  estimates: readonly ProbabilityEstimatePoint[];
  outcome: OutcomeValue;
  /** The date the outcome became true; its UTC day is the first day not scored. */
  resolvedOn: Date;
}

export interface DailyBrier {
  dayNumber: number;
  day: string;
  probability: number;
  brierOneSided: number;
  brierTwoSided: number;
}

export interface TimeAveragedBrier {
  /** Days with a standing estimate, the denominator of the averages. */
  daysScored: number;
  firstDay: string | null;
  lastDay: string | null;
  daily: DailyBrier[];
  /** Null when no day had an estimate (none made before the resolution day). */
  brierOneSided: number | null;
  brierTwoSided: number | null;
  scale: typeof BRIER_SCALE;
}

export function dailyBrier(estimates: readonly ProbabilityEstimatePoint[], outcome: OutcomeValue, resolvedOn: Date): DailyBrier[] {
  assertOutcomeValue(outcome);
  return dailyStandingEstimates(estimates, resolvedOn).map((standing) => {
    const oneSided = (standing.probability - outcome) ** 2;
    return { ...standing, brierOneSided: oneSided, brierTwoSided: 2 * oneSided };
  });
}

/**
 * Good Judgment's time-averaged Brier: the mean of the daily Brier over the days the forecaster had
 * a standing estimate. Days before their first estimate are not in the denominator (docs/scoring.md:
 * dividing by them is a known bug that flatters late forecasters). See dailyStandingEstimates for
 * the exact day range.
 *
 * This is the rule's one statement. refresh_final_estimates (migration final_estimates) is its
 * second form, in SQL for speed, and test/integration/final-estimates holds it to this one on
 * generated histories (to 1e-12): change the rule here, then the SQL until that test passes.
 */
export function timeAveragedBrier(input: TimeAveragedBrierInput): TimeAveragedBrier {
  const daily = dailyBrier(input.estimates, input.outcome, input.resolvedOn);
  const first = daily[0];
  const last = daily[daily.length - 1];
  if (first === undefined || last === undefined) {
    return { daysScored: 0, firstDay: null, lastDay: null, daily, brierOneSided: null, brierTwoSided: null, scale: BRIER_SCALE };
  }
  const oneSided = daily.reduce((sum, day) => sum + day.brierOneSided, 0) / daily.length;
  return {
    daysScored: daily.length,
    firstDay: first.day,
    lastDay: last.day,
    daily,
    brierOneSided: oneSided,
    brierTwoSided: 2 * oneSided,
    scale: BRIER_SCALE,
  };
}
