import fc from 'fast-check';
import { meanBrierInterval95 } from './brier-interval.js';
import { meanBrier, multiCategoryBrier } from './brier.js';
import { calibrationBinEdges, calibrationBinIndex, calibrationTable, probabilityToPercent } from './calibration.js';
import { LOG_SCORE_CLAMP, meanLogScore } from './log-score.js';
import { murphyDecomposition } from './murphy.js';
import type { ForecastOutcome, ScorableForecast } from './outcome-policy.js';
import { relativeBrier } from './relative-brier.js';
import { scoreSummary } from './score-summary.js';
import type { OutcomeValue, ScoredItem } from './scored-item.js';
import { studentTCdf, studentTQuantile } from './student-t.js';
import { timeAveragedBrier } from './time-averaged-brier.js';
import { wilsonInterval } from './wilson-interval.js';

// Plain doubles plus the values that stress bin edges: integer percents, 0, 1 and sums such as
// 0.1 + 0.2 that miss their edge by one ulp.
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
  fc.constantFrom(0, 1, 0.1 + 0.2, 0.7 + 0.1, 1 - 0.7, 0.125, 1 / 3),
);
const binaryOutcome = fc.constantFrom<OutcomeValue>(0, 1);
const anyOutcome = fc.constantFrom<OutcomeValue>(0, 0.5, 1);
const binaryItems = fc.array(fc.record({ probability, outcome: binaryOutcome }), { maxLength: 60 });
const itemsWithPartial = fc.array(fc.record({ probability, outcome: anyOutcome }), { maxLength: 60 });
const binCount = fc.integer({ min: 1, max: 100 });

const forecastOutcome = fc.constantFrom<ForecastOutcome | null>('yes', 'no', 'partial', 'ambiguous', 'annulled', null);
const forecasts = fc.array(fc.record({ probability, outcome: forecastOutcome }), { maxLength: 60 });

function withShuffle<T>(arbitrary: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> {
  return arbitrary.chain((list) =>
    fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
  );
}

/** Deep equality with numbers compared to an absolute tolerance (summation order moves the last bits). */
function expectApproximatelyEqual(actual: unknown, expected: unknown, tolerance: number, path = '$'): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (Math.abs(actual - expected) > tolerance) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length).toBe(expected.length);
    actual.forEach((value: unknown, i) => expectApproximatelyEqual(value, expected[i], tolerance, `${path}[${i}]`));
    return;
  }
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(actual)) {
      expectApproximatelyEqual(value, (expected as Record<string, unknown>)[key], tolerance, `${path}.${key}`);
    }
    return;
  }
  expect(actual).toBe(expected);
}

describe('scoring properties', () => {
  it('Brier one-sided stays in [0, 1], two-sided in [0, 2] and is exactly twice one-sided', () => {
    fc.assert(
      fc.property(itemsWithPartial, (items) => {
        const brier = meanBrier(items);
        if (brier === null) return items.length === 0;
        return (
          brier.brierOneSided >= 0 &&
          brier.brierOneSided <= 1 &&
          brier.brierTwoSided === 2 * brier.brierOneSided &&
          brier.brierTwoSided <= 2
        );
      }),
    );
  });

  it('a binary forecast as two options scores its two-sided Brier', () => {
    fc.assert(
      fc.property(probability, binaryOutcome, (p, o) => {
        const brier = meanBrier([{ probability: p, outcome: o }])!;
        return Math.abs(multiCategoryBrier([p, 1 - p], o === 1 ? 0 : 1) - brier.brierTwoSided) < 1e-12;
      }),
    );
  });

  it('log score is ≤ 0 and bounded by the clamp', () => {
    fc.assert(
      fc.property(itemsWithPartial, (items) => {
        const score = meanLogScore(items);
        if (score === null) return items.length === 0;
        return score <= 0 && score >= Math.log(LOG_SCORE_CLAMP.min) - 1e-12;
      }),
    );
  });

  it('calibration: counts sum to N, ECE in [0, 1], every forecast inside its bin', () => {
    fc.assert(
      fc.property(itemsWithPartial, binCount, (items, bins) => {
        const table = calibrationTable(items, { bins });
        expect(table.bins).toHaveLength(bins);
        expect(table.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(items.length);
        if (items.length === 0) expect(table.expectedCalibrationError).toBeNull();
        else {
          expect(table.expectedCalibrationError).toBeGreaterThanOrEqual(0);
          expect(table.expectedCalibrationError).toBeLessThanOrEqual(1);
        }
        for (const bin of table.bins) {
          if (bin.count === 0) continue;
          expect(bin.observedFrequency).toBeGreaterThanOrEqual(bin.observedInterval95!.lower);
          expect(bin.observedFrequency).toBeLessThanOrEqual(bin.observedInterval95!.upper);
        }
        for (const item of items) {
          const edges = table.edgesPercent;
          const index = calibrationBinIndex(item.probability, edges);
          const percent = probabilityToPercent(item.probability);
          expect(percent).toBeLessThanOrEqual(edges[index + 1]);
          if (index === 0) expect(percent).toBeGreaterThanOrEqual(0);
          else expect(percent).toBeGreaterThan(edges[index]);
        }
      }),
    );
  });

  it('bin index never decreases as the forecast grows', () => {
    fc.assert(
      fc.property(probability, probability, binCount, (a, b, bins) => {
        const edges = calibrationBinEdges(bins);
        const [low, high] = a <= b ? [a, b] : [b, a];
        return calibrationBinIndex(low, edges) <= calibrationBinIndex(high, edges);
      }),
    );
  });

  it('Murphy: REL − RES + UNC + WBV − WBC = BS to 1e-9 for any bin count', () => {
    fc.assert(
      fc.property(itemsWithPartial, binCount, (items, bins) => {
        const terms = murphyDecomposition(items, { bins });
        if (terms === null) return items.length === 0;
        const rebuilt = terms.reliability - terms.resolution + terms.uncertainty + terms.withinBinVariance - terms.withinBinCovariance;
        const brier = meanBrier(items)!.brierOneSided;
        return (
          Math.abs(rebuilt - brier) < 1e-9 &&
          Math.abs(terms.brierOneSided - brier) < 1e-12 &&
          terms.reliability >= 0 &&
          terms.resolution >= 0 &&
          terms.withinBinVariance >= 0 &&
          terms.uncertainty <= 0.25 + 1e-12
        );
      }),
      { numRuns: 300 },
    );
  });

  it('Murphy UNC is ō(1 − ō) for yes/no outcomes', () => {
    fc.assert(
      fc.property(binaryItems, (items) => {
        const terms = murphyDecomposition(items);
        if (terms === null) return true;
        const baseRate = items.filter((item) => item.outcome === 1).length / items.length;
        return Math.abs(terms.uncertainty - baseRate * (1 - baseRate)) < 1e-12;
      }),
    );
  });

  it('the 95% interval for mean Brier lies in the scale and contains the mean', () => {
    fc.assert(
      fc.property(binaryItems, (items) => {
        const interval = meanBrierInterval95(items);
        if (items.length === 0) return interval === null;
        const brier = meanBrier(items)!.brierOneSided;
        const { lower, upper } = interval!.brierOneSided;
        return (
          0 <= lower &&
          lower <= brier + 1e-12 &&
          brier - 1e-12 <= upper &&
          upper <= 1 &&
          upper > lower &&
          interval!.brierTwoSided.upper === 2 * upper
        );
      }),
    );
  });

  it('the summary does not depend on the order of the forecasts', () => {
    fc.assert(
      fc.property(withShuffle(forecasts), binCount, fc.boolean(), ([original, shuffled], bins, partialAsHalf) => {
        const asForecasts = (list: typeof original): ScorableForecast[] => list.map((f) => ({ ...f }));
        expectApproximatelyEqual(
          scoreSummary(asForecasts(shuffled), { bins, partialAsHalf }),
          scoreSummary(asForecasts(original), { bins, partialAsHalf }),
          1e-12,
        );
      }),
    );
  });

  it('summary counts add up and every Brier figure is in its scale', () => {
    fc.assert(
      fc.property(forecasts, fc.boolean(), (list, partialAsHalf) => {
        const summary = scoreSummary(list, { partialAsHalf });
        const excluded = Object.values(summary.counts.excluded).reduce((a, b) => a + b, 0);
        expect(summary.counts.scored + excluded).toBe(summary.counts.total);
        expect(summary.counts.excludedTotal).toBe(excluded);
        if (summary.brier.brierOneSided !== null) {
          expect(summary.brier.brierTwoSided).toBe(2 * summary.brier.brierOneSided);
          expect(summary.brier.brierTwoSided).toBeLessThanOrEqual(2);
        }
      }),
    );
  });

  const DAY = 86_400_000;
  const BASE = Date.UTC(2025, 0, 1);
  const estimateSeries = fc.array(
    fc.record({ day: fc.integer({ min: 0, max: 30 }), msIntoDay: fc.integer({ min: 0, max: DAY - 1 }), probability }),
    { maxLength: 8 },
  );
  const toEstimates = (series: Array<{ day: number; msIntoDay: number; probability: number }>) =>
    series.map((e) => ({ probability: e.probability, madeAt: new Date(BASE + e.day * DAY + e.msIntoDay) }));

  it('time-averaged Brier: in range, two-sided = 2 × one-sided, one day per day from first estimate to resolution', () => {
    fc.assert(
      fc.property(estimateSeries, binaryOutcome, fc.integer({ min: 0, max: 35 }), (series, outcome, resolutionDay) => {
        const result = timeAveragedBrier({ estimates: toEstimates(series), outcome, resolvedOn: new Date(BASE + resolutionDay * DAY) });
        const counted = series.filter((e) => e.day < resolutionDay);
        if (counted.length === 0) return result.brierOneSided === null && result.daysScored === 0;
        const firstDay = Math.min(...counted.map((e) => e.day));
        expect(result.daysScored).toBe(resolutionDay - firstDay);
        result.daily.forEach((d, i) => expect(d.dayNumber).toBe(result.daily[0].dayNumber + i));
        return result.brierOneSided! >= 0 && result.brierOneSided! <= 1 && result.brierTwoSided === 2 * result.brierOneSided!;
      }),
    );
  });

  it('relative Brier: null for a lone forecaster, independent of forecaster order', () => {
    fc.assert(
      fc.property(
        withShuffle(
          fc.uniqueArray(fc.record({ forecasterId: fc.string({ minLength: 1, maxLength: 4 }), series: estimateSeries }), {
            selector: (f) => f.forecasterId,
            maxLength: 5,
          }),
        ),
        binaryOutcome,
        ([original, shuffled], outcome) => {
          const resolvedOn = new Date(BASE + 31 * DAY);
          const run = (list: typeof original) =>
            relativeBrier({
              outcome,
              resolvedOn,
              forecasters: list.map((f) => ({ forecasterId: f.forecasterId, estimates: toEstimates(f.series) })),
            });
          const a = run(original);
          const b = run(shuffled);
          const byId = (result: typeof a) => Object.fromEntries(result.forecasters.map((f) => [f.forecasterId, f]));
          expectApproximatelyEqual(byId(b), byId(a), 1e-12);
          expectApproximatelyEqual(b.days, a.days, 1e-12);
          for (const f of a.forecasters) {
            f.daily.forEach((d) => {
              const standing = a.days.find((day) => day.dayNumber === d.dayNumber)!.standing;
              expect(d.relativeBrierTwoSided === null).toBe(standing < 2);
            });
            if (f.relativeBrierTwoSided !== null) {
              expect(Math.abs(f.relativeBrierTwoSided)).toBeLessThanOrEqual(2);
              expect(f.relativeBrierTwoSided).toBe(2 * f.relativeBrierOneSided!);
            }
          }
        },
      ),
    );
  });

  it('Wilson interval lies in [0, 1] and contains the observed share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (trials, share) => {
        const successes = Math.round(share * trials);
        const interval = wilsonInterval(successes, trials)!;
        const observed = successes / trials;
        return 0 <= interval.lower && interval.lower <= observed && observed <= interval.upper && interval.upper <= 1;
      }),
    );
  });

  it('t quantile inverts the t CDF', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 500 }), (p, df) => {
        return Math.abs(studentTCdf(studentTQuantile(p, df), df) - p) < 1e-9;
      }),
    );
  });

  it('scored items built from the summary policy match the direct functions', () => {
    fc.assert(
      fc.property(binaryItems, (items: ScoredItem[]) => {
        const summary = scoreSummary(items.map((item) => ({ probability: item.probability, outcome: item.outcome === 1 ? 'yes' : 'no' })));
        const brier = meanBrier(items);
        return summary.brier.brierOneSided === (brier?.brierOneSided ?? null);
      }),
    );
  });
});
