import { expectedHypervolumeImprovement2d, expectedShortfall } from '../acquisition/index.js';
import type { BatchScore } from '../optim/index.js';
import { standardDeviationsToImprove } from './improvement-distance.js';

/** What an acquisition needs of a surrogate: the posterior at query points (`m x d`, row-major). */
export interface Posterior {
  predict(points: Float64Array, m: number): { mean: Float64Array; variance: Float64Array };
}

/**
 * Exact 2-D expected hypervolume improvement over the current (possibly fantasized) front, both objectives
 * minimized and modelled by independent GPs. Where EHVI underflows to 0 the score is minus the number of
 * standard deviations the prediction needs to improve (see standardDeviationsToImprove), so that the optimizer
 * still climbs towards the front instead of wandering on a plateau of zeros; every positive EHVI outranks
 * every such point. Cost per batch: two GP predictions plus O(m·k) for k front points.
 *
 * @param front k x 2, row-major, minimized values.
 */
export function hypervolumeImprovementScore(
  models: readonly [Posterior, Posterior],
  front: Float64Array,
  k: number,
  ref: readonly [number, number],
): BatchScore {
  return (points, m) => {
    const first = models[0].predict(points, m);
    const second = models[1].predict(points, m);
    const sd1 = standardDeviations(first.variance);
    const sd2 = standardDeviations(second.variance);
    const scores = expectedHypervolumeImprovement2d(front, k, ref, first.mean, sd1, second.mean, sd2);
    const mean = [0, 0];
    const sd = [0, 0];
    for (let i = 0; i < m; i++) {
      if (scores[i] > 0) continue;
      if (Number.isNaN(scores[i])) {
        scores[i] = Number.NEGATIVE_INFINITY;
        continue;
      }
      mean[0] = first.mean[i];
      mean[1] = second.mean[i];
      sd[0] = sd1[i];
      sd[1] = sd2[i];
      scores[i] = -standardDeviationsToImprove(front, k, ref, mean, sd);
    }
    return scores;
  };
}

/**
 * Expected improvement below `best` for one minimized objective (Jones, Schonlau & Welch 1998), with the same
 * fallback where it underflows: minus the standard deviations between the mean and `best`.
 * Cost per batch: one GP prediction plus O(m).
 */
export function expectedImprovementScore(model: Posterior, best: number): BatchScore {
  return (points, m) => {
    const { mean, variance } = model.predict(points, m);
    const scores = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const sd = Math.sqrt(Math.max(variance[i], 0));
      const improvement = expectedShortfall(best, mean[i], sd);
      if (improvement > 0) scores[i] = improvement;
      else if (Number.isNaN(improvement)) scores[i] = Number.NEGATIVE_INFINITY;
      else scores[i] = sd > 0 ? -(mean[i] - best) / sd : Number.NEGATIVE_INFINITY;
    }
    return scores;
  };
}

function standardDeviations(variance: Float64Array): Float64Array {
  const sd = new Float64Array(variance.length);
  for (let i = 0; i < variance.length; i++) sd[i] = Math.sqrt(Math.max(variance[i], 0));
  return sd;
}
