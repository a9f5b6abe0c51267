import { bestCheckpointIndex } from './best-checkpoint.js';
import { validateStoppingConfig } from './config.js';
import { deciderFor } from './registry.js';
import type { StopDecision, StoppingConfig, StoppingConfigInput, StoppingContext } from './rule.js';
import type { CurvePoint, LearningCurve } from './types.js';

export interface Stopper {
  /** Records one dev evaluation and says whether to stop now. Once it has said stop, it keeps saying so. */
  observe(point: CurvePoint): StopDecision;
  /** The points observed so far. */
  readonly curve: LearningCurve;
  /** The checkpoint to restore when `config.restoreBest` (see `bestCheckpointIndex`); null before any point. */
  bestIndex(): number | null;
  readonly config: StoppingConfig;
}

/**
 * The production runtime of a stopping rule: feed dev evaluations one at a time, in order of tokens. Decides with
 * `deciderFor`, as `replay` does, so its first stop is the one `replay` finds on the same points. The config is
 * checked (and defaults filled) here, once; no observation checks it again. A point with non-finite or decreasing
 * tokens throws a RangeError. Cost per call: one decision of the rule.
 */
export function createStopper(config: StoppingConfigInput, context: StoppingContext): Stopper {
  const checked = validateStoppingConfig(config, 'stopping config');
  const decide = deciderFor(checked);
  const points: CurvePoint[] = [];
  let stopped: StopDecision | null = null;
  return {
    observe(point) {
      const previous = points[points.length - 1];
      if (!Number.isFinite(point.tokens) || (previous !== undefined && point.tokens < previous.tokens)) {
        throw new RangeError(
          `stopper: tokens must be finite and non-decreasing, got ${point.tokens} after ${previous?.tokens ?? 'none'}`,
        );
      }
      points.push({ tokens: point.tokens, devEm: point.devEm, devLoss: point.devLoss });
      if (stopped === null) {
        const decision = decide(points, context);
        if (decision.stop) stopped = decision;
        return decision;
      }
      return stopped;
    },
    get curve() {
      return points;
    },
    bestIndex: () => bestCheckpointIndex(points),
    config: checked,
  };
}
