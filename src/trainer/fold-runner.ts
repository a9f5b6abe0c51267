import type { BackendName, TfModule } from './backend.js';
import type { FoldJob } from './fold-job.js';
import type { FoldResult } from './results.js';
import { createTaskTensors, type TaskData, type TaskTensors } from './task-tensors.js';
import { trainRun, type EvaluationEvent } from './train-run.js';

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

  /** `cancelled` is polled between evaluations; once it returns true the run stops and rejects (see trainRun). */
  run(data: TaskData, job: FoldJob, onEvaluation?: (event: EvaluationEvent) => void, cancelled?: () => boolean): Promise<FoldResult> {
    if (this.cached?.key !== data.key) {
      this.cached?.tensors.dispose();
      this.cached = { key: data.key, tensors: createTaskTensors(this.tf, data) };
    }
    return trainRun({ tf: this.tf, data: this.cached.tensors, ...job, onEvaluation, cancelled });
  }

  dispose(): void {
    this.cached?.tensors.dispose();
    this.cached = null;
  }
}
