import { meanBrier } from './brier.js';
import { mean, type ScoredItem } from './scored-item.js';

/** Always forecasting 0.5 scores (0.5 − o)² = 0.25 on every binary item (docs/scoring.md). */
export const ALWAYS_HALF_BRIER = 0.25;

/** 1 − BS / BS_ref; null when the reference is perfect (0), where the ratio is undefined. */
export function brierSkillScore(brier: number, referenceBrier: number): number | null {
  if (referenceBrier === 0) return null;
  return 1 - brier / referenceBrier;
}

export interface BrierSkillScores {
  /** Skill against always forecasting 0.5 (reference Brier 0.25). */
  vsAlwaysHalf: number | null;
  /** Skill against climatology: always forecasting the base rate ō of these items. */
  vsBaseRate: number | null;
  /** ō, the share of items that came true (partial counts 0.5 when scored as half). */
  baseRate: number | null;
  /** One-sided Brier of always forecasting ō: ō(1 − ō) for yes/no outcomes. */
  baseRateBrierOneSided: number | null;
}

/**
 * Skill scores on the one-sided scale (the ratio is the same on either scale). The climatology
 * reference is computed as the mean of (ō − o)², which equals ō(1 − ō) when outcomes are 0/1 and
 * remains the Brier of forecasting ō when a partial outcome counts as 0.5; it is 0 (skill null)
 * when every outcome is the same, i.e. ō is 0 or 1.
 */
export function brierSkillScores(items: readonly ScoredItem[]): BrierSkillScores {
  const brier = meanBrier(items);
  const baseRate = mean(items.map((item) => item.outcome));
  if (brier === null || baseRate === null) {
    return { vsAlwaysHalf: null, vsBaseRate: null, baseRate: null, baseRateBrierOneSided: null };
  }
  const baseRateBrier = mean(items.map((item) => (baseRate - item.outcome) ** 2)) ?? 0;
  return {
    vsAlwaysHalf: brierSkillScore(brier.brierOneSided, ALWAYS_HALF_BRIER),
    vsBaseRate: brierSkillScore(brier.brierOneSided, baseRateBrier),
    baseRate,
    baseRateBrierOneSided: baseRateBrier,
  };
}
