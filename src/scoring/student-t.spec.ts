import { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './student-t.js';

describe('studentTQuantile', () => {
  // Reference values: scipy.stats.t.ppf(0.975, df); df 1 and 2 also have closed forms
  // (tan(0.475π) and 0.95·√(2 / 0.0975)).
  it.each([
    [1, 12.706204736],
    [2, 4.30265273],
    [3, 3.182446305],
    [4, 2.776445105],
    [5, 2.570581836],
    [9, 2.262157163],
    [13, 2.160368656],
    [29, 2.045229642],
    [100, 1.983971519],
    [1000, 1.962339081],
  ])('t(0.975, %p) = %p', (degreesOfFreedom, expected) => {
    expect(studentTQuantile(0.975, degreesOfFreedom)).toBeCloseTo(expected, 6);
  });

  it.each([
    [0.025, 4, -2.776445105],
    [0.5, 7, 0],
    [0.9, 1, Math.tan(0.4 * Math.PI)],
  ])('t(%p, %p) = %p', (probability, degreesOfFreedom, expected) => {
    expect(studentTQuantile(probability, degreesOfFreedom)).toBeCloseTo(expected, 6);
  });

  it.each([
    [0, 5],
    [1, 5],
    [0.5, 0],
    [0.5, -1],
    [Number.NaN, 5],
  ])('rejects probability %p with %p degrees of freedom', (probability, degreesOfFreedom) => {
    expect(() => studentTQuantile(probability, degreesOfFreedom)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it.each([
    [0, 3, 0.5],
    [1, 1, 0.75],
    [-1, 1, 0.25],
    [2.776445105, 4, 0.975],
  ])('P(T ≤ %p; df %p) = %p', (t, degreesOfFreedom, expected) => {
    expect(studentTCdf(t, degreesOfFreedom)).toBeCloseTo(expected, 9);
  });
});

describe('regularizedIncompleteBeta', () => {
  it.each([
    [0, 2, 3, 0],
    [1, 2, 3, 1],
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
    [0.3, 1, 1, 0.3],
    [0.6, 3, 1, 0.216],
    [0.2, 1, 4, 1 - 0.8 ** 4],
  ])('I_%p(%p, %p) = %p', (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 12);
  });
});
