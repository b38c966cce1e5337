import {
  calibrationBinEdges,
  calibrationBinIndex,
  calibrationTable,
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  probabilityToPercent,
} from './calibration.js';
import type { ScoredItem } from './scored-item.js';

const zip = (probabilities: readonly number[], outcomes: ReadonlyArray<0 | 0.5 | 1>): ScoredItem[] =>
  probabilities.map((probability, i) => ({ probability, outcome: outcomes[i] ?? 0 }));

// docs/scoring.md test vectors.
const T3 = zip([0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9], [0, 0, 0, 1, 1, 0, 1, 1, 1, 0]);
const T4 = zip(
  [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 0.2, 0.4, 0.6, 0.8],
  [0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1],
);
const T5 = zip([0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0], [0, 0, 0, 0, 1, 1, 1, 1, 1]);

describe('calibrationBinEdges', () => {
  it.each([
    // Edge i = round(100·i / bins), halves rounded up.
    [10, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]],
    [5, [0, 20, 40, 60, 80, 100]],
    [4, [0, 25, 50, 75, 100]],
    [3, [0, 33, 67, 100]],
    [6, [0, 17, 33, 50, 67, 83, 100]],
    [7, [0, 14, 29, 43, 57, 71, 86, 100]],
    [8, [0, 13, 25, 38, 50, 63, 75, 88, 100]],
    [1, [0, 100]],
  ])('%p bins → %j', (bins, edges) => {
    expect(calibrationBinEdges(bins)).toEqual(edges);
  });

  it('defaults to 10 bins', () => {
    expect(DEFAULT_CALIBRATION_BINS).toBe(10);
    expect(calibrationBinEdges()).toHaveLength(11);
  });

  it.each([3, 6, 7, 8, 9, 11, 12, 13, 33, 40, 66, 99, 100])('%p bins: integer, strictly increasing edges from 0 to 100', (bins) => {
    const edges = calibrationBinEdges(bins);
    expect(edges).toHaveLength(bins + 1);
    expect(edges[0]).toBe(0);
    expect(edges[bins]).toBe(100);
    edges.slice(1).forEach((edge, i) => {
      expect(Number.isInteger(edge)).toBe(true);
      expect(edge).toBeGreaterThan(edges[i]);
    });
  });

  it.each([0, 101, 2.5, -1, Number.NaN])('rejects %p bins', (bins) => {
    expect(() => calibrationBinEdges(bins)).toThrow(RangeError);
  });
});

describe('calibrationBinIndex', () => {
  const ten = calibrationBinEdges(10);
  it.each([
    // probability, bins, expected bin index — an edge belongs to the lower bin (T4's convention).
    [0, 10, 0],
    [0.000001, 10, 0],
    [0.05, 10, 0],
    [0.1, 10, 0],
    [0.10000001, 10, 1],
    [0.2, 10, 1],
    [0.1 + 0.2, 10, 2], // 0.30000000000000004 stays on the 30 % edge
    [1 - 0.7, 10, 2], // 0.30000000000000004 as well
    [0.3, 10, 2],
    [0.30000001, 10, 3],
    [0.7 + 0.1, 10, 7], // 0.7999999999999999 stays on the 80 % edge
    [0.9, 10, 8],
    [0.999, 10, 9],
    [1, 10, 9],
    [0.33, 3, 0],
    [0.333, 3, 1],
    [0.67, 3, 1],
    [0.6700001, 3, 2],
    [0.125, 8, 0], // 12.5 % lies below the rounded 13 % edge
    [0.131, 8, 1],
    [1, 1, 0],
    [0, 1, 0],
  ])('p=%p with %p bins → bin %p', (probability, bins, expected) => {
    expect(calibrationBinIndex(probability, bins === 10 ? ten : calibrationBinEdges(bins))).toBe(expected);
  });

  it.each([
    [0.1 + 0.2, 30],
    [0.145, 14.5],
    [1 / 3, 33.333333],
    [1, 100],
  ])('p=%p is %p %', (probability, percent) => {
    expect(probabilityToPercent(probability)).toBe(percent);
  });
});

describe('calibrationTable', () => {
  it('reproduces T4 with five uniform bins', () => {
    const table = calibrationTable(T4, { bins: 5 });
    expect(table.edgesPercent).toEqual([0, 20, 40, 60, 80, 100]);
    expect(table.total).toBe(14);
    expect(table.bins.map((bin) => bin.label)).toEqual(['[0%, 20%]', '(20%, 40%]', '(40%, 60%]', '(60%, 80%]', '(80%, 100%]']);
    expect(table.bins.map((bin) => bin.count)).toEqual([3, 3, 3, 3, 2]);
    expect(table.bins.map((bin) => bin.yesCount)).toEqual([0, 2, 2, 2, 2]);
    const expected = [
      [0, 0.133333],
      [0.666667, 0.333333],
      [0.666667, 0.533333],
      [0.666667, 0.733333],
      [1, 0.9],
    ];
    table.bins.forEach((bin, i) => {
      expect(bin.observedFrequency).toBeCloseTo(expected[i][0], 6);
      expect(bin.meanForecast).toBeCloseTo(expected[i][1], 6);
    });
    expect(table.expectedCalibrationError).toBeCloseTo(0.157143, 6);
    // 2 of 3 came true: Wilson 95% [0.207660, 0.938508]; 0 of 3: [0, 0.561497].
    expect(table.bins[1]?.observedInterval95?.lower).toBeCloseTo(0.20766, 6);
    expect(table.bins[1]?.observedInterval95?.upper).toBeCloseTo(0.938508, 6);
    expect(table.bins[0]?.observedInterval95?.lower).toBe(0);
    expect(table.bins[0]?.observedInterval95?.upper).toBeCloseTo(0.561497, 6);
  });

  it("reproduces T5 (scikit-learn's calibration_curve docstring) with three uniform bins", () => {
    const table = calibrationTable(T5, { bins: 3 });
    expect(table.bins.map((bin) => bin.count)).toEqual([3, 2, 4]);
    [0, 0.5, 1].forEach((observed, i) => expect(table.bins[i]?.observedFrequency).toBeCloseTo(observed, 6));
    [0.2, 0.525, 0.85].forEach((meanForecast, i) => expect(table.bins[i]?.meanForecast).toBeCloseTo(meanForecast, 6));
  });

  it('reports empty bins with count 0 and nulls (T3, default 10 bins)', () => {
    const table = calibrationTable(T3);
    expect(table.binCount).toBe(10);
    expect(table.bins.map((bin) => bin.count)).toEqual([4, 0, 0, 0, 2, 0, 0, 0, 4, 0]);
    expect(table.bins[1]).toEqual({
      index: 1,
      lowerPercent: 10,
      upperPercent: 20,
      label: '(10%, 20%]',
      count: 0,
      yesCount: 0,
      partialCount: 0,
      meanForecast: null,
      observedFrequency: null,
      observedInterval95: null,
    });
    // |0.25 − 0.1|·0.4 + 0·0.2 + |0.75 − 0.9|·0.4
    expect(table.expectedCalibrationError).toBeCloseTo(0.12, 6);
  });

  it('puts p = 0 and p = 1 in the first and last bins', () => {
    const table = calibrationTable(zip([0, 1, 1], [0, 1, 0]));
    expect(table.bins[0]).toMatchObject({ count: 1, yesCount: 0, meanForecast: 0, observedFrequency: 0 });
    expect(table.bins[9]).toMatchObject({ count: 2, yesCount: 1, meanForecast: 1, observedFrequency: 0.5 });
    expect(table.expectedCalibrationError).toBeCloseTo((2 / 3) * 0.5, 12);
  });

  it('keeps floating-point sums on their edge', () => {
    const table = calibrationTable(zip([0.1 + 0.2, 0.3, 0.2, 0.1 + 0.1], [1, 0, 1, 0]));
    expect(table.bins[1]?.count).toBe(2);
    expect(table.bins[2]?.count).toBe(2);
  });

  it('counts partial outcomes as half a success', () => {
    const table = calibrationTable(zip([0.5, 0.45, 0.55], [0.5, 1, 1]));
    expect(table.bins[4]).toMatchObject({ count: 2, yesCount: 1, partialCount: 1, observedFrequency: 0.75 });
  });

  it('handles no items without crashing', () => {
    const table = calibrationTable([], { bins: 4 });
    expect(table.total).toBe(0);
    expect(table.bins).toHaveLength(4);
    expect(table.bins.every((bin) => bin.count === 0 && bin.meanForecast === null && bin.observedFrequency === null)).toBe(true);
    expect(table.expectedCalibrationError).toBeNull();
    expect(expectedCalibrationError([])).toBeNull();
  });

  it('is perfectly calibrated when every bin is right', () => {
    expect(calibrationTable(zip([0.5, 0.5, 1, 0], [1, 0, 1, 0])).expectedCalibrationError).toBe(0);
  });
});
