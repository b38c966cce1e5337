/**
 * A forecast that the outcome policy has admitted for scoring: one probability for "yes" and the
 * outcome as a number (docs/scoring.md "Scores": o = 1 if yes, 0 if no; partial is 0.5 only when the
 * user asks for it).
 */
export type OutcomeValue = 0 | 0.5 | 1;

export interface ScoredItem {
  probability: number;
  outcome: OutcomeValue;
}

/** Scores are defined only for probabilities in [0, 1]; anything else is a caller's bug, not data. */
export function assertProbability(probability: number, what = 'probability'): void {
  if (!Number.isFinite(probability) || probability < 0 || probability > 1) {
    throw new RangeError(`${what} must be a number in [0, 1], got ${String(probability)}`);
  }
}

export function assertOutcomeValue(outcome: number, what = 'outcome'): void {
  if (outcome !== 0 && outcome !== 0.5 && outcome !== 1) {
    throw new RangeError(`${what} must be 0, 0.5 or 1, got ${String(outcome)}`);
  }
}

export function assertScoredItems(items: readonly ScoredItem[]): void {
  items.forEach((item, index) => {
    assertProbability(item.probability, `items[${index}].probability`);
    assertOutcomeValue(item.outcome, `items[${index}].outcome`);
  });
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
