import * as normal from './normal.js';

// Local copies of the imported bindings: once tsx or vite transpile this module, every read of an imported
// name goes through a getter, which cost as much as the arithmetic in EHVI's inner loop (CPU profile).
const ERFC_FIRST_RANGE_LIMIT = normal.ERFC_FIRST_RANGE_LIMIT;
const errorFunctionNearZero = normal.errorFunctionNearZero;
const scaledComplementaryErrorFunction = normal.scaledComplementaryErrorFunction;

const INV_SQRT_2PI = 0.3989422804014327;
const SQRT1_2 = Math.SQRT1_2;
/** Below β = −40 the result is under exp(−800) ≈ 1e-348 times σ: it underflows to 0 in double precision. */
export const NEGLIGIBLE_STANDARD_SCORE = -40;
/**
 * Above β = 9 the result is c − μ to within σ·φ(β)/β² < 2e-20·σ, far below one rounding of c − μ, so the
 * exponential is skipped (strips the prediction surely covers cost no exp inside EHVI).
 */
const CERTAIN_STANDARD_SCORE = 9;

/**
 * E[(c − Y)⁺] for Y ~ N(mean, sd²): how far below the threshold c a Gaussian prediction is expected to land
 * (the single-objective expected improvement for minimization, and the ψ(c, c, μ, σ) of Emmerich et al. 2016).
 *
 *   E[(c − Y)⁺] = σ·(φ(β) + β·Φ(β)),  β = (c − μ)/σ;   = max(0, c − μ) when σ = 0.
 *
 * φ and Φ share one exponential (Φ from Cody's scaled erfc), which halves the cost inside EHVI's inner loop;
 * the cancellation in φ + βΦ for β → −∞ costs only log10(β²) digits because Φ is accurate in the tail.
 * Cost O(1), one exp.
 */
export function expectedShortfall(threshold: number, mean: number, sd: number): number {
  if (!(sd > 0)) {
    if (Number.isNaN(sd) || Number.isNaN(threshold - mean)) return Number.NaN;
    return threshold > mean ? threshold - mean : 0;
  }
  const beta = (threshold - mean) / sd;
  if (Number.isNaN(beta)) return Number.NaN;
  if (beta < NEGLIGIBLE_STANDARD_SCORE) return 0;
  if (beta > CERTAIN_STANDARD_SCORE) return threshold - mean;
  const scaled = Math.abs(beta) * SQRT1_2;
  let pdf: number;
  let cdf: number;
  if (scaled <= ERFC_FIRST_RANGE_LIMIT) {
    pdf = INV_SQRT_2PI * Math.exp(-0.5 * beta * beta);
    cdf = 0.5 + 0.5 * errorFunctionNearZero(beta * SQRT1_2);
  } else {
    const gaussian = Math.exp(-0.5 * beta * beta);
    pdf = INV_SQRT_2PI * gaussian;
    // Φ(−|β|) = erfc(|β|/√2)/2 = exp(−β²/2)·erfcx(|β|/√2)/2.
    const lowerTail = 0.5 * gaussian * scaledComplementaryErrorFunction(scaled);
    cdf = beta < 0 ? lowerTail : 1 - lowerTail;
  }
  const value = sd * (pdf + beta * cdf);
  return value > 0 ? value : 0;
}
