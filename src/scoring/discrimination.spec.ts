import { discrimination } from './discrimination.js';
import type { ScoredItem } from './scored-item.js';

const items = (pairs: ReadonlyArray<readonly [number, 0 | 0.5 | 1]>): ScoredItem[] =>
  pairs.map(([probability, outcome]) => ({ probability, outcome }));

describe('discrimination', () => {
  it.each([
    // T1: yes [0.9, 0.5] → 0.7; no [0.7, 0.2, 0.1] → 1/3.
    [
      'T1',
      items([
        [0.9, 1],
        [0.7, 0],
        [0.2, 0],
        [0.5, 1],
        [0.1, 0],
      ]),
      0.7,
      1 / 3,
      0.7 - 1 / 3,
    ],
    [
      'perfect',
      items([
        [1, 1],
        [0, 0],
      ]),
      1,
      0,
      1,
    ],
    [
      'backwards',
      items([
        [0.2, 1],
        [0.8, 0],
      ]),
      0.2,
      0.8,
      -0.6,
    ],
    [
      'partial is in neither group',
      items([
        [0.9, 1],
        [0.5, 0.5],
        [0.3, 0],
      ]),
      0.9,
      0.3,
      0.6,
    ],
  ])('%s', (_name, scored, onYes, onNo, difference) => {
    const result = discrimination(scored);
    expect(result.meanForecastOnYes).toBeCloseTo(onYes, 6);
    expect(result.meanForecastOnNo).toBeCloseTo(onNo, 6);
    expect(result.difference).toBeCloseTo(difference, 6);
  });

  it.each([
    ['no items', items([]), null, null],
    [
      'only yes outcomes',
      items([
        [0.9, 1],
        [0.7, 1],
      ]),
      expect.closeTo(0.8, 6),
      null,
    ],
    ['only no outcomes', items([[0.1, 0]]), null, expect.closeTo(0.1, 6)],
  ])('is null with %s', (_name, scored, meanForecastOnYes, meanForecastOnNo) => {
    expect(discrimination(scored)).toEqual({ meanForecastOnYes, meanForecastOnNo, difference: null });
  });
});
