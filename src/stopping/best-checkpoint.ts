import type { LearningCurve } from './types.js';

/**
 * Index of the best dev checkpoint, the one `restoreBest` ends a run with: highest dev EM, ties broken by lower dev
 * loss, then by the earlier point. Points with non-finite dev EM are never best; a non-finite loss loses ties.
 * Null for a curve without a finite dev EM. Cost: O(n).
 */
export function bestCheckpointIndex(curve: LearningCurve): number | null {
  let best: number | null = null;
  for (let i = 0; i < curve.length; i++) {
    const point = curve[i];
    if (!Number.isFinite(point.devEm)) continue;
    if (best === null) {
      best = i;
      continue;
    }
    const incumbent = curve[best];
    const loss = Number.isFinite(point.devLoss) ? point.devLoss : Infinity;
    const incumbentLoss = Number.isFinite(incumbent.devLoss) ? incumbent.devLoss : Infinity;
    if (point.devEm > incumbent.devEm || (point.devEm === incumbent.devEm && loss < incumbentLoss)) best = i;
  }
  return best;
}
