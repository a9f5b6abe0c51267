import { choleskyWithJitter } from '../linalg/cholesky.js';
import { choleskyAppend } from '../linalg/cholesky-append.js';
import { choleskyLogDeterminant } from '../linalg/cholesky-log-determinant.js';
import { choleskySolve } from '../linalg/cholesky-solve.js';
import { lowerProductSquaredNormEvaluator, type SquaredNormEvaluator } from '../linalg/simd-squared-norms.js';
import { extendLowerTriangularInverse, lowerTriangularInverse } from '../linalg/triangular-inverse.js';
import { crossCovarianceRows, dimensionLayout, type DimensionLayout } from './cross-covariance.js';
import { scaledSquaredDistance } from './input-distances.js';
import { matern52 } from './matern52.js';
import { standardize, standardizationOf, type Standardization } from './standardize.js';
import type { GaussianProcess, GPHyperparameters, GPInputs, ObservationOptions } from './types.js';
import { validateInputs } from './validate-inputs.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** Queries per block in predict(): the block of cross-covariances (block x n) stays in cache. */
const QUERY_BLOCK = 64;

/**
 * The exact GP posterior with fixed hyperparameters (Rasmussen & Williams 2006, Alg. 2.1): with K = L·Lᵀ and
 * α = K⁻¹ỹ, at a query x* with covariances k* to the training points,
 *
 *   mean = k*ᵀα,   variance = σ_f² − ‖L⁻¹k*‖²     (standardized units, then mapped back to y's units).
 *
 * The factor, α and (lazily, on the first predict) L⁻¹ are cached, so a prediction costs n·d + n²/2 per query,
 * the n²/2 as ‖L⁻¹k*‖² in a WebAssembly SIMD kernel (simd-squared-norms.ts) rather than a triangular solve.
 */
class ExactGaussianProcess implements GaussianProcess {
  readonly logMarginalLikelihood: number;
  private lowerInverse: Float64Array | undefined;
  private varianceReduction: SquaredNormEvaluator | undefined;
  private readonly inverseSquaredLengthscales: Float64Array;
  private readonly layout: DimensionLayout;

  constructor(
    /** n x d row-major training inputs. */
    private readonly x: Float64Array,
    private readonly n: number,
    private readonly d: number,
    private readonly categorical: readonly boolean[],
    /** Conditional numeric dims (NaN where inactive), or undefined when there are none. */
    private readonly conditional: readonly boolean[] | undefined,
    /** n observations in y's original units, and standardized. */
    private readonly y: Float64Array,
    private readonly yStandardized: Float64Array,
    /** Whether any known noise (which is standardized with y) is on K's diagonal. */
    private readonly hasKnownNoise: boolean,
    /** n: everything on K's diagonal beyond σ_f² (fitted + known noise + any jitter), standardized units. */
    private readonly diagonalNoise: Float64Array,
    readonly hyperparameters: GPHyperparameters,
    private readonly standardization: Standardization,
    /** L, n x n row-major, K = L·Lᵀ. */
    private readonly factor: Float64Array,
    private readonly alpha: Float64Array,
    /** L⁻¹ if already known (extended from the parent GP's), else computed on the first predict. */
    lowerInverse?: Float64Array,
  ) {
    this.lowerInverse = lowerInverse;
    this.layout = dimensionLayout(categorical, conditional);
    this.inverseSquaredLengthscales = Float64Array.from(hyperparameters.lengthscales, (l) => 1 / (l * l));
    let dataFit = 0;
    for (let a = 0; a < n; a++) dataFit += yStandardized[a] * alpha[a];
    const halfLogDet = 0.5 * choleskyLogDeterminant(factor, n);
    this.logMarginalLikelihood = -0.5 * dataFit - halfLogDet - n * HALF_LOG_2PI;
  }

  predict(xq: Float64Array, m: number): { mean: Float64Array; variance: Float64Array } {
    if (xq.length < m * this.d) throw new Error(`predict: xq has ${xq.length} values, expected ${m} x ${this.d}`);
    const { n, d, alpha } = this;
    const signalVariance = this.hyperparameters.signalVariance;
    const { mean: yMean, scale } = this.standardization;
    const mean = new Float64Array(m);
    const variance = new Float64Array(m);
    if (n === 0) {
      mean.fill(yMean);
      variance.fill(signalVariance * scale * scale);
      return { mean, variance };
    }
    this.lowerInverse ??= lowerTriangularInverse(this.factor, n);
    this.varianceReduction ??= lowerProductSquaredNormEvaluator(this.lowerInverse, n);
    const blockRows = Math.min(QUERY_BLOCK, m);
    const cross = new Float64Array(blockRows * n);
    const reduction = new Float64Array(blockRows);
    // Keeps a positive floor: round-off can push σ_f² − ‖L⁻¹k*‖² slightly below 0 at training inputs.
    const varianceFloor = 1e-12 * signalVariance;
    for (let start = 0; start < m; start += blockRows) {
      const rows = Math.min(blockRows, m - start);
      crossCovarianceRows(
        xq, start, rows, this.x, n, d, this.layout, this.inverseSquaredLengthscales, signalVariance, cross,
      );
      for (let r = 0; r < rows; r++) {
        let dot = 0;
        for (let a = 0; a < n; a++) dot += cross[r * n + a] * alpha[a];
        mean[start + r] = yMean + scale * dot;
      }
      this.varianceReduction.evaluate(cross, rows, reduction);
      for (let r = 0; r < rows; r++) {
        variance[start + r] = scale * scale * Math.max(varianceFloor, signalVariance - reduction[r]);
      }
    }
    return { mean, variance };
  }

  withObservations(xNew: Float64Array, yNew: Float64Array, m: number, options: ObservationOptions = {}): GaussianProcess {
    const { n, d } = this;
    const noiseVarianceNew = options.noiseVariance;
    if (xNew.length < m * d || yNew.length < m || (noiseVarianceNew && noiseVarianceNew.length < m)) {
      throw new Error(`withObservations: expected ${m} x ${d} inputs, ${m} values and (if given) ${m} noise variances`);
    }
    const standardization = options.standardization ?? this.standardization;
    if (standardization !== this.standardization && (this.hasKnownNoise || noiseVarianceNew)) {
      throw new Error('withObservations: known noise is standardized with y, so the standardization cannot change');
    }
    if (m === 0 && standardization === this.standardization) return this;
    const total = n + m;
    const x = new Float64Array(total * d);
    x.set(this.x.subarray(0, n * d));
    x.set(xNew.subarray(0, m * d), n * d);
    const y = new Float64Array(total);
    y.set(this.y);
    y.set(yNew.subarray(0, m), n);
    // Without known noise K does not depend on the standardization, so the factor extends either way.
    const yStandardized =
      standardization === this.standardization ? new Float64Array(total) : standardize(y, total, standardization);
    if (standardization === this.standardization) {
      yStandardized.set(this.yStandardized);
      for (let r = 0; r < m; r++) yStandardized[n + r] = (yNew[r] - standardization.mean) / standardization.scale;
    }
    const diagonalNoise = new Float64Array(total);
    diagonalNoise.set(this.diagonalNoise);
    const varianceScale = standardization.scale * standardization.scale;
    for (let r = 0; r < m; r++) {
      diagonalNoise[n + r] = this.hyperparameters.noiseVariance + (noiseVarianceNew ? noiseVarianceNew[r] / varianceScale : 0);
    }

    const signalVariance = this.hyperparameters.signalVariance;
    const cross = new Float64Array(m * n);
    const corner = new Float64Array(m * m);
    crossCovarianceRows(xNew, 0, m, this.x, n, d, this.layout, this.inverseSquaredLengthscales, signalVariance, cross);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c <= r; c++) {
        corner[r * m + c] =
          signalVariance * matern52(scaledSquaredDistance(xNew, r, xNew, c, d, this.categorical, this.inverseSquaredLengthscales, this.conditional));
      }
      corner[r * m + r] += diagonalNoise[n + r];
    }
    let factor = choleskyAppend(this.factor, n, cross, corner, m);
    let lowerInverse: Float64Array | undefined;
    if (factor) {
      // Kriging-believer batches predict after every fantasy: extend L⁻¹ rather than recompute it.
      if (this.lowerInverse) lowerInverse = extendLowerTriangularInverse(this.lowerInverse, n, factor, m);
    } else {
      // A fantasy that duplicates a point can make the block numerically singular: refactor with jitter.
      factor = factorCovariance(x, total, d, this.categorical, this.conditional, this.hyperparameters, diagonalNoise).factor;
    }
    const alpha = choleskySolve(factor, total, yStandardized);
    return new ExactGaussianProcess(
      x, total, d, this.categorical, this.conditional, y, yStandardized, this.hasKnownNoise || Boolean(noiseVarianceNew), diagonalNoise,
      this.hyperparameters, standardization, factor, alpha, lowerInverse,
    );
  }
}

/**
 * K = σ_f²·Matérn52(X) + diag(diagonalNoise) for x (n x d row-major), factored with jitter retry; any jitter
 * used is added into diagonalNoise so later updates stay consistent with the factor. Cost: n²·d/2 + n³/6.
 */
function factorCovariance(
  x: Float64Array,
  n: number,
  d: number,
  categorical: readonly boolean[],
  conditional: readonly boolean[] | undefined,
  hyperparameters: GPHyperparameters,
  diagonalNoise: Float64Array,
): { factor: Float64Array; jitter: number } {
  const inverseSquared = Float64Array.from(hyperparameters.lengthscales, (l) => 1 / (l * l));
  const covariance = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < a; b++) {
      covariance[a * n + b] =
        hyperparameters.signalVariance * matern52(scaledSquaredDistance(x, a, x, b, d, categorical, inverseSquared, conditional));
    }
    covariance[a * n + a] = hyperparameters.signalVariance + diagonalNoise[a];
  }
  const result = choleskyWithJitter(covariance, n);
  for (let a = 0; a < n; a++) diagonalNoise[a] += result.jitter;
  return result;
}

/**
 * The GP posterior for `inputs` under fixed `hyperparameters` (no fitting). y is standardized with
 * `standardization` when given (to compare with or extend another GP exactly), else with its own mean and
 * standard deviation, as fitGaussianProcess does.
 *
 * Cost: n²·d/2 + n³/6 (one Cholesky, with jitter retry if K is numerically singular).
 */
export function conditionGaussianProcess(
  inputs: GPInputs,
  hyperparameters: GPHyperparameters,
  standardization: Standardization = standardizationOf(inputs.y, inputs.n),
): GaussianProcess {
  validateInputs(inputs);
  return posteriorFromInputs(inputs, hyperparameters, standardization);
}

/**
 * conditionGaussianProcess for validated inputs; `knownFactor` (n x n row-major), when given, must be the
 * Cholesky factor of exactly this K (the fit passes the one its last likelihood evaluation computed) and saves
 * the n³/6 factorization.
 */
export function posteriorFromInputs(
  inputs: GPInputs,
  hyperparameters: GPHyperparameters,
  standardization: Standardization,
  knownFactor?: Float64Array,
): GaussianProcess {
  const { n, d } = inputs;
  if (hyperparameters.lengthscales.length !== d) {
    throw new Error(`hyperparameters have ${hyperparameters.lengthscales.length} length scales, expected ${d}`);
  }
  const yStandardized = new Float64Array(n);
  const diagonalNoise = new Float64Array(n);
  const varianceScale = standardization.scale * standardization.scale;
  for (let a = 0; a < n; a++) {
    yStandardized[a] = (inputs.y[a] - standardization.mean) / standardization.scale;
    diagonalNoise[a] = hyperparameters.noiseVariance + (inputs.noiseVariance ? inputs.noiseVariance[a] / varianceScale : 0);
  }
  const x = Float64Array.from(inputs.x.subarray(0, n * d));
  const categorical = inputs.categorical.slice();
  const conditional = inputs.conditional?.some(Boolean) ? inputs.conditional.slice() : undefined;
  const factor = knownFactor ?? factorCovariance(x, n, d, categorical, conditional, hyperparameters, diagonalNoise).factor;
  const alpha = choleskySolve(factor, n, yStandardized);
  const copied: GPHyperparameters = {
    lengthscales: Float64Array.from(hyperparameters.lengthscales),
    signalVariance: hyperparameters.signalVariance,
    noiseVariance: hyperparameters.noiseVariance,
  };
  const y = Float64Array.from(inputs.y.subarray(0, n));
  const hasKnownNoise = inputs.noiseVariance !== undefined;
  return new ExactGaussianProcess(
    x, n, d, categorical, conditional, y, yStandardized, hasKnownNoise, diagonalNoise, copied, standardization, factor, alpha,
  );
}
