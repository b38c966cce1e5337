import type { ScoredItem } from './scored-item.js';
import { ALWAYS_HALF_BRIER, brierSkillScore, brierSkillScores } from './skill-score.js';

const items = (pairs: ReadonlyArray<readonly [number, 0 | 0.5 | 1]>): ScoredItem[] =>
  pairs.map(([probability, outcome]) => ({ probability, outcome }));

const T1 = items([
  [0.9, 1],
  [0.7, 0],
  [0.2, 0],
  [0.5, 1],
  [0.1, 0],
]);
const T3 = items([
  [0.1, 0],
  [0.1, 0],
  [0.1, 0],
  [0.1, 1],
  [0.5, 1],
  [0.5, 0],
  [0.9, 1],
  [0.9, 1],
  [0.9, 1],
  [0.9, 0],
]);

describe('brierSkillScore', () => {
  it.each([
    [0.16, 0.25, 0.36],
    [0.25, 0.25, 0],
    [0, 0.25, 1],
    [0.5, 0.25, -1],
  ])('BS %p against %p → %p', (brier, reference, expected) => {
    expect(brierSkillScore(brier, reference)).toBeCloseTo(expected, 6);
  });

  it('is null against a perfect reference', () => {
    expect(brierSkillScore(0.1, 0)).toBeNull();
  });
});

describe('brierSkillScores', () => {
  it('uses 0.25 for always-0.5', () => {
    expect(ALWAYS_HALF_BRIER).toBe(0.25);
  });

  it.each([
    // name, items, vs always-0.5, vs base rate, base rate, base-rate Brier
    // T1: BS 0.16, ō = 0.4, ō(1 − ō) = 0.24.
    ['T1', T1, 0.36, 1 - 0.16 / 0.24, 0.4, 0.24],
    // T3: BS 0.218, ō = 0.5, both references 0.25.
    ['T3', T3, 0.128, 0.128, 0.5, 0.25],
  ])('%s', (_name, scored, vsAlwaysHalf, vsBaseRate, baseRate, baseRateBrier) => {
    const result = brierSkillScores(scored);
    expect(result.vsAlwaysHalf).toBeCloseTo(vsAlwaysHalf, 6);
    expect(result.vsBaseRate).toBeCloseTo(vsBaseRate, 6);
    expect(result.baseRate).toBeCloseTo(baseRate, 6);
    expect(result.baseRateBrierOneSided).toBeCloseTo(baseRateBrier, 6);
  });

  it.each([
    [
      'all came true (ō = 1)',
      items([
        [0.8, 1],
        [0.6, 1],
      ]),
      1,
    ],
    [
      'none came true (ō = 0)',
      items([
        [0.2, 0],
        [0.4, 0],
      ]),
      0,
    ],
  ])('base-rate skill is null when %s', (_name, scored, baseRate) => {
    const result = brierSkillScores(scored);
    expect(result.vsBaseRate).toBeNull();
    expect(result.baseRate).toBe(baseRate);
    expect(result.vsAlwaysHalf).not.toBeNull();
  });

  it('is all null for no items', () => {
    expect(brierSkillScores([])).toEqual({ vsAlwaysHalf: null, vsBaseRate: null, baseRate: null, baseRateBrierOneSided: null });
  });

  it('uses the Brier of forecasting ō as the climatology reference when partial counts as 0.5', () => {
    // ō = 0.5; outcomes 1, 0.5, 0 → mean (ō − o)² = (0.25 + 0 + 0.25) / 3.
    const result = brierSkillScores(
      items([
        [0.5, 1],
        [0.5, 0.5],
        [0.5, 0],
      ]),
    );
    expect(result.baseRateBrierOneSided).toBeCloseTo(1 / 6, 12);
    expect(result.vsBaseRate).toBeCloseTo(0, 12);
  });
});
