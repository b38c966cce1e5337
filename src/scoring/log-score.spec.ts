import { LOG_SCORE_CLAMP, logLoss, logScore, meanLogScore } from './log-score.js';
import type { ScoredItem } from './scored-item.js';

describe('logScore', () => {
  it.each([
    // docs/scoring.md T1: ln p_o per item.
    [0.9, 1, -0.105361],
    [0.7, 0, -1.203973],
    [0.2, 0, -0.223144],
    [0.5, 1, -0.693147],
    [0.1, 0, -0.105361],
    // Clamped to [0.001, 0.999]: certainty never scores −∞ nor exactly 0.
    [0, 1, Math.log(0.001)],
    [1, 0, Math.log(0.001)],
    [1, 1, Math.log(0.999)],
    [0, 0, Math.log(0.999)],
    [0.0001, 1, Math.log(0.001)],
    // Partial scored as 0.5: ½ ln p + ½ ln(1 − p).
    [0.5, 0.5, Math.log(0.5)],
    [0.8, 0.5, 0.5 * Math.log(0.8) + 0.5 * Math.log(0.2)],
  ] as const)('p=%p o=%p → %p', (probability, outcome, expected) => {
    expect(logScore(probability, outcome)).toBeCloseTo(expected, 6);
  });

  it('clamps to the documented bounds', () => {
    expect(LOG_SCORE_CLAMP).toEqual({ min: 0.001, max: 0.999 });
  });
});

describe('meanLogScore / logLoss', () => {
  const T1: ScoredItem[] = [
    { probability: 0.9, outcome: 1 },
    { probability: 0.7, outcome: 0 },
    { probability: 0.2, outcome: 0 },
    { probability: 0.5, outcome: 1 },
    { probability: 0.1, outcome: 0 },
  ];

  it.each([
    ['T1', T1, -0.466197],
    [
      'always 0.5',
      [
        { probability: 0.5, outcome: 1 as const },
        { probability: 0.5, outcome: 0 as const },
      ],
      Math.log(0.5),
    ],
  ])('%s: mean ln p_o %p, log loss its negative', (_name, items, expected) => {
    expect(meanLogScore(items)).toBeCloseTo(expected, 6);
    expect(logLoss(items)).toBeCloseTo(-expected, 6);
  });

  it('is null for no items', () => {
    expect(meanLogScore([])).toBeNull();
    expect(logLoss([])).toBeNull();
  });
});
