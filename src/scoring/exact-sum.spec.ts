import fc from 'fast-check';
import { ExactSum } from './exact-sum.js';
import { fsum } from './fsum.reference.js';

describe('ExactSum', () => {
  it.each([
    [[0.1, 0.2, 0.3], 0.6],
    [[1e100, 1.0, -1e100], 1.0],
    [[1, 1e-16, 1e-16], 1.0000000000000002],
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 1.0],
    [[2 ** 53, 1, 1e-100], 2 ** 53 + 2],
    [[2 ** 53, 1], 2 ** 53],
    [[5e-324, 5e-324], 1e-323],
    [[-0.5, 0.25], -0.25],
    [[], 0],
  ])('adds %p to %p (values from Python math.fsum)', (values, expected) => {
    expect(ExactSum.of(...values).toNumber()).toBe(expected);
  });

  it('equals the reference fsum on random doubles, in any order', () => {
    const doubles = fc.array(
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), fc.double({ min: -1, max: 1, noNaN: true })),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(doubles, (values) => {
        const expected = fsum(values);
        expect(ExactSum.of(...values).toNumber()).toBe(expected);
        expect(ExactSum.of(...[...values].reverse()).toNumber()).toBe(expected);
      }),
    );
  });

  it('adds terms split into parts as the database keeps them (2^-56, 2^-112 and a rest), merged in any grouping, as fsum does', () => {
    const split = (term: number): [bigint, bigint, number] => {
      const scaled = term * 2 ** 56;
      const low = (scaled - Math.trunc(scaled)) * 2 ** 56;
      return [BigInt(Math.trunc(scaled)), BigInt(Math.trunc(low)), (low - Math.trunc(low)) * 2 ** -112];
    };
    const terms = fc.array(fc.oneof(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 1e-200, max: 1e-10, noNaN: true })), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(terms, fc.integer({ min: 1, max: 7 }), (values, groups) => {
        const partials = Array.from({ length: groups }, () => new ExactSum());
        values.forEach((value, i) => {
          const [hi, lo, rest] = split(value);
          partials[i % groups].addScaledInteger(hi, 56).addScaledInteger(lo, 112).addDouble(rest);
        });
        const total = new ExactSum();
        for (const partial of partials.reverse()) total.add(partial);
        expect(total.toNumber()).toBe(fsum(values));
      }),
    );
  });

  it('adds fixed-point partial sums exactly', () => {
    const sum = new ExactSum().addScaledInteger(3n, 2).addScaledInteger(-1n, 56).addDouble(0.25);
    expect(sum.toNumber()).toBe(1 - 2 ** -56);
  });
});
