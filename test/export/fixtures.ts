import type { Params } from '../../src/space/types.js';
import type { Confirmation, StudyRecord, TrialRecord, TrialState } from '../../src/storage/records.js';

export function makeStudy(overrides: Partial<StudyRecord> = {}): StudyRecord {
  return {
    id: 1,
    name: 'default',
    createdAt: '2025-01-02T03:04:05.000Z',
    space: { name: 'default', task: { name: 'addition', digits: 3 } },
    spaceHash: 'abc123',
    objectives: [
      { name: 'tokens', direction: 'minimize' },
      { name: 'em', direction: 'maximize' },
    ],
    sampler: 'gp-ehvi',
    seed: 7,
    refPoint: null,
    meta: {},
    ...overrides,
  };
}

interface TrialSpec {
  state?: TrialState;
  params?: Params | null;
  /** [tokens, em] means. */
  values?: [number, number] | null;
  stderr?: [number, number] | null;
  diverged?: boolean;
  /** [tokens, test EM] means of a confirmation with 3 runs. */
  confirmed?: [number, number];
}

/** A 3-run confirmation with the given means. */
export function makeConfirmation(tokens: number, em: number): Confirmation {
  const run = (fold: number) => ({ fold, tokens, em, heldOutSize: 400, stopReason: 'budget', diverged: false, curve: [], seconds: 1 });
  return { tokens: { mean: tokens, se: tokens * 0.02 }, em: { mean: em, se: 0.02 }, runs: [run(0), run(1), run(2)], testFraction: 0.2, backend: 'cpu', seconds: 3, diverged: false };
}

/** Trials numbered in order, ids 100 + number. */
export function makeTrials(specs: readonly TrialSpec[]): TrialRecord[] {
  return specs.map((spec, number) => ({
    id: 100 + number,
    studyId: 1,
    number,
    state: spec.state ?? 'complete',
    params: spec.params === undefined ? { 'stopping.rule': 'none', learningRate: 0.001 * (number + 1) } : spec.params,
    values: spec.values === undefined ? null : spec.values,
    stderr: spec.stderr === undefined ? (spec.values ? [spec.values[0] * 0.05, 0.01] : null) : spec.stderr,
    result: spec.diverged
      ? { tokens: { mean: 0, se: 0 }, em: { mean: 0, se: 0 }, folds: [], paramCount: 1, backend: 'cpu', seconds: 1, diverged: true }
      : null,
    error: spec.state === 'failed' ? 'boom' : null,
    workerId: null,
    retryOf: null,
    replayedFrom: null,
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    heartbeatAt: '2025-01-02T03:04:05.000Z',
    confirmation: spec.confirmed ? makeConfirmation(...spec.confirmed) : null,
  }));
}

/**
 * A small study: front = #1 (cheap), #2, #4 (best EM); #0 and #3 dominated; #5 diverged (dominated); #6 failed;
 * #7 running. #2 is confirmed on the test part (160k tokens, test EM 0.85).
 */
export function sampleTrials(): TrialRecord[] {
  return makeTrials([
    { values: [400_000, 0.7], params: { 'stopping.rule': 'none', learningRate: 0.001, batchSize: 32 } },
    { values: [80_000, 0.6], params: { 'stopping.rule': 'patience', 'stopping.patience': 3, learningRate: 0.01, batchSize: 64 } },
    { values: [150_000, 0.9], params: { 'stopping.rule': 'threshold', 'stopping.target': 0.9, learningRate: 0.003, batchSize: 64 }, confirmed: [160_000, 0.85] },
    { values: [300_000, 0.85], params: { 'stopping.rule': 'plateau', learningRate: 0.002, batchSize: 128 } },
    { values: [600_000, 0.95], params: { 'stopping.rule': 'none', learningRate: 0.003, batchSize: 32 } },
    { values: [200_000, 0], params: { 'stopping.rule': 'none', learningRate: 0.03, batchSize: 16 }, diverged: true },
    { state: 'failed', params: { 'stopping.rule': 'none', learningRate: 0.02, batchSize: 16 } },
    { state: 'running', params: { 'stopping.rule': 'median', learningRate: 0.004, batchSize: 256 } },
  ]);
}
