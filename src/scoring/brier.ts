import { assertProbability, assertScoredItems, mean, type OutcomeValue, type ScoredItem } from './scored-item.js';

/**
 * Scale labels to show beside every Brier number (docs/scoring.md: "label the scale wherever a
 * number is shown"), because the same forecasts score 0.16 on one scale and 0.32 on the other.
 */
export const BRIER_SCALE = {
  oneSided: 'Brier one-sided, 0–1: mean of (p − o)²; 0 is perfect, always-0.5 scores 0.25',
  twoSided: "Brier two-sided, 0–2 (Good Judgment's scale): exactly twice the one-sided score",
} as const;

export function brierOneSided(probability: number, outcome: OutcomeValue): number {
  assertProbability(probability);
  return (probability - outcome) ** 2;
}

/** Good Judgment's two-sided score sums the squared error over "yes" and "no", i.e. 2(p − o)². */
export function brierTwoSided(probability: number, outcome: OutcomeValue): number {
  return 2 * brierOneSided(probability, outcome);
}

export interface MeanBrier {
  brierOneSided: number;
  brierTwoSided: number;
}

/** Null for no items: a mean over nothing is undefined, not 0 (which would read as perfect). */
export function meanBrier(items: readonly ScoredItem[]): MeanBrier | null {
  assertScoredItems(items);
  const oneSided = mean(items.map((item) => (item.probability - item.outcome) ** 2));
  if (oneSided === null) return null;
  // Doubling is exact in binary floating point, so two-sided is exactly twice one-sided.
  return { brierOneSided: oneSided, brierTwoSided: 2 * oneSided };
}

/** Probabilities over mutually exclusive options must add up to 1, allowing for rounding. */
const PROBABILITY_SUM_TOLERANCE = 1e-6;

/**
 * Brier's original multi-category score (Brier 1950): Σ_k (p_k − o_k)² over all options, 0–2.
 * For two options it equals the two-sided binary score. docs/scoring.md test vector T2.
 */
export function multiCategoryBrier(probabilities: readonly number[], outcomeIndex: number): number {
  if (probabilities.length < 2) {
    throw new RangeError(`a multi-category forecast needs at least 2 options, got ${probabilities.length}`);
  }
  if (!Number.isInteger(outcomeIndex) || outcomeIndex < 0 || outcomeIndex >= probabilities.length) {
    throw new RangeError(`outcomeIndex must be an option index in [0, ${probabilities.length - 1}], got ${outcomeIndex}`);
  }
  let sum = 0;
  let score = 0;
  probabilities.forEach((probability, index) => {
    assertProbability(probability, `probabilities[${index}]`);
    sum += probability;
    score += (probability - (index === outcomeIndex ? 1 : 0)) ** 2;
  });
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    throw new RangeError(`option probabilities must sum to 1, got ${sum}`);
  }
  return score;
}

export interface MultiCategoryForecast {
  probabilities: readonly number[];
  outcomeIndex: number;
}

export function meanMultiCategoryBrier(forecasts: readonly MultiCategoryForecast[]): number | null {
  return mean(forecasts.map((forecast) => multiCategoryBrier(forecast.probabilities, forecast.outcomeIndex)));
}
