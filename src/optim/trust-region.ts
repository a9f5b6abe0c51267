import type { BatchScore, DimensionKind } from './domain.js';

/**
 * Trust regions: the union of boxes of side 2·halfWidth centred on anchor points. A GP with few observations
 * in several dimensions extrapolates poorly, and the acquisition is highest exactly where it is least
 * reliable — the corners of the box, far from every observation. Confining the search to boxes around chosen
 * points is the remedy of TuRBO (Eriksson, Pearce, Gardner, Turner & Poloczek, "Scalable global optimization
 * via local Bayesian optimization", NeurIPS 2019; one box around the best point) and MORBO (Daulton et al.,
 * UAI 2022; boxes around front points). gp-ehvi centres boxes on every observation, which forbids
 * extrapolation but not exploration between observations; the side is fixed rather than adapted.
 *
 * Only numeric dimensions are confined; categorical ones may switch freely. A numeric coordinate at exactly 0.5
 * (where the space encoding holds an inactive conditional parameter) is not checked, so that activating a
 * conditional parameter is never blocked.
 */
export interface TrustRegion {
  /** Anchors, each a point of length d. */
  readonly anchors: readonly Float64Array[];
  readonly halfWidth: number;
  readonly kinds: readonly DimensionKind[];
}

/** True if `point` (at offset `offset` of `points`) lies in at least one box. Cost O(a·d) for a anchors. */
export function insideTrustRegion(region: TrustRegion, points: ArrayLike<number>, offset: number): boolean {
  const d = region.kinds.length;
  for (const anchor of region.anchors) {
    let inside = true;
    for (let j = 0; j < d && inside; j++) {
      if (region.kinds[j] === 'categorical') continue;
      const value = points[offset + j];
      if (value === INACTIVE_VALUE || anchor[j] === INACTIVE_VALUE) continue;
      if (Math.abs(value - anchor[j]) > region.halfWidth) inside = false;
    }
    if (inside) return true;
  }
  return false;
}

/** The canonical coordinate of an inactive numeric parameter (see CompiledSpace.encode). */
const INACTIVE_VALUE = 0.5;

/** `score` with −∞ for points outside the trust region (so local searches cannot leave it). */
export function confineToTrustRegion(score: BatchScore, region: TrustRegion): BatchScore {
  const d = region.kinds.length;
  return (points, m) => {
    const scores = score(points, m);
    for (let i = 0; i < m; i++) if (!insideTrustRegion(region, points, i * d)) scores[i] = Number.NEGATIVE_INFINITY;
    return scores;
  };
}

/**
 * Space-filling candidates inside the trust region: the rows of `unitPoints` (`count x d`, e.g. Sobol points
 * in [0,1]^d) mapped into the boxes, anchors taken in turn, clipped to [0,1]. Returns `count x d`. O(count·d).
 */
export function trustRegionCandidates(region: TrustRegion, unitPoints: Float64Array, count: number): Float64Array {
  const d = region.kinds.length;
  const out = new Float64Array(count * d);
  const anchors = region.anchors;
  for (let i = 0; i < count; i++) {
    const anchor = anchors[i % anchors.length];
    for (let j = 0; j < d; j++) {
      const u = unitPoints[i * d + j];
      // Categorical coordinates stay space-filling over all choices.
      const value = region.kinds[j] === 'categorical' ? u : anchor[j] + (2 * u - 1) * region.halfWidth;
      out[i * d + j] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
  return out;
}
