/**
 * Student's t quantiles for small-sample confidence intervals. A scorecard often holds 5–30 scored
 * forecasts, where the normal 1.96 understates the interval (t₀.₉₇₅ is 2.78 at 4 degrees of
 * freedom), so the quantile is computed, not approximated by z. Method: the t CDF through the
 * regularized incomplete beta function (Abramowitz & Stegun 26.7.1, 26.5.8; continued fraction
 * and Lanczos log-gamma as in Numerical Recipes, 3rd ed., §6.1 and §6.4), inverted by bisection.
 */

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection formula keeps the Lanczos series in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0] ?? 1;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i += 1) {
    series += (LANCZOS_COEFFICIENTS[i] ?? 0) / (shifted + i);
  }
  const t = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

const TINY = 1e-300;
const CONTINUED_FRACTION_EPSILON = 1e-15;
const CONTINUED_FRACTION_MAX_TERMS = 500;

/** Modified Lentz evaluation of the incomplete beta continued fraction (Numerical Recipes §6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const avoidZero = (value: number): number => (Math.abs(value) < TINY ? TINY : value);
  let c = 1;
  let d = 1 / avoidZero(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m <= CONTINUED_FRACTION_MAX_TERMS; m += 1) {
    const evenTerm = (m * (b - m) * x) / ((a - 1 + 2 * m) * (a + 2 * m));
    d = 1 / avoidZero(1 + evenTerm * d);
    c = avoidZero(1 + evenTerm / c);
    fraction *= d * c;
    const oddTerm = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 1 + 2 * m));
    d = 1 / avoidZero(1 + oddTerm * d);
    c = avoidZero(1 + oddTerm / c);
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < CONTINUED_FRACTION_EPSILON) break;
  }
  return fraction;
}

/** I_x(a, b), the regularized incomplete beta function. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  // The continued fraction converges fast only below (a + 1)/(a + b + 2); use symmetry above it.
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

function assertDegreesOfFreedom(degreesOfFreedom: number): void {
  if (!Number.isFinite(degreesOfFreedom) || degreesOfFreedom <= 0) {
    throw new RangeError(`degrees of freedom must be positive, got ${String(degreesOfFreedom)}`);
  }
}

export function studentTCdf(t: number, degreesOfFreedom: number): number {
  assertDegreesOfFreedom(degreesOfFreedom);
  const tail = 0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

const BISECTION_STEPS = 200;
/**
 * Quantiles already found, by probability and degrees of freedom: a scorecard with thousands of
 * groups asks for the same few (the 97.5% point for each group size) over and over, and each
 * costs a bisection of incomplete-beta evaluations (a tenth of a 14,000-group scorecard's build).
 */
const quantileCache = new Map<string, number>();
const QUANTILE_CACHE_LIMIT = 10_000;

/** The t value below which `probability` of Student's t distribution lies. */
export function studentTQuantile(probability: number, degreesOfFreedom: number): number {
  assertDegreesOfFreedom(degreesOfFreedom);
  if (!(probability > 0 && probability < 1)) {
    throw new RangeError(`probability must be in (0, 1), got ${String(probability)}`);
  }
  if (probability === 0.5) return 0;
  if (probability < 0.5) return -studentTQuantile(1 - probability, degreesOfFreedom);
  const key = `${probability}:${degreesOfFreedom}`;
  let quantile = quantileCache.get(key);
  if (quantile === undefined) {
    quantile = bisectQuantile(probability, degreesOfFreedom);
    if (quantileCache.size >= QUANTILE_CACHE_LIMIT) quantileCache.clear();
    quantileCache.set(key, quantile);
  }
  return quantile;
}

function bisectQuantile(probability: number, degreesOfFreedom: number): number {
  let low = 0;
  let high = 1;
  while (studentTCdf(high, degreesOfFreedom) < probability) {
    low = high;
    high *= 2;
  }
  for (let step = 0; step < BISECTION_STEPS && high - low > 1e-13 * high; step += 1) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, degreesOfFreedom) < probability) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
