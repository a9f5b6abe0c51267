import type { SearchEvent } from '../../src/search/events.js';
import type { TrialRecord, TrialResult } from '../../src/storage/records.js';
import { makeStudy } from '../export/fixtures.js';

export const study = makeStudy({ seed: 0 });

export function trial(id: number, params: Record<string, string | number | boolean> = { 'stopping.rule': 'patience', 'stopping.patience': 3, learningRate: 0.003 }): TrialRecord {
  return {
    id,
    studyId: 1,
    number: id - 1,
    state: 'running',
    params,
    values: null,
    stderr: null,
    result: null,
    error: null,
    workerId: 'h:1',
    retryOf: null,
    replayedFrom: null,
    createdAt: '',
    updatedAt: '',
    heartbeatAt: '',
  };
}

export function result(tokens: number, em: number, diverged = false): TrialResult {
  return {
    tokens: { mean: tokens, se: tokens / 20 },
    em: { mean: em, se: 0.01 },
    folds: diverged ? [{ fold: 0, tokens, em: 0, heldOutSize: 100, stopReason: 'diverged: NaN loss', diverged: true, curve: [], seconds: 1 }] : [],
    paramCount: 1000,
    backend: 'tensorflow',
    seconds: 3,
    diverged,
  };
}

export function opened(target = 10, complete = 0, resumed = false, trials: TrialRecord[] = []): SearchEvent {
  return {
    type: 'opened',
    study,
    trials,
    resumed,
    complete,
    target,
    backend: 'tensorflow',
    backendNotes: [],
    dataNotes: ['12000 distinct lines (3 duplicate lines removed); test part 2400 (20 %) kept for confirmation, search part 9597'],
    storageUrl: 'sqlite:/tmp/stopwise.db',
    budgetTokens: 1_500_000,
    folds: 3,
    task: 'addition',
    seed: 7,
    workerId: 'h:1',
  };
}

/** A complete trial as storage holds it and as run-search reports it: values and stderr in objective order. */
export function completeTrial(id: number, tokens: number, em: number, diverged = false): TrialRecord {
  const measured = result(tokens, em, diverged);
  return {
    ...trial(id),
    state: 'complete',
    values: [measured.tokens.mean, measured.em.mean],
    stderr: [measured.tokens.se, measured.em.se],
    result: measured,
  };
}

export function finished(id: number, tokens: number, em: number, complete: number, target = 10, diverged = false): SearchEvent {
  return { type: 'trial-finished', trial: completeTrial(id, tokens, em, diverged), complete, target };
}
