import { paretoFrontIndices } from './pareto-front.js';

/** Margin as a fraction of the front's range; Ishibuchi et al. (GECCO 2011) found 0.1 robust. */
const MARGIN_FRACTION = 0.1;
/** Smallest range used, so that a front flat in one objective still gets a margin (BoTorch's MIN_Y_RANGE). */
const MIN_RANGE = 1e-7;

/**
 * A reference point for two minimized objectives, inferred from observed values: the nadir (worst value per
 * objective) of their Pareto front pushed out by 10 % of the front's range in each objective. For a single
 * front point the margin is 10 % of its magnitude. This is BoTorch's `infer_reference_point`
 * (botorch/utils/multi_objective/hypervolume.py, with scale 0.1 and no max_ref_point), mirrored for
 * minimization. Unlike BoTorch, the margin is also at least one part in 1e12 of the nadir's magnitude, so that
 * the reference point stays strictly worse than every front point for large values. O(n log n).
 *
 * @param values n x 2, row-major; rows with NaN are ignored.
 * @throws RangeError when no row is free of NaN.
 */
export function inferReferencePoint(values: Float64Array, n: number): [number, number] {
  const front = paretoFrontIndices(values, n, 2);
  if (front.length === 0) throw new RangeError('cannot infer a reference point without an observed value');
  const reference: [number, number] = [0, 0];
  for (let objective = 0; objective < 2; objective++) {
    let nadir = Number.NEGATIVE_INFINITY;
    let ideal = Number.POSITIVE_INFINITY;
    for (const i of front) {
      nadir = Math.max(nadir, values[2 * i + objective]);
      ideal = Math.min(ideal, values[2 * i + objective]);
    }
    const range = front.length === 1 ? Math.abs(nadir) : nadir - ideal;
    const margin = Math.max(MARGIN_FRACTION * Math.max(range, MIN_RANGE), 1e-12 * Math.abs(nadir));
    reference[objective] = nadir + margin;
  }
  return reference;
}
