import { meanBrierInterval95, meanBrierIntervalFromSum } from './brier-interval.js';
import type { ScoredItem } from './scored-item.js';

const items = (pairs: ReadonlyArray<readonly [number, 0 | 0.5 | 1]>): ScoredItem[] =>
  pairs.map(([probability, outcome]) => ({ probability, outcome }));

describe('meanBrierInterval95', () => {
  it.each([
    // Wilson score interval with z = 1.959964 on (sum of scores) of n, computed independently
    // (Python: centre (p̂ + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²)).
    // T1 scores [0.01, 0.49, 0.04, 0.25, 0.01]: sum 0.8 of 5.
    [
      'T1',
      items([
        [0.9, 1],
        [0.7, 0],
        [0.2, 0],
        [0.5, 1],
        [0.1, 0],
      ]),
      0.0244982715,
      0.5909498072,
    ],
    // Scores [0.04, 0.16]: sum 0.2 of 2.
    [
      'two items',
      items([
        [0.8, 1],
        [0.6, 1],
      ]),
      0.0047463851,
      0.7213494357,
    ],
    // Issue 12, item 12: three items scoring 0.0225 each. A t interval answered 0.0225–0.0225.
    [
      'identical scores keep an honest width',
      items([
        [0.85, 1],
        [0.85, 1],
        [0.85, 1],
      ]),
      0.0003821866,
      0.5808474824,
    ],
    // One item is an interval too: a wide one.
    ['one item', items([[0.7, 1]]), 0.0020191025, 0.8286104619],
  ])('%s', (_name, scored, lower, upper) => {
    const interval = meanBrierInterval95(scored);
    expect(interval?.n).toBe(scored.length);
    expect(interval?.brierOneSided.lower).toBeCloseTo(lower, 9);
    expect(interval?.brierOneSided.upper).toBeCloseTo(upper, 9);
    expect(interval?.brierTwoSided.lower).toBe(2 * interval!.brierOneSided.lower);
    expect(interval?.brierTwoSided.upper).toBe(2 * interval!.brierOneSided.upper);
    expect(interval?.method).toMatch(/Wilson score interval/);
  });

  it('is null with no items', () => {
    expect(meanBrierInterval95([])).toBeNull();
  });

  it('narrows as n grows, never to a point', () => {
    const widths = [3, 30, 300, 3000].map((n) => {
      const bounds = meanBrierIntervalFromSum(0.0225 * n, n)!.brierOneSided;
      return bounds.upper - bounds.lower;
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]);
    expect(widths.at(-1)).toBeGreaterThan(0.005);
  });

  it('never leaves the one-sided scale', () => {
    const interval = meanBrierInterval95(
      items([
        [0, 1],
        [1, 0],
        [1, 0],
      ]),
    );
    expect(interval?.brierOneSided.upper).toBe(1);
    expect(interval?.brierTwoSided.upper).toBe(2);
    const perfect = meanBrierInterval95(items([[1, 1]]));
    expect(perfect?.brierOneSided.lower).toBe(0);
  });
});
