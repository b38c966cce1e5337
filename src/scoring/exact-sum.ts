/**
 * Exact sums of doubles, rounded once: what Python's math.fsum returns. Every finite double is
 * m·2^e with an integer m below 2^53 and e ≥ −1074, so it is an integer number of 2^−1074; the sum
 * is kept as that integer (a BigInt) and only the final value is rounded to the nearest double
 * (ties to even). The order of the additions cannot change a bit of the result, which is what
 * makes scorecards give the same figures on every call, however PostgreSQL splits the work.
 */
export class ExactSum {
  /** The sum of the doubles added, in units of 2^−1074. */
  private units = 0n;
  /**
   * The sum of the scaled integers with power ≤ 112 (the database's parts), in units of 2^−112:
   * integers of a hundred-odd bits rather than of a thousand, which keeps adding up a scorecard's
   * many partial sums cheap. Joined to units only when rounding.
   */
  private fixed = 0n;

  static of(...values: number[]): ExactSum {
    const sum = new ExactSum();
    for (const value of values) sum.addDouble(value);
    return sum;
  }

  addDouble(value: number): this {
    this.units += unitsOfDouble(value);
    return this;
  }

  /** Adds integer·2^−power (0 ≤ power ≤ 1074): the database's fixed-point partial sums. */
  addScaledInteger(integer: bigint, power: number): this {
    if (!Number.isInteger(power) || power < 0 || power > LOWEST_POWER) throw new RangeError(`power ${power} is outside 0…1074`);
    if (power <= FIXED_POWER) this.fixed += integer << BigInt(FIXED_POWER - power);
    else this.units += integer << BigInt(LOWEST_POWER - power);
    return this;
  }

  add(other: ExactSum): this {
    this.units += other.units;
    this.fixed += other.fixed;
    return this;
  }

  /** The exact sum rounded to the nearest double, ties to even. */
  toNumber(): number {
    return roundUnits(this.units + (this.fixed << BigInt(LOWEST_POWER - FIXED_POWER)));
  }
}

const LOWEST_POWER = 1074;
const FIXED_POWER = 112;
const view = new DataView(new ArrayBuffer(8));

function unitsOfDouble(value: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`cannot add ${value} exactly`);
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  // Normal numbers: the hidden leading bit, and units of 2^(exponent − 1075) = 2^(exponent − 1) units of 2^−1074.
  if (exponent !== 0) mantissa = (mantissa | (1n << 52n)) << BigInt(exponent - 1);
  return high >>> 31 ? -mantissa : mantissa;
}

function bitLength(value: bigint): number {
  const hex = value.toString(16);
  return (hex.length - 1) * 4 + Number.parseInt(hex[0], 16).toString(2).length;
}

function roundUnits(units: bigint): number {
  if (units === 0n) return 0;
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const length = bitLength(magnitude);
  let result: number;
  if (length <= 53) {
    // Below 2^53 units the value is a multiple of 2^−1074 a double holds exactly (subnormal or not).
    result = Number(magnitude) * 2 ** -LOWEST_POWER;
  } else {
    const shift = length - 53;
    let kept = magnitude >> BigInt(shift);
    const dropped = magnitude - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (dropped > half || (dropped === half && (kept & 1n) === 1n)) kept += 1n;
    // kept ≤ 2^53 and the value is at least 2^−1021: the product is exact.
    result = Number(kept) * 2 ** (shift - LOWEST_POWER);
  }
  return negative ? -result : result;
}
