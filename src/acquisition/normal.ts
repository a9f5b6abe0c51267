/**
 * Standard normal density and distribution function, accurate to full double precision in both tails.
 *
 * Φ is computed from the complementary error function, Φ(z) = erfc(−z/√2) / 2, because 1 + erf(…) loses every
 * digit once Φ(z) drops below 1e-16; EHVI far from the front depends on exactly those small values.
 */

const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const SQRT1_2 = Math.SQRT1_2;

/** φ(z) = exp(−z²/2)/√(2π). Cost O(1). */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * Φ(z) = P(Z ≤ z) for a standard normal Z, with relative accuracy near machine precision in both tails
 * (Φ(−8) = 6.22096e-16, Φ(−37) ≈ 5.7e-300); underflows to 0 below z ≈ −38.5. Cost O(1).
 */
export function normalCdf(z: number): number {
  return 0.5 * complementaryErrorFunction(-z * SQRT1_2);
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–638, as
// packaged in his SPECFUN routine CALERF (1990). Three rational approximations cover |x| ≤ 0.46875,
// 0.46875 < |x| ≤ 4 and |x| > 4; the coefficients below are the published ones (max relative error ~1e-18).
const SMALL_NUMERATOR = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const SMALL_DENOMINATOR = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const MIDDLE_NUMERATOR = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const MIDDLE_DENOMINATOR = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const LARGE_NUMERATOR = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
];
const LARGE_DENOMINATOR = [
  2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185,
];
const INV_SQRT_PI = 0.56418958354775628695;
/** Boundary between Cody's first and second approximations. */
export const ERFC_FIRST_RANGE_LIMIT = 0.46875;
// Beyond this erfc(x) underflows (CALERF's XBIG for IEEE doubles).
const UNDERFLOW_LIMIT = 26.543;

/** erfc(x) = 1 − erf(x), Cody's CALERF (see above). Relative accuracy ~1e-16 wherever the result is normal. */
export function complementaryErrorFunction(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= ERFC_FIRST_RANGE_LIMIT) return 1 - errorFunctionNearZero(x);
  let result = 0;
  if (y < UNDERFLOW_LIMIT) {
    // exp(−y²) split as exp(−r²)·exp(−(y−r)(y+r)) with r = y rounded down to 1/16, so that the rounding
    // error of y² (large for large y) does not enter the exponent.
    const rounded = Math.trunc(y * 16) / 16;
    const remainder = (y - rounded) * (y + rounded);
    result = scaledComplementaryErrorFunction(y) * Math.exp(-rounded * rounded) * Math.exp(-remainder);
  }
  return x < 0 ? 2 - result : result;
}

/** erf(x) for |x| ≤ 0.46875 (Cody's first approximation). */
export function errorFunctionNearZero(x: number): number {
  const ysq = Math.abs(x) > 1.11e-16 ? x * x : 0;
  let numerator = SMALL_NUMERATOR[4] * ysq;
  let denominator = ysq;
  for (let i = 0; i < 3; i++) {
    numerator = (numerator + SMALL_NUMERATOR[i]) * ysq;
    denominator = (denominator + SMALL_DENOMINATOR[i]) * ysq;
  }
  return (x * (numerator + SMALL_NUMERATOR[3])) / (denominator + SMALL_DENOMINATOR[3]);
}

/**
 * erfcx(y) = exp(y²)·erfc(y) for y > 0.46875 (Cody's second and third approximations, without the exponential).
 * Lets a caller that already has exp(−y²) (the normal density) get erfc with no second exponential.
 */
export function scaledComplementaryErrorFunction(y: number): number {
  if (y <= 4) {
    let numerator = MIDDLE_NUMERATOR[8] * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + MIDDLE_NUMERATOR[i]) * y;
      denominator = (denominator + MIDDLE_DENOMINATOR[i]) * y;
    }
    return (numerator + MIDDLE_NUMERATOR[7]) / (denominator + MIDDLE_DENOMINATOR[7]);
  }
  const inverseSquare = 1 / (y * y);
  let numerator = LARGE_NUMERATOR[5] * inverseSquare;
  let denominator = inverseSquare;
  for (let i = 0; i < 4; i++) {
    numerator = (numerator + LARGE_NUMERATOR[i]) * inverseSquare;
    denominator = (denominator + LARGE_DENOMINATOR[i]) * inverseSquare;
  }
  const correction = (inverseSquare * (numerator + LARGE_NUMERATOR[4])) / (denominator + LARGE_DENOMINATOR[4]);
  return (INV_SQRT_PI - correction) / y;
}
