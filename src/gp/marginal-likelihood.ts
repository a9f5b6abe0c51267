import { choleskyInPlace } from '../linalg/cholesky.js';
import { choleskyInverse } from '../linalg/cholesky-inverse.js';
import { choleskyLogDeterminant } from '../linalg/cholesky-log-determinant.js';
import { choleskySolve } from '../linalg/cholesky-solve.js';
import { pairCount, pairwiseSquaredDifferences } from './input-distances.js';
import { logHyperparameterPrior } from './priors.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
// Module-local, not imported: V8 folds a local const into hot loops but re-reads an imported binding.
const SQRT5 = Math.sqrt(5);

/**
 * The objective the hyperparameter fit minimizes: the negative log posterior
 *
 *   f(u) = −log p(ỹ | X, θ) − log p(θ),   log p(ỹ | X, θ) = −½ ỹᵀK⁻¹ỹ − ½ log det K − (n/2) log 2π
 *
 * (Rasmussen & Williams 2006, eq. 5.8), with K = σ_f²·Matérn52(X) + diag(σ_n² + known noise), over
 * u = (log ℓ, log σ_f², log σ_n²). Its gradient (R&W eq. 5.9) is
 *
 *   ∂ log p / ∂u_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂u_j),   α = K⁻¹ỹ,
 *
 * evaluated as elementwise sums over the pairs with the per-dim squared differences computed once per fit.
 *
 * Cost per value(): n²·d/2 for the kernel, one Cholesky (n³/6), two triangular solves. A following
 * gradientAtLastValue() adds K⁻¹ from the factor (n³/3) and n²·d/2 for the sums. All buffers are allocated
 * once here, so the optimizer's inner loop does not allocate.
 */
export class MarginalLikelihoodObjective {
  readonly dimension: number;
  private readonly squaredDifferences: Float64Array;
  private readonly correlation: Float64Array;
  private readonly lengthscaleFactor: Float64Array;
  /** One number per pair: r² in value(), the gradient weights in gradientAtLastValue(). */
  private readonly pairScratch: Float64Array;
  private readonly factor: Float64Array;
  private readonly alpha: Float64Array;
  private readonly inverse: Float64Array;
  private readonly work: Float64Array;
  private readonly inverseSquaredLengthscales: Float64Array;
  private readonly lastU: Float64Array;
  private lastValueFinite = false;
  private lastValue = Number.NaN;
  private lastLogMarginalLikelihood = Number.NaN;

  /**
   * x: n x d row-major; yStandardized: n; knownNoise: n (standardized units) or undefined; conditional: d flags.
   */
  constructor(
    x: Float64Array,
    private readonly n: number,
    private readonly d: number,
    categorical: readonly boolean[],
    private readonly yStandardized: Float64Array,
    private readonly knownNoise: Float64Array | undefined,
    /** d flags of conditional dims (NaN where inactive; see input-distances.ts), if any. */
    conditional?: readonly boolean[],
  ) {
    this.dimension = d + 2;
    this.squaredDifferences = pairwiseSquaredDifferences(x, n, d, categorical, conditional);
    const pairs = pairCount(n);
    this.correlation = new Float64Array(pairs);
    this.lengthscaleFactor = new Float64Array(pairs);
    this.pairScratch = new Float64Array(pairs);
    this.factor = new Float64Array(n * n);
    this.alpha = new Float64Array(n);
    this.inverse = new Float64Array(n * n);
    this.work = new Float64Array(n * n);
    this.inverseSquaredLengthscales = new Float64Array(d);
    this.lastU = new Float64Array(d + 2);
  }

  /** f(u) as above; Infinity when K is not numerically positive definite at u. */
  value(u: Float64Array): number {
    // The optimizer's first call repeats the screening's last one: the factor for it is still here.
    if (this.lastValueFinite && this.isLastU(u)) return this.lastValue;
    const { n, d, factor, correlation, lengthscaleFactor, squaredDifferences } = this;
    this.lastU.set(u);
    this.lastValueFinite = false;
    const inverseSquared = this.inverseSquaredLengthscales;
    for (let i = 0; i < d; i++) inverseSquared[i] = Math.exp(-2 * u[i]);
    const signalVariance = Math.exp(u[d]);
    const noiseVariance = Math.exp(u[d + 1]);

    // r² for every pair, one dim at a time over contiguous pairs.
    const pairs = correlation.length;
    const squaredDistance = this.pairScratch;
    squaredDistance.fill(0);
    for (let i = 0; i < d; i++) {
      const weight = inverseSquared[i];
      const base = i * pairs;
      for (let pair = 0; pair < pairs; pair++) squaredDistance[pair] += weight * squaredDifferences[base + pair];
    }
    let pair = 0;
    for (let a = 1; a < n; a++) {
      const row = a * n;
      for (let b = 0; b < a; b++, pair++) {
        const r2 = squaredDistance[pair];
        const r = Math.sqrt(r2);
        const decay = Math.exp(-SQRT5 * r);
        const k = (1 + SQRT5 * r + (5 / 3) * r2) * decay;
        correlation[pair] = k;
        // g(r²) = −2·dk/d(r²) = (5/3)(1 + √5·r)·exp(−√5·r), finite at r = 0. Since ∂r²/∂(log ℓ_i) =
        // −2·Δ_i²/ℓ_i², the length-scale derivative is ∂k/∂(log ℓ_i) = g(r²)·Δ_i²/ℓ_i².
        lengthscaleFactor[pair] = (5 / 3) * (1 + SQRT5 * r) * decay;
        factor[row + b] = signalVariance * k;
      }
    }
    const known = this.knownNoise;
    for (let a = 0; a < n; a++) factor[a * n + a] = signalVariance + noiseVariance + (known ? known[a] : 0);

    if (!choleskyInPlace(factor, n)) return Number.POSITIVE_INFINITY;
    choleskySolve(factor, n, this.yStandardized, this.alpha);
    let dataFit = 0;
    for (let a = 0; a < n; a++) dataFit += this.yStandardized[a] * this.alpha[a];
    const halfLogDet = 0.5 * choleskyLogDeterminant(factor, n);
    const logMarginalLikelihood = -0.5 * dataFit - halfLogDet - n * HALF_LOG_2PI;
    const value = -(logMarginalLikelihood + logHyperparameterPrior(u, d));
    if (!Number.isFinite(value)) return Number.POSITIVE_INFINITY;
    this.lastValueFinite = true;
    this.lastValue = value;
    this.lastLogMarginalLikelihood = logMarginalLikelihood;
    return value;
  }

  private isLastU(u: Float64Array): boolean {
    for (let j = 0; j < this.dimension; j++) if (u[j] !== this.lastU[j]) return false;
    return true;
  }

  /** A copy of the Cholesky factor of K(u) if the last value() call was at exactly u and finite, else undefined. */
  factorAt(u: Float64Array): Float64Array | undefined {
    return this.lastValueFinite && this.isLastU(u) ? Float64Array.from(this.factor) : undefined;
  }

  /** log p(ỹ | X, θ) at the u of the last value() call. */
  get logMarginalLikelihoodAtLastValue(): number {
    return this.lastLogMarginalLikelihood;
  }

  /** ∇f at the u of the last value() call, which must have returned a finite value. `out` has length d + 2. */
  gradientAtLastValue(out: Float64Array): void {
    if (!this.lastValueFinite) throw new Error('gradient requested where the objective is not finite');
    const { n, d, alpha, inverse, correlation, lengthscaleFactor, squaredDifferences } = this;
    choleskyInverse(this.factor, n, inverse, this.work);
    const u = this.lastU;
    const signalVariance = Math.exp(u[d]);
    const noiseVariance = Math.exp(u[d + 1]);

    // W = ααᵀ − K⁻¹ (R&W eq. 5.9). Off-diagonal pairs count twice in the trace; their diagonal Δ is 0.
    out.fill(0);
    const pairs = correlation.length;
    const weights = this.pairScratch;
    let correlationSum = 0;
    let pair = 0;
    for (let a = 1; a < n; a++) {
      const row = a * n;
      const alphaA = alpha[a];
      for (let b = 0; b < a; b++, pair++) {
        const w = alphaA * alpha[b] - inverse[row + b];
        correlationSum += w * correlation[pair];
        weights[pair] = w * lengthscaleFactor[pair];
      }
    }
    for (let i = 0; i < d; i++) {
      const base = i * pairs;
      let sum = 0;
      for (let p = 0; p < pairs; p++) sum += weights[p] * squaredDifferences[base + p];
      out[i] = sum;
    }
    let diagonalSum = 0;
    for (let a = 0; a < n; a++) diagonalSum += alpha[a] * alpha[a] - inverse[a * n + a];

    // ∂K_ab/∂log ℓ_i = σ_f²·g(r²)·Δ_i²/ℓ_i²; ∂K/∂log σ_f² = σ_f²·C (C_aa = 1); ∂K/∂log σ_n² = σ_n²·I.
    for (let i = 0; i < d; i++) out[i] *= signalVariance * this.inverseSquaredLengthscales[i];
    out[d] = signalVariance * (correlationSum + 0.5 * diagonalSum);
    out[d + 1] = 0.5 * noiseVariance * diagonalSum;
    logHyperparameterPrior(u, d, out);
    for (let j = 0; j < d + 2; j++) out[j] = -out[j];
  }
}
