import { murphyDecomposition, type MurphyDecomposition } from './murphy.js';
import type { ScoredItem } from './scored-item.js';

const zip = (probabilities: readonly number[], outcomes: ReadonlyArray<0 | 0.5 | 1>): ScoredItem[] =>
  probabilities.map((probability, i) => ({ probability, outcome: outcomes[i] ?? 0 }));

const T3 = zip([0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9], [0, 0, 0, 1, 1, 0, 1, 1, 1, 0]);
const T4 = zip(
  [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 0.2, 0.4, 0.6, 0.8],
  [0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1],
);

type Terms = Omit<MurphyDecomposition, 'scale' | 'binCount'>;

const identity = (terms: Terms): number =>
  terms.reliability - terms.resolution + terms.uncertainty + terms.withinBinVariance - terms.withinBinCovariance;

describe('murphyDecomposition', () => {
  it.each<[string, ScoredItem[], number, Terms]>([
    // docs/scoring.md T3: equal forecasts within bins, so WBV = WBC = 0.
    [
      'T3, 10 bins',
      T3,
      10,
      { brierOneSided: 0.218, reliability: 0.018, resolution: 0.05, uncertainty: 0.25, withinBinVariance: 0, withinBinCovariance: 0 },
    ],
    // docs/scoring.md T4, five uniform bins.
    [
      'T4, 5 bins',
      T4,
      5,
      {
        brierOneSided: 0.173214,
        reliability: 0.03381,
        resolution: 0.102041,
        uncertainty: 0.244898,
        withinBinVariance: 0.00369,
        withinBinCovariance: 0.007143,
      },
    ],
  ])('%s', (_name, items, bins, expected) => {
    const result = murphyDecomposition(items, { bins });
    expect(result?.scale).toBe('one-sided');
    expect(result?.binCount).toBe(bins);
    for (const key of Object.keys(expected) as Array<keyof Terms>) {
      expect(result?.[key]).toBeCloseTo(expected[key], 6);
    }
    expect(identity(result!)).toBeCloseTo(result!.brierOneSided, 12);
  });

  it.each([1, 2, 3, 5, 7, 10, 100])('T4 satisfies BS = REL − RES + UNC + WBV − WBC with %p bins', (bins) => {
    const result = murphyDecomposition(T4, { bins })!;
    expect(result.brierOneSided).toBeCloseTo(0.173214, 6);
    expect(result.uncertainty).toBeCloseTo(0.244898, 6);
    expect(Math.abs(identity(result) - result.brierOneSided)).toBeLessThan(1e-12);
  });

  it('with one bin has no resolution and no reliability beyond the overall bias', () => {
    const result = murphyDecomposition(T3, { bins: 1 })!;
    expect(result.resolution).toBeCloseTo(0, 12);
    // mean forecast 0.5 = ō 0.5
    expect(result.reliability).toBeCloseTo(0, 12);
  });

  it('keeps the identity when partial counts as 0.5', () => {
    const result = murphyDecomposition(zip([0.5, 0.52, 0.9, 0.1], [0.5, 1, 0.5, 0]))!;
    expect(Math.abs(identity(result) - result.brierOneSided)).toBeLessThan(1e-12);
  });

  it('is null for no items', () => {
    expect(murphyDecomposition([])).toBeNull();
  });
});
