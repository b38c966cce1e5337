import { assertProbability, type OutcomeValue } from './scored-item.js';

/** Mirrors the `Outcome` enum of prisma/schema.prisma, kept here so scoring stays database-free. */
export type ForecastOutcome = 'yes' | 'no' | 'partial' | 'ambiguous' | 'annulled';

/** Mirrors the `ForecastStatus` enum of prisma/schema.prisma. */
export type ForecastLifecycleStatus = 'draft' | 'open' | 'due' | 'resolved' | 'withdrawn';

export interface ScorableForecast {
  probability: number;
  /** Null until the forecast is resolved (or after it is reopened). */
  outcome: ForecastOutcome | null;
  /** When given, only `resolved` forecasts are scored; `withdrawn` is counted as its own reason. */
  status?: ForecastLifecycleStatus;
}

export type ExclusionReason = 'partial' | 'ambiguous' | 'annulled' | 'withdrawn' | 'unresolved';

export type ExclusionCounts = Record<ExclusionReason, number>;

export interface OutcomePolicyOptions {
  /** Score `partial` as o = 0.5 instead of excluding it (docs/scoring.md "Status and outcome"). */
  partialAsHalf?: boolean;
}

export interface AdmittedForecast<T extends ScorableForecast> {
  source: T;
  probability: number;
  outcome: OutcomeValue;
}

export interface OutcomePolicyResult<T extends ScorableForecast> {
  total: number;
  scored: AdmittedForecast<T>[];
  excluded: ExclusionCounts;
  /** How many of `scored` are partial outcomes counted as 0.5 (0 unless partialAsHalf). */
  partialScoredAsHalf: number;
}

export function emptyExclusionCounts(): ExclusionCounts {
  return { partial: 0, ambiguous: 0, annulled: 0, withdrawn: 0, unresolved: 0 };
}

/**
 * The scoring rule of docs/scoring.md: only yes/no are scored by default; partial as 0.5 on request;
 * ambiguous, annulled, withdrawn and unresolved never. Scorecards must show what was left out, so
 * every exclusion is counted by reason rather than silently dropped.
 */
export function outcomeValue(
  forecast: Pick<ScorableForecast, 'outcome' | 'status'>,
  options: OutcomePolicyOptions = {},
): OutcomeValue | ExclusionReason {
  if (forecast.status === 'withdrawn') return 'withdrawn';
  if (forecast.outcome === null || (forecast.status !== undefined && forecast.status !== 'resolved')) {
    return 'unresolved';
  }
  switch (forecast.outcome) {
    case 'yes':
      return 1;
    case 'no':
      return 0;
    case 'partial':
      return options.partialAsHalf === true ? 0.5 : 'partial';
    case 'ambiguous':
      return 'ambiguous';
    case 'annulled':
      return 'annulled';
    default: {
      const unknown: never = forecast.outcome;
      throw new RangeError(`unknown outcome ${String(unknown)}`);
    }
  }
}

export function selectScoredForecasts<T extends ScorableForecast>(
  forecasts: readonly T[],
  options: OutcomePolicyOptions = {},
): OutcomePolicyResult<T> {
  const excluded = emptyExclusionCounts();
  const scored: AdmittedForecast<T>[] = [];
  let partialScoredAsHalf = 0;
  forecasts.forEach((forecast, index) => {
    const value = outcomeValue(forecast, options);
    if (typeof value === 'string') {
      excluded[value] += 1;
      return;
    }
    assertProbability(forecast.probability, `forecasts[${index}].probability`);
    if (value === 0.5) partialScoredAsHalf += 1;
    scored.push({ source: forecast, probability: forecast.probability, outcome: value });
  });
  return { total: forecasts.length, scored, excluded, partialScoredAsHalf };
}
