import type { ProbabilityEstimatePoint } from './daily-standing-estimates.js';
import { relativeBrier, type ForecasterEstimateSeries } from './relative-brier.js';

const DAY_0 = Date.UTC(2024, 5, 10);
const day = (n: number, hour = 9): Date => new Date(DAY_0 + n * 86_400_000 + hour * 3_600_000);
const estimate = (n: number, probability: number): ProbabilityEstimatePoint => ({ probability, madeAt: day(n) });

// docs/scoring.md T10: 4 days, outcome yes, resolution on day 4.
const A: ForecasterEstimateSeries = { forecasterId: 'A', estimates: [estimate(0, 0.7)] };
const B: ForecasterEstimateSeries = { forecasterId: 'B', estimates: [estimate(0, 0.5), estimate(2, 0.9)] };
const C: ForecasterEstimateSeries = { forecasterId: 'C', estimates: [estimate(0, 0.2)] };
const D: ForecasterEstimateSeries = { forecasterId: 'D', estimates: [estimate(2, 0.9)] };
const T10 = { outcome: 1 as const, resolvedOn: day(4, 0) };

describe('relativeBrier', () => {
  it('reproduces the T10 daily medians', () => {
    const result = relativeBrier({ ...T10, forecasters: [A, B, C] });
    expect(result.days.map((d) => d.standing)).toEqual([3, 3, 3, 3]);
    [0.5, 0.5, 0.18, 0.18].forEach((median, i) => {
      expect(result.days[i]?.medianBrierTwoSided).toBeCloseTo(median, 6);
      expect(result.days[i]?.medianBrierOneSided).toBeCloseTo(median / 2, 6);
    });
  });

  it.each([
    // forecaster, mean two-sided Brier, mean relative two-sided Brier (docs/scoring.md T10)
    ['A', 0.18, -0.16],
    ['B', 0.26, -0.08],
    ['C', 1.28, 0.94],
  ])('T10: %s scores %p two-sided, relative %p', (forecasterId, brier, relative) => {
    const result = relativeBrier({ ...T10, forecasters: [A, B, C] });
    const forecaster = result.forecasters.find((f) => f.forecasterId === forecasterId)!;
    expect(forecaster.daysActive).toBe(4);
    expect(forecaster.daysWithRelative).toBe(4);
    expect(forecaster.brierTwoSided).toBeCloseTo(brier, 6);
    expect(forecaster.brierOneSided).toBeCloseTo(brier / 2, 6);
    expect(forecaster.relativeBrierTwoSided).toBeCloseTo(relative, 6);
    expect(forecaster.relativeBrierOneSided).toBeCloseTo(relative / 2, 6);
  });

  it.each([
    // With late forecaster D standing on days 2–3 the medians there become median(0.18, 0.02, 1.28,
    // 0.02) = 0.1 (hand-derived from T10). D is averaged over its 2 days, not 4.
    ['A', 4, 0.18, (-0.32 - 0.32 + 0.08 + 0.08) / 4],
    ['B', 4, 0.26, (0 + 0 - 0.08 - 0.08) / 4],
    ['C', 4, 1.28, (0.78 + 0.78 + 1.18 + 1.18) / 4],
    ['D', 2, 0.02, -0.08],
  ])('T10 with late forecaster D: %s active %p days, Brier %p, relative %p', (forecasterId, daysActive, brier, relative) => {
    const result = relativeBrier({ ...T10, forecasters: [A, B, C, D] });
    const forecaster = result.forecasters.find((f) => f.forecasterId === forecasterId)!;
    expect(forecaster.daysActive).toBe(daysActive);
    expect(forecaster.daysWithRelative).toBe(daysActive);
    expect(forecaster.brierTwoSided).toBeCloseTo(brier, 6);
    expect(forecaster.relativeBrierTwoSided).toBeCloseTo(relative, 6);
  });

  it('is null, not zero, for a single forecaster', () => {
    const result = relativeBrier({ ...T10, forecasters: [A] });
    const [a] = result.forecasters;
    expect(result.days.map((d) => d.standing)).toEqual([1, 1, 1, 1]);
    expect(a?.relativeBrierTwoSided).toBeNull();
    expect(a?.relativeBrierOneSided).toBeNull();
    expect(a?.daysWithRelative).toBe(0);
    expect(a?.daily.every((d) => d.relativeBrierTwoSided === null)).toBe(true);
    expect(a?.brierTwoSided).toBeCloseTo(0.18, 6);
  });

  it('leaves days with a single forecaster standing out of the denominator', () => {
    // E alone on days 0–1 (0.5 → 0.5 two-sided), joined by D on days 2–3 (0.02 vs 0.5: median 0.26).
    const E: ForecasterEstimateSeries = { forecasterId: 'E', estimates: [estimate(0, 0.5)] };
    const result = relativeBrier({ ...T10, forecasters: [E, D] });
    const e = result.forecasters.find((f) => f.forecasterId === 'E')!;
    expect(e.daily.map((d) => d.relativeBrierTwoSided)).toEqual([null, null, expect.closeTo(0.24, 9), expect.closeTo(0.24, 9)]);
    expect(e.daysWithRelative).toBe(2);
    expect(e.relativeBrierTwoSided).toBeCloseTo(0.24, 6);
    expect(result.forecasters.find((f) => f.forecasterId === 'D')?.relativeBrierTwoSided).toBeCloseTo(-0.24, 6);
  });

  it('reports a forecaster with no estimate before resolution with nulls', () => {
    const late: ForecasterEstimateSeries = { forecasterId: 'late', estimates: [estimate(5, 0.9)] };
    const result = relativeBrier({ ...T10, forecasters: [A, late] });
    expect(result.forecasters[1]).toEqual({
      forecasterId: 'late',
      daysActive: 0,
      daysWithRelative: 0,
      brierOneSided: null,
      brierTwoSided: null,
      relativeBrierOneSided: null,
      relativeBrierTwoSided: null,
      daily: [],
    });
  });

  it('handles no forecasters', () => {
    expect(relativeBrier({ ...T10, forecasters: [] })).toMatchObject({ days: [], forecasters: [] });
  });

  it('rejects a forecaster listed twice', () => {
    expect(() => relativeBrier({ ...T10, forecasters: [A, A] })).toThrow(RangeError);
  });
});
