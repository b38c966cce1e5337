import type { ScorableForecast } from './outcome-policy.js';
import { scoreSummary } from './score-summary.js';

const resolved = (probability: number, outcome: 'yes' | 'no' | 'partial' | 'ambiguous' | 'annulled'): ScorableForecast => ({
  probability,
  outcome,
  status: 'resolved',
});

// docs/scoring.md T1 plus one of every excluded kind.
const T1 = [resolved(0.9, 'yes'), resolved(0.7, 'no'), resolved(0.2, 'no'), resolved(0.5, 'yes'), resolved(0.1, 'no')];
const EXCLUDED: ScorableForecast[] = [
  resolved(0.6, 'partial'),
  resolved(0.3, 'ambiguous'),
  resolved(0.3, 'annulled'),
  { probability: 0.3, outcome: null, status: 'withdrawn' },
  { probability: 0.3, outcome: null, status: 'open' },
];

describe('scoreSummary', () => {
  it('scores T1 and counts what it left out', () => {
    const summary = scoreSummary([...T1, ...EXCLUDED]);
    expect(summary.options).toEqual({ bins: 10, partialAsHalf: false });
    expect(summary.counts).toEqual({
      total: 10,
      scored: 5,
      excluded: { partial: 1, ambiguous: 1, annulled: 1, withdrawn: 1, unresolved: 1 },
      excludedTotal: 5,
      partialScoredAsHalf: 0,
    });
    expect(summary.brier.brierOneSided).toBeCloseTo(0.16, 6);
    expect(summary.brier.brierTwoSided).toBeCloseTo(0.32, 6);
    expect(summary.brier.scale.oneSided).toMatch(/0–1/);
    expect(summary.brier.scale.twoSided).toMatch(/0–2/);
    expect(summary.logScore).toBeCloseTo(-0.466197, 6);
    expect(summary.logLoss).toBeCloseTo(0.466197, 6);
    expect(summary.skill.vsAlwaysHalf).toBeCloseTo(0.36, 6);
    expect(summary.skill.vsBaseRate).toBeCloseTo(1 / 3, 6);
    expect(summary.discrimination.difference).toBeCloseTo(0.7 - 1 / 3, 6);
    expect(summary.brierInterval95?.brierOneSided.upper).toBeCloseTo(0.5909498072, 9);
    expect(summary.calibration.total).toBe(5);
    expect(summary.calibration.bins.map((bin) => bin.count)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 1, 0]);
    expect(summary.expectedCalibrationError).toBe(summary.calibration.expectedCalibrationError);
    // Every bin holds one forecast: ECE = mean |o − p| = (0.1 + 0.7 + 0.2 + 0.5 + 0.1) / 5.
    expect(summary.expectedCalibrationError).toBeCloseTo(0.32, 6);
    expect(summary.murphy?.brierOneSided).toBeCloseTo(0.16, 6);
    expect(summary.murphy?.uncertainty).toBeCloseTo(0.24, 6);
  });

  it('reproduces T4 with five bins', () => {
    const p = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 0.2, 0.4, 0.6, 0.8];
    const o = [0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1];
    const summary = scoreSummary(
      p.map((probability, i) => resolved(probability, o[i] === 1 ? 'yes' : 'no')),
      { bins: 5 },
    );
    expect(summary.brier.brierOneSided).toBeCloseTo(0.173214, 6);
    expect(summary.expectedCalibrationError).toBeCloseTo(0.157143, 6);
    expect(summary.murphy).toMatchObject({
      binCount: 5,
      reliability: expect.closeTo(0.03381, 6),
      resolution: expect.closeTo(0.102041, 6),
      uncertainty: expect.closeTo(0.244898, 6),
      withinBinVariance: expect.closeTo(0.00369, 6),
      withinBinCovariance: expect.closeTo(0.007143, 6),
    });
  });

  it('scores partial as 0.5 when asked', () => {
    const summary = scoreSummary([...T1, ...EXCLUDED], { partialAsHalf: true });
    expect(summary.counts.scored).toBe(6);
    expect(summary.counts.partialScoredAsHalf).toBe(1);
    expect(summary.counts.excluded.partial).toBe(0);
    // (0.8 + (0.6 − 0.5)²) / 6
    expect(summary.brier.brierOneSided).toBeCloseTo((0.8 + 0.01) / 6, 6);
  });

  it.each([
    ['no forecasts', []],
    ['nothing scorable', EXCLUDED],
  ])('reports nulls, not zeros, with %s', (_name, forecasts) => {
    const summary = scoreSummary(forecasts);
    expect(summary.counts.scored).toBe(0);
    expect(summary.counts.total).toBe(forecasts.length);
    expect(summary.brier).toMatchObject({ brierOneSided: null, brierTwoSided: null });
    expect(summary.brierInterval95).toBeNull();
    expect(summary.logScore).toBeNull();
    expect(summary.logLoss).toBeNull();
    expect(summary.skill).toEqual({ vsAlwaysHalf: null, vsBaseRate: null, baseRate: null, baseRateBrierOneSided: null });
    expect(summary.discrimination).toEqual({ meanForecastOnYes: null, meanForecastOnNo: null, difference: null });
    expect(summary.calibration.bins).toHaveLength(10);
    expect(summary.expectedCalibrationError).toBeNull();
    expect(summary.murphy).toBeNull();
  });

  it('gives a single scored forecast a wide interval, not a point', () => {
    const summary = scoreSummary([resolved(0.8, 'yes')]);
    expect(summary.brier.brierOneSided).toBeCloseTo(0.04, 6);
    expect(summary.brierInterval95?.n).toBe(1);
    expect(summary.brierInterval95!.brierOneSided.upper - summary.brierInterval95!.brierOneSided.lower).toBeGreaterThan(0.7);
    expect(summary.skill.vsBaseRate).toBeNull();
  });

  it.each([0, 101, 1.5])('rejects %p bins', (bins) => {
    expect(() => scoreSummary(T1, { bins })).toThrow(RangeError);
  });
});
