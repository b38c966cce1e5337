import fc from 'fast-check';
import type { ForecastLifecycleStatus, ForecastOutcome, ScorableForecast } from './outcome-policy.js';
import { ScoreAccumulator } from './score-accumulator.js';
import { scoreSummary, type ScoreSummaryOptions } from './score-summary.js';

const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
  fc.constantFrom(0, 1, 0.1 + 0.2, 0.7 + 0.1, 1 - 0.7, 0.125, 1 / 3),
);
const forecast: fc.Arbitrary<ScorableForecast> = fc.oneof(
  fc.record({
    probability,
    outcome: fc.constantFrom<ForecastOutcome>('yes', 'no', 'partial', 'ambiguous', 'annulled'),
    status: fc.constant<ForecastLifecycleStatus>('resolved'),
  }),
  fc.record({ probability, outcome: fc.constant(null), status: fc.constantFrom<ForecastLifecycleStatus>('open', 'due', 'withdrawn') }),
  fc.record({ probability, outcome: fc.constantFrom<ForecastOutcome>('yes', 'no') }),
);
const options: fc.Arbitrary<ScoreSummaryOptions> = fc.record({ bins: fc.integer({ min: 1, max: 100 }), partialAsHalf: fc.boolean() });

function accumulate(forecasts: readonly ScorableForecast[], summaryOptions: ScoreSummaryOptions) {
  const accumulator = new ScoreAccumulator(summaryOptions);
  for (const item of forecasts) accumulator.add(item);
  return accumulator.summary();
}

/** Deep equality with numbers compared to an absolute tolerance: running sums round differently. */
function expectClose(actual: unknown, expected: unknown, tolerance: number, path = '$'): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    // The accumulator takes the interval's sample variance from running sums (mergeable across SQL
    // groups), which loses digits when per-item scores are nearly equal: its bounds may differ from
    // the two-pass figure around the 8th decimal (fast-check found 5e-10 with n = 2, t = 12.7).
    const allowed = path.includes('.brierInterval95.') ? Math.max(tolerance, 1e-6) : tolerance;
    if (!(Math.abs(actual - expected) <= allowed)) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) throw new Error(`${path}: length ${actual.length} ≠ ${expected.length}`);
    actual.forEach((value: unknown, i) => expectClose(value, expected[i], tolerance, `${path}[${i}]`));
    return;
  }
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(actual))
      expectClose(value, (expected as Record<string, unknown>)[key], tolerance, `${path}.${key}`);
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${String(actual)} ≠ ${String(expected)}`);
}

describe('ScoreAccumulator', () => {
  it('produces the figures of scoreSummary on the same forecasts, to 1e-9', () => {
    fc.assert(
      fc.property(fc.array(forecast, { maxLength: 120 }), options, (forecasts, summaryOptions) => {
        expectClose(accumulate(forecasts, summaryOptions), scoreSummary(forecasts, summaryOptions), 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with scoreSummary on a large sample where running sums drift most', () => {
    fc.assert(
      fc.property(fc.array(forecast, { minLength: 2000, maxLength: 5000 }), options, (forecasts, summaryOptions) => {
        expectClose(accumulate(forecasts, summaryOptions), scoreSummary(forecasts, summaryOptions), 1e-9);
      }),
      { numRuns: 10 },
    );
  });

  it('reproduces T3 exactly as the domain states it', () => {
    const resolved = (p: number, yes: boolean): ScorableForecast => ({ probability: p, outcome: yes ? 'yes' : 'no', status: 'resolved' });
    const summary = accumulate(
      [
        ...[0, 0, 0, 1].map((o) => resolved(0.1, o === 1)),
        ...[1, 0].map((o) => resolved(0.5, o === 1)),
        ...[1, 1, 1, 0].map((o) => resolved(0.9, o === 1)),
      ],
      {},
    );
    expect(summary.brier.brierOneSided).toBeCloseTo(0.218, 9);
    expect(summary.murphy?.reliability).toBeCloseTo(0.018, 9);
    expect(summary.murphy?.resolution).toBeCloseTo(0.05, 9);
    expect(summary.murphy?.uncertainty).toBeCloseTo(0.25, 9);
    // Every bin holds equal forecasts, so the within-bin terms vanish (to rounding: they come from sums).
    expect(summary.murphy?.withinBinVariance).toBeCloseTo(0, 12);
    expect(summary.murphy?.withinBinCovariance).toBeCloseTo(0, 12);
    expect(summary.murphy?.withinBinVariance).toBeGreaterThanOrEqual(0);
  });

  it('merges statistics: two halves added together equal the whole', () => {
    fc.assert(
      fc.property(fc.array(forecast, { maxLength: 80 }), fc.nat(80), options, (forecasts, cut, summaryOptions) => {
        const [first, second, whole] = [
          new ScoreAccumulator(summaryOptions),
          new ScoreAccumulator(summaryOptions),
          new ScoreAccumulator(summaryOptions),
        ];
        forecasts.forEach((item, i) => (i < cut ? first : second).add(item));
        forecasts.forEach((item) => whole.add(item));
        const merged = new ScoreAccumulator(summaryOptions);
        merged.addStatistics(first.statisticsSnapshot());
        merged.addStatistics(second.statisticsSnapshot());
        expectClose(merged.summary(), whole.summary(), 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('is exactly 0 in outcome variance, and has no skill against the base rate, when every outcome is the same', () => {
    const summary = accumulate(
      [0.1, 0.35, 0.8].map((probability) => ({ probability, outcome: 'yes' as const, status: 'resolved' as const })),
      {},
    );
    expect(summary.murphy?.uncertainty).toBe(0);
    expect(summary.skill.vsBaseRate).toBeNull();
  });

  it('reports counts and null figures when nothing is scored', () => {
    const summary = accumulate([{ probability: 0.4, outcome: null, status: 'open' }], { partialAsHalf: true });
    expect(summary.counts).toEqual({
      total: 1,
      scored: 0,
      excluded: { partial: 0, ambiguous: 0, annulled: 0, withdrawn: 0, unresolved: 1 },
      excludedTotal: 1,
      partialScoredAsHalf: 0,
    });
    expect(summary.brier.brierOneSided).toBeNull();
    expect(summary.murphy).toBeNull();
    expect(summary.brierInterval95).toBeNull();
  });

  it('rejects a bin count scoreSummary would reject', () => {
    expect(() => new ScoreAccumulator({ bins: 0 })).toThrow(RangeError);
    expect(() => new ScoreAccumulator({ bins: 101 })).toThrow(RangeError);
  });
});
