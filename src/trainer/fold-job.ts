import type { StoppingConfig } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import type { FoldResult } from './results.js';
import type { BackendName, TfModule } from './backend.js';
import type { FoldSplit } from './folds.js';
import { createTaskTensors, type TaskData, type TaskTensors } from './task-tensors.js';
import { trainRun, type EvaluationEvent } from './train-run.js';
import type { TrainingConfig } from './training-config.js';

/** Everything one fold's run needs besides the task; plain data, so it crosses to a worker unchanged. */
export interface FoldJob {
  fold: number;
  split: FoldSplit;
  training: TrainingConfig;
  stopping: StoppingConfig;
  /** The run ends before its tokens (training + dev reads) would exceed this. */
  budgetTokens: number;
  /** Seeds weights, batch order and dropout. */
  seed: number;
  /** Other runs' curves on this fold, for the `median` rule. */
  peers?: readonly LearningCurve[];
  /**
   * Also measure held-out EM at every dev evaluation (reported in `onEvaluation`, not counted as tokens) so that a
   * benchmark can say what EM an earlier stop would have had. Never used for stopping decisions.
   */
  probeHeldOut?: boolean;
  /**
   * Benchmarks only: also measure EM on these examples (the task's test part) at every dev evaluation, reported in
   * `onEvaluation` and never used for stopping decisions or counted as tokens.
   */
  probeTestIdx?: Int32Array;
}

/**
 * Keeps one task's tensors alive between runs in one thread (uploading once per task, not per fold) and runs
 * fold jobs on them. Used by the in-process path and by each worker.
 */
export class FoldRunner {
  private cached: { key: string; tensors: TaskTensors } | null = null;

  constructor(
    private readonly tf: TfModule,
    readonly backend: BackendName,
  ) {}

  run(data: TaskData, job: FoldJob, onEvaluation?: (event: EvaluationEvent) => void): Promise<FoldResult> {
    if (this.cached?.key !== data.key) {
      this.cached?.tensors.dispose();
      this.cached = { key: data.key, tensors: createTaskTensors(this.tf, data) };
    }
    return trainRun({ tf: this.tf, data: this.cached.tensors, ...job, onEvaluation });
  }

  dispose(): void {
    this.cached?.tensors.dispose();
    this.cached = null;
  }
}
