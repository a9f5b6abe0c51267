import { bestCheckpointIndex } from './best-checkpoint.js';
import { deciderFor } from './registry.js';
import type { StoppingConfig, StoppingContext } from './rule.js';
import type { LearningCurve } from './types.js';

export interface ReplayResult {
  /** Index of the evaluation at which the run would have stopped, or null if the rule never fired. */
  stopIndex: number | null;
  /** Tokens used at the stop (the last point's tokens when the rule never fired; 0 for an empty curve). */
  tokensAtStop: number;
  /** The rule's reason, or `end of curve` when it never fired. */
  reason: string;
  /**
   * Index of the checkpoint the run ends with: the best dev checkpoint up to the stop with `restoreBest`, otherwise
   * the stop (or last) point. Null for an empty curve.
   */
  restoreIndex: number | null;
}

/**
 * The decision a live run would have made on a recorded curve: the first prefix `curve[0..i]` on which the rule
 * says stop. Exactly what `createStopper` gives when fed the same points, because both decide with `deciderFor` on
 * the same prefixes. Evaluates a rule on a curve that was already trained at no training cost. `config` is checked
 * by its type (`StoppingConfig`) and not again. Cost: O(n) decisions of the rule.
 */
export function replay(config: StoppingConfig, curve: LearningCurve, context: StoppingContext): ReplayResult {
  const decide = deciderFor(config);
  for (let i = 0; i < curve.length; i++) {
    const prefix = curve.slice(0, i + 1);
    const decision = decide(prefix, context);
    if (decision.stop) {
      return {
        stopIndex: i,
        tokensAtStop: curve[i].tokens,
        reason: decision.reason ?? `rule:${config.rule}`,
        restoreIndex: config.restoreBest ? bestCheckpointIndex(prefix) : i,
      };
    }
  }
  const last = curve.length - 1;
  return {
    stopIndex: null,
    tokensAtStop: last >= 0 ? curve[last].tokens : 0,
    reason: 'end of curve',
    restoreIndex: last < 0 ? null : config.restoreBest ? bestCheckpointIndex(curve) : last,
  };
}
