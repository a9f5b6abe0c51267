/** What every backend refuses before it writes a finished or replayed trial, with the same messages. */
import type { ReplayedTrialInput, TrialOutcome } from './types.js';

/** A complete trial needs one value per objective; a pruned one may have none, but not a partial set. */
export function checkOutcomeValues(trialId: number, outcome: TrialOutcome, objectives: number): void {
  const needed = outcome.state === 'complete' || (outcome.state === 'pruned' && outcome.values !== undefined);
  if (needed && outcome.values?.length !== objectives) {
    throw new Error(
      `finishTrial: trial ${trialId} is ${outcome.state} but has ${outcome.values?.length ?? 'no'} values for ${objectives} objectives`,
    );
  }
}

/**
 * Replayed trials need one value and one standard error per objective, and a source (`replayedFrom`, a trial
 * number) that is a trained trial of the study: `sourceOf` returns undefined for a number the study does not have.
 */
export function checkReplayedTrials(
  trials: readonly ReplayedTrialInput[],
  objectives: number,
  sourceOf: (number: number) => { replayed: boolean } | undefined,
): void {
  trials.forEach((trial, i) => {
    const what = `addReplayedTrials: entry ${i}`;
    if (trial.values.length !== objectives || trial.stderr.length !== objectives) {
      throw new Error(`${what} has ${trial.values.length} values and ${trial.stderr.length} standard errors for ${objectives} objectives`);
    }
    if (!Number.isSafeInteger(trial.replayedFrom)) throw new Error(`${what}: replayedFrom must be a trial number, got ${trial.replayedFrom}`);
    const source = sourceOf(trial.replayedFrom);
    if (source === undefined) throw new Error(`${what}: the study has no trial #${trial.replayedFrom} to replay from`);
    if (source.replayed) throw new Error(`${what}: trial #${trial.replayedFrom} was replayed itself, not trained`);
  });
}

/** The distinct source numbers of replayed trials, for a backend that reads them all at once. */
export function replaySources(trials: readonly ReplayedTrialInput[]): number[] {
  return [...new Set(trials.map((trial) => trial.replayedFrom))];
}
