import { assertProbability, assertScoredItems, mean, type OutcomeValue, type ScoredItem } from './scored-item.js';

/**
 * docs/scoring.md "Log score": clamp p to [0.001, 0.999] so a confident miss costs ln 0.001, not −∞.
 * The scorecard SQL (scorecards.repository.ts) clamps with these same values, passed as parameters.
 */
export const LOG_SCORE_CLAMP = { min: 0.001, max: 0.999 } as const;

/**
 * The log score's convention, to show beside every log score as BRIER_SCALE is shown beside every
 * Brier score: the same forecasts score differently in another base or with another clamp.
 */
export const LOG_SCORE_CONVENTION =
  `Log score: mean of ln p_o (natural log), p_o the probability given to what happened, p clamped to ` +
  `[${LOG_SCORE_CLAMP.min}, ${LOG_SCORE_CLAMP.max}]; ≤ 0, higher is better, always-0.5 scores ln 0.5 = −0.693147. ` +
  'Log loss is its negative.';

/**
 * ln p_o, the log of the probability given to what happened. Written as o·ln p + (1 − o)·ln(1 − p),
 * which is exactly ln p_o for o ∈ {0, 1} and stays defined when a partial outcome counts as 0.5.
 */
export function logScore(probability: number, outcome: OutcomeValue): number {
  assertProbability(probability);
  const p = Math.min(LOG_SCORE_CLAMP.max, Math.max(LOG_SCORE_CLAMP.min, probability));
  if (outcome === 1) return Math.log(p);
  if (outcome === 0) return Math.log(1 - p);
  return outcome * Math.log(p) + (1 - outcome) * Math.log(1 - p);
}

/** Mean ln p_o (≤ 0, higher is better); null for no items. */
export function meanLogScore(items: readonly ScoredItem[]): number | null {
  assertScoredItems(items);
  return mean(items.map((item) => logScore(item.probability, item.outcome)));
}

/** Log loss is the negated log score (docs/scoring.md), the form machine-learning tools report. */
export function logLoss(items: readonly ScoredItem[]): number | null {
  const score = meanLogScore(items);
  return score === null ? null : -score;
}
