import { brierOneSided, brierTwoSided, meanBrier, meanMultiCategoryBrier, multiCategoryBrier } from './brier.js';
import type { OutcomeValue, ScoredItem } from './scored-item.js';

// docs/scoring.md test vector T1.
const T1: ScoredItem[] = [
  { probability: 0.9, outcome: 1 },
  { probability: 0.7, outcome: 0 },
  { probability: 0.2, outcome: 0 },
  { probability: 0.5, outcome: 1 },
  { probability: 0.1, outcome: 0 },
];

describe('brierOneSided / brierTwoSided per item', () => {
  it.each([
    // probability, outcome, one-sided, two-sided
    [0.9, 1, 0.01, 0.02],
    [0.7, 0, 0.49, 0.98],
    [0.2, 0, 0.04, 0.08],
    [0.5, 1, 0.25, 0.5],
    [0.1, 0, 0.01, 0.02],
    [0, 0, 0, 0],
    [1, 1, 0, 0],
    [0, 1, 1, 2],
    [1, 0, 1, 2],
    [0.5, 0, 0.25, 0.5],
    [0.5, 0.5, 0, 0],
  ] as const)('p=%p o=%p scores %p one-sided, %p two-sided', (probability, outcome, oneSided, twoSided) => {
    expect(brierOneSided(probability, outcome)).toBeCloseTo(oneSided, 6);
    expect(brierTwoSided(probability, outcome)).toBeCloseTo(twoSided, 6);
  });

  it.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('rejects probability %p', (probability) => {
    expect(() => brierOneSided(probability, 1)).toThrow(RangeError);
  });
});

describe('meanBrier', () => {
  it.each([
    ['T1', T1, 0.16, 0.32],
    ['always 0.5', [0, 1, 1, 0].map((outcome) => ({ probability: 0.5, outcome: outcome as OutcomeValue })), 0.25, 0.5],
    [
      'certain and right',
      [
        { probability: 1, outcome: 1 as const },
        { probability: 0, outcome: 0 as const },
      ],
      0,
      0,
    ],
    [
      'certain and wrong',
      [
        { probability: 0, outcome: 1 as const },
        { probability: 1, outcome: 0 as const },
      ],
      1,
      2,
    ],
  ])('%s: one-sided %p, two-sided %p', (_name, items, oneSided, twoSided) => {
    const result = meanBrier(items);
    expect(result?.brierOneSided).toBeCloseTo(oneSided, 6);
    expect(result?.brierTwoSided).toBeCloseTo(twoSided, 6);
    expect(result?.brierTwoSided).toBe(2 * (result?.brierOneSided ?? Number.NaN));
  });

  it('is null for no items rather than a perfect 0', () => {
    expect(meanBrier([])).toBeNull();
  });

  it('rejects an item with an out-of-range probability', () => {
    expect(() => meanBrier([{ probability: 1.5, outcome: 1 }])).toThrow(/items\[0\]\.probability/);
  });
});

describe('multiCategoryBrier', () => {
  // docs/scoring.md test vector T2.
  it.each([
    [[0.5, 0.3, 0.2], 0, 0.38],
    [[0.5, 0.3, 0.2], 1, 0.78],
    [[0.5, 0.3, 0.2], 2, 0.98],
    [[1, 0, 0], 0, 0],
    [[0, 1, 0], 0, 2],
  ])('%j with option %p happening scores %p', (probabilities, outcomeIndex, expected) => {
    expect(multiCategoryBrier(probabilities, outcomeIndex)).toBeCloseTo(expected, 6);
  });

  it.each([
    [0.9, 1],
    [0.7, 0],
    [0.25, 1],
  ] as const)('with two options [p, 1 − p] equals the two-sided binary score (p=%p, o=%p)', (probability, outcome) => {
    expect(multiCategoryBrier([probability, 1 - probability], outcome === 1 ? 0 : 1)).toBeCloseTo(brierTwoSided(probability, outcome), 12);
  });

  it.each([
    ['probabilities not summing to 1', [0.5, 0.3], 0],
    ['a single option', [1], 0],
    ['an index out of range', [0.5, 0.5], 2],
    ['a fractional index', [0.5, 0.5], 0.5],
    ['a negative probability', [1.2, -0.2], 0],
  ])('rejects %s', (_name, probabilities, outcomeIndex) => {
    expect(() => multiCategoryBrier(probabilities, outcomeIndex)).toThrow(RangeError);
  });

  it('averages over forecasts, null for none', () => {
    expect(
      meanMultiCategoryBrier([
        { probabilities: [0.5, 0.3, 0.2], outcomeIndex: 0 },
        { probabilities: [0.5, 0.3, 0.2], outcomeIndex: 2 },
      ]),
    ).toBeCloseTo(0.68, 6);
    expect(meanMultiCategoryBrier([])).toBeNull();
  });
});
