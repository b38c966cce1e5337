/** The standard normal 97.5% quantile to six decimals, for a two-sided 95% interval. */
export const WILSON_Z_95 = 1.959964;

export interface ProportionInterval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927). Chosen over the Wald interval
 * because calibration bins are often small and near 0 or 1, where Wald collapses to a point.
 * `successes` may be fractional when a partial outcome counts as half. Null for an empty bin.
 */
export function wilsonInterval(successes: number, trials: number, z = WILSON_Z_95): ProportionInterval | null {
  if (!Number.isFinite(trials) || trials < 0 || !Number.isFinite(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`need 0 ≤ successes ≤ trials, got ${String(successes)} of ${String(trials)}`);
  }
  if (trials === 0) return null;
  const observed = successes / trials;
  const zSquared = z * z;
  const denominator = 1 + zSquared / trials;
  const centre = (observed + zSquared / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((observed * (1 - observed)) / trials + zSquared / (4 * trials * trials));
  // Analytically the bounds are exactly 0 at no successes and 1 at all successes and lie in [0, 1]
  // otherwise; pinning and clipping remove floating-point residue such as 5.6e-17 for 0 of 3.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}
