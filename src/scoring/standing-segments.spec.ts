import fc from 'fast-check';
import type { ProbabilityEstimatePoint } from './daily-standing-estimates.js';
import { dailyStandingEstimates } from './daily-standing-estimates.js';
import { relativeBrier, type ForecasterEstimateSeries } from './relative-brier.js';
import type { OutcomeValue } from './scored-item.js';
import { relativeBrierBySegments, standingSegments } from './standing-segments.js';
import { timeAveragedBrier } from './time-averaged-brier.js';

const DAY_MS = 86_400_000;
const DAY_0 = Date.UTC(2024, 5, 10);
const day = (n: number, hour = 9): Date => new Date(DAY_0 + n * DAY_MS + hour * 3_600_000);
const estimate = (n: number, probability: number, hour = 9): ProbabilityEstimatePoint => ({ probability, madeAt: day(n, hour) });

describe('standingSegments', () => {
  it('covers the same days with the same standing estimates as dailyStandingEstimates (T9)', () => {
    const estimates = [estimate(0, 0.6), estimate(4, 0.8), estimate(7, 0.95)];
    expect(standingSegments(estimates, day(10, 0))).toEqual([
      { fromDay: 19884, toDay: 19888, probability: 0.6 },
      { fromDay: 19888, toDay: 19891, probability: 0.8 },
      { fromDay: 19891, toDay: 19894, probability: 0.95 },
    ]);
    expect(dailyStandingEstimates(estimates, day(10, 0))).toHaveLength(10);
  });

  it('lets the last estimate of a day stand and ignores estimates from the resolution day on', () => {
    const estimates = [estimate(1, 0.3, 8), estimate(1, 0.4, 20), estimate(0, 0.2), estimate(3, 0.9, 1), estimate(5, 0.1)];
    expect(standingSegments(estimates, day(3, 0)).map((s) => [s.toDay - s.fromDay, s.probability])).toEqual([
      [1, 0.2],
      [2, 0.4],
    ]);
  });
});

describe('relativeBrierBySegments', () => {
  const A: ForecasterEstimateSeries = { forecasterId: 'A', estimates: [estimate(0, 0.7)] };
  const B: ForecasterEstimateSeries = { forecasterId: 'B', estimates: [estimate(0, 0.5), estimate(2, 0.9)] };
  const C: ForecasterEstimateSeries = { forecasterId: 'C', estimates: [estimate(0, 0.2)] };
  const D: ForecasterEstimateSeries = { forecasterId: 'D', estimates: [estimate(2, 0.9)] };

  it.each([
    // docs/domain.md T10 (two-sided): Brier and relative Brier per forecaster.
    ['A', 4, 0.18, -0.16],
    ['B', 4, 0.26, -0.08],
    ['C', 4, 1.28, 0.94],
  ])('T10: %s over %p days scores %p two-sided, relative %p', (id, days, brier, relative) => {
    const scores = relativeBrierBySegments({ outcome: 1, resolvedOn: day(4, 0), forecasters: [A, B, C] });
    const forecaster = scores.find((s) => s.forecasterId === id)!;
    expect(forecaster.daysActive).toBe(days);
    expect(forecaster.brierTwoSided).toBeCloseTo(brier, 6);
    expect(forecaster.relativeBrierTwoSided).toBeCloseTo(relative, 6);
  });

  it('averages a late forecaster over the days they were active (T10 D: 0.02, not 0.01)', () => {
    const [d] = relativeBrierBySegments({ outcome: 1, resolvedOn: day(4, 0), forecasters: [D] });
    expect(d).toMatchObject({ daysActive: 2, daysWithRelative: 0, relativeBrierOneSided: null });
    expect(d?.brierTwoSided).toBeCloseTo(0.02, 9);
  });

  it("reproduces Good Judgment's worked example (0.9 for 3 days, 0.95 for 4) → 0.0114286 two-sided", () => {
    const [only] = relativeBrierBySegments({
      outcome: 1,
      resolvedOn: day(7, 0),
      forecasters: [{ forecasterId: 'x', estimates: [estimate(0, 0.9), estimate(3, 0.95)] }],
    });
    expect(only?.brierTwoSided).toBeCloseTo(0.0114286, 6);
  });

  const series = fc.array(
    fc.record({
      dayOffset: fc.integer({ min: -3, max: 40 }),
      hour: fc.integer({ min: 0, max: 23 }),
      probability: fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
      ),
    }),
    { maxLength: 8 },
  );
  const crowd = fc.array(series, { minLength: 1, maxLength: 6 });

  it('equals the day-by-day relativeBrier and timeAveragedBrier, to 1e-9', () => {
    fc.assert(
      fc.property(crowd, fc.constantFrom<OutcomeValue>(0, 0.5, 1), fc.integer({ min: 0, max: 45 }), (people, outcome, resolutionOffset) => {
        const forecasters = people.map((points, i) => ({
          forecasterId: `f${i}`,
          estimates: points.map((point) => estimate(point.dayOffset, point.probability, point.hour)),
        }));
        const resolvedOn = day(resolutionOffset, 0);
        const daily = relativeBrier({ outcome, resolvedOn, forecasters });
        const segmented = relativeBrierBySegments({ outcome, resolvedOn, forecasters });
        segmented.forEach((scores, i) => {
          const expected = daily.forecasters[i];
          expect(scores.forecasterId).toBe(expected.forecasterId);
          expect(scores.daysActive).toBe(expected.daysActive);
          expect(scores.daysWithRelative).toBe(expected.daysWithRelative);
          for (const key of ['brierOneSided', 'brierTwoSided', 'relativeBrierOneSided', 'relativeBrierTwoSided'] as const) {
            if (expected[key] === null) expect(scores[key]).toBeNull();
            else expect(Math.abs(scores[key]! - expected[key])).toBeLessThanOrEqual(1e-9);
          }
          const alone = timeAveragedBrier({ estimates: forecasters[i].estimates, outcome, resolvedOn });
          expect(scores.daysActive).toBe(alone.daysScored);
          if (alone.brierOneSided === null) expect(scores.brierOneSided).toBeNull();
          else expect(Math.abs(scores.brierOneSided! - alone.brierOneSided)).toBeLessThanOrEqual(1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a forecaster listed twice, as relativeBrier does', () => {
    expect(() => relativeBrierBySegments({ outcome: 1, resolvedOn: day(4, 0), forecasters: [A, A] })).toThrow(RangeError);
  });
});
