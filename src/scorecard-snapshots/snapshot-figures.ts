import { type ExclusionCounts, scoreSummary, type ScoreSummary } from '../scoring/index.js';

/** The headline figures kept per forecaster or tag and day; what a trend line is drawn from. */
export interface SnapshotFigures {
  counts: {
    /** Resolved forecasts in the group. */
    forecasts: number;
    /** Final estimates on them (one per forecaster and forecast). */
    estimates: number;
    scored: number;
    excludedTotal: number;
    excluded: ExclusionCounts;
  };
  /** One-sided, 0–1, lower is better. */
  brierOneSided: number | null;
  /** Two-sided (Good Judgment's 0–2 scale): exactly twice the one-sided score. */
  brierTwoSided: number | null;
  /** 95% Wilson interval of the one-sided mean Brier (as scorecards give it); null with nothing scored. */
  brierOneSidedInterval95: { lower: number; upper: number } | null;
  logScore: number | null;
  skillVsAlwaysHalf: number | null;
  skillVsBaseRate: number | null;
  baseRate: number | null;
  discrimination: number | null;
  expectedCalibrationError: number | null;
}

export interface SnapshotItem {
  forecastId: string;
  probability: number;
  outcome: 'yes' | 'no' | 'partial' | 'ambiguous' | 'annulled';
}

/** Scores a group with the shared scoring module, so snapshots agree with live scorecards. */
export function snapshotFigures(items: readonly SnapshotItem[]): SnapshotFigures {
  const summary: ScoreSummary = scoreSummary(
    items.map((item) => ({ probability: item.probability, outcome: item.outcome, status: 'resolved' })),
  );
  return {
    counts: {
      forecasts: new Set(items.map((item) => item.forecastId)).size,
      estimates: summary.counts.total,
      scored: summary.counts.scored,
      excludedTotal: summary.counts.excludedTotal,
      excluded: summary.counts.excluded,
    },
    brierOneSided: summary.brier.brierOneSided,
    brierTwoSided: summary.brier.brierTwoSided,
    brierOneSidedInterval95: summary.brierInterval95 ? { ...summary.brierInterval95.brierOneSided } : null,
    logScore: summary.logScore,
    skillVsAlwaysHalf: summary.skill.vsAlwaysHalf,
    skillVsBaseRate: summary.skill.vsBaseRate,
    baseRate: summary.skill.baseRate,
    discrimination: summary.discrimination.difference,
    expectedCalibrationError: summary.expectedCalibrationError,
  };
}
