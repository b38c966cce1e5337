import { decimal, signed } from './report-text.js';

describe('rounded figures of the readable exports', () => {
  it.each([
    [0.16, '0.1600'],
    [-1e-17, '0.0000'],
    [-0.00004, '0.0000'],
    [-0.16, '-0.1600'],
    [null, '—'],
  ])('decimal(%p) = %p', (value, expected) => {
    expect(decimal(value)).toBe(expected);
  });

  it.each([
    [0.08, '+0.0800'],
    [-0.08, '-0.0800'],
    [1e-17, '0.0000'],
    [-1e-17, '0.0000'],
    [undefined, '—'],
  ])('signed(%p) = %p', (value, expected) => {
    expect(signed(value)).toBe(expected);
  });
});
