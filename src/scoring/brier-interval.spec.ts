import { meanBrierInterval95 } from './brier-interval.js';
import type { ScoredItem } from './scored-item.js';

const items = (pairs: ReadonlyArray<readonly [number, 0 | 0.5 | 1]>): ScoredItem[] =>
  pairs.map(([probability, outcome]) => ({ probability, outcome }));

describe('meanBrierInterval95', () => {
  it.each([
    // T1 Brier scores [0.01, 0.49, 0.04, 0.25, 0.01]: mean 0.16, s = 0.21, t(0.975, 4) = 2.776445;
    // 0.16 ± 0.260749 → [−0.100749, 0.420749], the lower bound clipped to 0 (scipy-checked).
    [
      'T1',
      items([
        [0.9, 1],
        [0.7, 0],
        [0.2, 0],
        [0.5, 1],
        [0.1, 0],
      ]),
      0,
      0.42074944,
    ],
    // Scores [0.04, 0.16]: mean 0.1, s = 0.0848528, t(0.975, 1) = 12.706205 → ±0.762372, clipped.
    [
      'two items',
      items([
        [0.8, 1],
        [0.6, 1],
      ]),
      0,
      0.86237228,
    ],
    // Scores 0.01 and 0.09 alternating ×5: mean 0.05, s = 0.0421637, t(0.975, 9) = 2.262157 →
    // ±0.0301621.
    [
      'ten items',
      items([
        [0.9, 1],
        [0.3, 0],
        [0.9, 1],
        [0.3, 0],
        [0.9, 1],
        [0.3, 0],
        [0.9, 1],
        [0.3, 0],
        [0.9, 1],
        [0.3, 0],
      ]),
      0.05 - 0.0301621,
      0.05 + 0.0301621,
    ],
    [
      'identical scores give a zero-width interval',
      items([
        [0.7, 1],
        [0.3, 0],
        [0.7, 1],
      ]),
      0.09,
      0.09,
    ],
  ])('%s', (_name, scored, lower, upper) => {
    const interval = meanBrierInterval95(scored);
    expect(interval?.n).toBe(scored.length);
    expect(interval?.brierOneSided.lower).toBeCloseTo(lower, 6);
    expect(interval?.brierOneSided.upper).toBeCloseTo(upper, 6);
    expect(interval?.brierTwoSided.lower).toBeCloseTo(2 * lower, 6);
    expect(interval?.brierTwoSided.upper).toBeCloseTo(2 * upper, 6);
    expect(interval?.method).toMatch(/Student's t/);
  });

  it.each([
    ['no items', items([])],
    ['one item', items([[0.7, 1]])],
  ])('is null with %s (no sample standard deviation)', (_name, scored) => {
    expect(meanBrierInterval95(scored)).toBeNull();
  });

  it('never leaves the one-sided scale', () => {
    const interval = meanBrierInterval95(
      items([
        [0, 1],
        [1, 0],
        [0, 0],
      ]),
    );
    expect(interval?.brierOneSided.upper).toBe(1);
    expect(interval?.brierTwoSided.upper).toBe(2);
  });
});
