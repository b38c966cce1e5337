import type { ProbabilityEstimatePoint } from './daily-standing-estimates.js';
import type { OutcomeValue } from './scored-item.js';
import { timeAveragedBrier } from './time-averaged-brier.js';

const DAY_0 = Date.UTC(2024, 2, 1);
const day = (n: number, hour = 12): Date => new Date(DAY_0 + n * 86_400_000 + hour * 3_600_000);
const estimate = (n: number, probability: number, hour = 12): ProbabilityEstimatePoint => ({ probability, madeAt: day(n, hour) });

describe('timeAveragedBrier', () => {
  it.each<[string, ProbabilityEstimatePoint[], OutcomeValue, Date, number, number, number]>([
    // docs/scoring.md T9: 0.6 on days 0–3, 0.8 on days 4–6, 0.95 on days 7–9; resolution on day 10.
    ['T9', [estimate(0, 0.6), estimate(4, 0.8), estimate(7, 0.95)], 1, day(10, 0), 10, 0.07675, 0.1535],
    // Estimates at the very start and end of a UTC day take effect that day.
    [
      'T9, estimates at day boundaries',
      [estimate(0, 0.6, 0), estimate(4, 0.8, 23.99), estimate(7, 0.95, 0)],
      1,
      day(10, 23.99),
      10,
      0.07675,
      0.1535,
    ],
    // Good Judgment's worked example: 0.9 for 3 days then 0.95 for 4 days, yes → 0.0114286.
    ['Good Judgment example', [estimate(0, 0.9), estimate(3, 0.95)], 1, day(7, 0), 7, 0.0057143, 0.0114286],
    // T10's late forecaster D: 0.9 on days 2–3 → 0.02 over its 2 days, not 0.01 over 4.
    ['late forecaster D', [estimate(2, 0.9)], 1, day(4, 0), 2, 0.01, 0.02],
    ['a "no" outcome', [estimate(0, 0.2), estimate(1, 0.4)], 0, day(3, 0), 3, (0.04 + 0.16 + 0.16) / 3, (2 * (0.04 + 0.16 + 0.16)) / 3],
    ['certain and right', [estimate(0, 1)], 1, day(5, 0), 5, 0, 0],
    ['certain and wrong', [estimate(0, 0)], 1, day(5, 0), 5, 1, 2],
  ])('%s', (_name, estimates, outcome, resolvedOn, days, oneSided, twoSided) => {
    const result = timeAveragedBrier({ estimates, outcome, resolvedOn });
    expect(result.daysScored).toBe(days);
    expect(result.daily).toHaveLength(days);
    expect(result.brierOneSided).toBeCloseTo(oneSided, 6);
    expect(result.brierTwoSided).toBeCloseTo(twoSided, 6);
    expect(result.brierTwoSided).toBe(2 * result.brierOneSided!);
  });

  it('lists T9 day by day from the first estimate to the day before resolution', () => {
    const result = timeAveragedBrier({
      estimates: [estimate(0, 0.6), estimate(4, 0.8), estimate(7, 0.95)],
      outcome: 1,
      resolvedOn: day(10, 0),
    });
    expect(result.firstDay).toBe('2024-03-01');
    expect(result.lastDay).toBe('2024-03-10');
    expect(result.daily.map((d) => d.probability)).toEqual([0.6, 0.6, 0.6, 0.6, 0.8, 0.8, 0.8, 0.95, 0.95, 0.95]);
    expect(result.daily[0]?.brierTwoSided).toBeCloseTo(0.32, 12);
  });

  it.each<[string, ProbabilityEstimatePoint[], Date]>([
    ['no estimates', [], day(5)],
    ['only estimates after resolution', [estimate(6, 0.7)], day(5)],
  ])('is null with %s', (_name, estimates, resolvedOn) => {
    expect(timeAveragedBrier({ estimates, outcome: 1, resolvedOn })).toMatchObject({
      daysScored: 0,
      firstDay: null,
      lastDay: null,
      daily: [],
      brierOneSided: null,
      brierTwoSided: null,
    });
  });

  it('labels the scales', () => {
    const result = timeAveragedBrier({ estimates: [estimate(0, 0.5)], outcome: 1, resolvedOn: day(1) });
    expect(result.scale.twoSided).toMatch(/0–2/);
    expect(result.scale.oneSided).toMatch(/0–1/);
  });
});
