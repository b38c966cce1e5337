import type { ScorecardItemDetail } from '../scorecards.repository.js';
import { decimal, itemLine, signed } from './report-text.js';

describe('rounded figures of the readable exports', () => {
  it.each([
    [0.16, '0.1600'],
    [-0.00004, '0.0000'],
    [-0.16, '-0.1600'],
    [null, '—'],
    // Issue 12, item 15: half up on the decimal value, not on the binary double (0.725 is stored
    // as 0.72499999999999997780, which toFixed(2) rounds down while 0.875, exact in binary, goes up).
    [0.00725, '0.0073'],
    [0.00875, '0.0088'],
    [0.12345, '0.1235'],
    [-0.12345, '-0.1235'],
    [0.99995, '1.0000'],
    [12.5, '12.5000'],
    // Zero up to floating-point rounding (a WBV of 3.2e-16) is 0, not a number rounded to zero.
    [3.2e-16, '0'],
    [-1e-17, '0'],
    [0, '0'],
  ])('decimal(%p) = %p', (value, expected) => {
    expect(decimal(value)).toBe(expected);
  });

  it.each([
    [0.725, 2, '0.73'],
    [0.875, 2, '0.88'],
    [0.145, 2, '0.15'],
    [1.005, 2, '1.01'],
    [0.5, 0, '1'],
    [1e-7, 4, '0.0000'],
    [1234567.891, 1, '1234567.9'],
  ])('decimal(%p, %p) = %p', (value, digits, expected) => {
    expect(decimal(value, digits)).toBe(expected);
  });

  it.each([
    [0.08, '+0.0800'],
    [-0.08, '-0.0800'],
    [1e-17, '0'],
    [-1e-17, '0'],
    [0.00004, '0.0000'],
    [undefined, '—'],
  ])('signed(%p) = %p', (value, expected) => {
    expect(signed(value)).toBe(expected);
  });

  it('shows a final probability of 0.725 as 0.73 in the per-forecast table', () => {
    const item: ScorecardItemDetail = {
      forecastId: 'f',
      statement: 'S.',
      forecasterName: 'A',
      probability: 0.725,
      beforeResolution: true,
      status: 'resolved',
      outcome: 'yes',
      resolvedOn: '2021-01-01',
    };
    // (0.725 − 1)² = 0.075625 exactly in decimal; the double is 0.07562500000000001.
    expect(itemLine(item, false)).toMatchObject({ probability: '0.73', brier: '0.0756' });
  });
});
