import { WILSON_Z_95, wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  // Reference values from the closed form, checked with Python (z = 1.959964).
  it.each([
    [0, 10, 0, 0.277532803],
    [5, 10, 0.236593089, 0.763406911],
    [2, 3, 0.207659599, 0.938508056],
    [3, 3, 0.438502964, 1],
    [1, 1, 0.206549312, 1],
    [2.5, 5, 0.170423579, 0.829576421],
  ])('%p of %p → [%p, %p]', (successes, trials, lower, upper) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval?.lower).toBeCloseTo(lower, 6);
    expect(interval?.upper).toBeCloseTo(upper, 6);
  });

  it('uses z = 1.959964', () => {
    expect(WILSON_Z_95).toBe(1.959964);
  });

  it('is null for an empty bin', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it.each([
    [4, 3],
    [-1, 3],
    [1, Number.NaN],
  ])('rejects %p of %p', (successes, trials) => {
    expect(() => wilsonInterval(successes, trials)).toThrow(RangeError);
  });
});
