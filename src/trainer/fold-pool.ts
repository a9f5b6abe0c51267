import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { FoldResult } from './results.js';
import type { BackendName } from './backend.js';
import type { FoldJob } from './fold-job.js';
import type { TaskData } from './task-tensors.js';
import type { EvaluationEvent } from './train-run.js';

/** Main thread → worker: run one fold. */
export interface WorkerRequest {
  type: 'run';
  id: number;
  backend: BackendName;
  task: TaskData;
  job: FoldJob;
}

/** Main thread → worker: release the backend and end the thread. */
export interface WorkerCloseRequest {
  type: 'close';
}

/** Worker → main thread. */
export type WorkerReply =
  | { type: 'evaluation'; id: number; event: EvaluationEvent }
  | { type: 'result'; id: number; result: FoldResult }
  | { type: 'error'; id: number; message: string; inputError: boolean };

/** Worker threads that each train one fold at a time; reusable across trials (tfjs loads once per worker). */
export interface FoldPool {
  readonly size: number;
  /** Queues a fold; resolves with its result. Jobs run in any order; each result depends only on its job. */
  run(task: TaskData, job: FoldJob, backend: BackendName, onEvaluation?: (event: EvaluationEvent) => void): Promise<FoldResult>;
  /** Ends the workers (running jobs reject). */
  close(): Promise<void>;
}

interface Pending {
  request: WorkerRequest;
  onEvaluation?: (event: EvaluationEvent) => void;
  resolve: (result: FoldResult) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's module: compiled, fold-worker.js next to this file; run from the TypeScript sources, an entry that
 * registers tsx first (fold-worker-source-entry.mjs, which the build leaves out of dist/).
 */
const ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./fold-worker-source-entry.mjs', import.meta.url)
  : new URL('./fold-worker.js', import.meta.url);

/** How long a worker may take to stop its job, release TensorFlow and end before it is terminated. */
const CLOSE_GRACE_MS = 30_000;

/**
 * Ends a worker by asking it to free its backend and let its thread finish, rather than terminating it: terminating
 * a thread tears down TensorFlow's per-thread native state at an arbitrary point, in the middle of a kernel if a
 * job is running (a segmentation fault of the whole process). A running job stops at its next dev evaluation.
 * A worker that has not ended within the grace period is terminated after all.
 */
function endWorker(worker: Worker): Promise<void> {
  // Referenced until it ends: an idle worker is unreferenced, and the process must not exit while it winds down.
  worker.ref();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: 'close' } satisfies WorkerCloseRequest);
  });
}

export function createFoldPool(size: number): FoldPool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
  // One worker per core is the plan; TensorFlow's own intra-op threads on top oversubscribe the cores (measured:
  // 25 % more CPU time per token with 2 threads than 1 on this model). TensorFlow reads these variables from the
  // process environment when a worker's context starts, so they are set here unless the user chose otherwise.
  process.env.TF_NUM_INTRAOP_THREADS ??= '1';
  process.env.TF_NUM_INTEROP_THREADS ??= '1';
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const workers = new Set<Worker>();
  let nextId = 0;
  let closed = false;

  const startWorker = (): void => {
    const worker = new Worker(ENTRY);
    workers.add(worker);
    worker.on('message', (reply: WorkerReply) => {
      const pending = busy.get(worker);
      if (!pending || pending.request.id !== reply.id) return;
      if (reply.type === 'evaluation') {
        pending.onEvaluation?.(reply.event);
        return;
      }
      busy.delete(worker);
      if (reply.type === 'result') pending.resolve(reply.result);
      else pending.reject(reply.inputError ? new InputError(reply.message) : new Error(reply.message));
      idle.push(worker);
      worker.unref();
      dispatch();
    });
    const fail = (error: Error): void => {
      workers.delete(worker);
      const index = idle.indexOf(worker);
      if (index >= 0) idle.splice(index, 1);
      const pending = busy.get(worker);
      busy.delete(worker);
      pending?.reject(new Error(`fold worker failed: ${error.message}`));
      if (!closed) {
        startWorker();
        dispatch();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (workers.has(worker)) fail(new Error(`exited with code ${code}`));
    });
    worker.unref();
    idle.push(worker);
  };

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const pending = queue.shift()!;
      busy.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.request);
    }
  };

  for (let i = 0; i < size; i++) startWorker();

  return {
    size,
    run(task, job, backend, onEvaluation) {
      if (closed) return Promise.reject(new Error('fold pool is closed'));
      return new Promise<FoldResult>((resolve, reject) => {
        queue.push({ request: { type: 'run', id: nextId++, backend, task, job }, onEvaluation, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('fold pool closed'));
      const all = [...workers];
      workers.clear();
      for (const [, pending] of busy) pending.reject(new Error('fold pool closed'));
      busy.clear();
      await Promise.all(all.map(endWorker));
    },
  };
}
