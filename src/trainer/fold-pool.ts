import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import type { FoldResult } from './results.js';
import type { BackendName } from './backend.js';
import type { FoldJob } from './fold-job.js';
import type { TaskData } from './task-tensors.js';
import type { EvaluationEvent } from './train-run.js';

/** Pool → fold process: run one fold. */
export interface WorkerRunRequest {
  type: 'run';
  id: number;
  backend: BackendName;
  task: TaskData;
  job: FoldJob;
}

/** Pool → fold process: initialize a backend ('auto' chooses as `loadBackend` does) and say which one it is. */
export interface WorkerLoadRequest {
  type: 'load';
  id: number;
  prefer: 'auto' | BackendName;
}

export type WorkerRequest = WorkerRunRequest | WorkerLoadRequest;

/** Pool → fold process: release the backend and exit. */
export interface WorkerCloseRequest {
  type: 'close';
}

/** Fold process → pool. */
export type WorkerReply =
  | { type: 'evaluation'; id: number; event: EvaluationEvent }
  | { type: 'result'; id: number; result: FoldResult }
  | { type: 'loaded'; id: number; backend: BackendName; notes: string[] }
  | { type: 'error'; id: number; message: string; inputError: boolean };

/**
 * Child processes that each train one fold at a time; reusable across trials (tfjs loads once per process).
 *
 * Processes rather than worker threads: TensorFlow's native addon keeps process-wide state that several threads
 * of one process update at once (`tfjs-node` interns op attribute names in one unsynchronized global set), and
 * searches with threads ended now and then with a segmentation fault of the whole process. Separate processes
 * share nothing, and a fold process that crashes takes only its own job with it.
 */
export interface FoldPool {
  readonly size: number;
  /** Queues a fold; resolves with its result. Jobs run in any order; each result depends only on its job. */
  run(task: TaskData, job: FoldJob, backend: BackendName, onEvaluation?: (event: EvaluationEvent) => void): Promise<FoldResult>;
  /** Initializes a backend in a fold process (never in this one) and resolves with its name and the notes on its choice. */
  loadBackend(prefer: 'auto' | BackendName): Promise<{ backend: BackendName; notes: string[] }>;
  /** Ends the processes (queued and running jobs reject). */
  close(): Promise<void>;
}

export interface FoldPoolOptions {
  /**
   * Told when a fold process ended without being asked (a native crash, the kernel's out-of-memory killer) and
   * its job is run again on a fresh process. Default: a line on stderr.
   */
  onProcessLost?: (message: string) => void;
}

/**
 * A fold process that ends unasked (by a signal or an unexpected exit) gets its job run once more on a fresh
 * process: jobs are deterministic, so the rerun gives the result the first run would have. A second loss fails
 * the job with both reasons.
 */
const MAX_ATTEMPTS = 2;

interface Pending {
  request: WorkerRequest;
  attempts: number;
  failures: string[];
  onEvaluation?: (event: EvaluationEvent) => void;
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

/**
 * The fold process's module: compiled, fold-worker.js next to this file; run from the TypeScript sources, an entry
 * that registers tsx first (fold-worker-source-entry.mjs, which the build leaves out of dist/).
 */
const ENTRY = fileURLToPath(
  import.meta.url.endsWith('.ts') ? new URL('./fold-worker-source-entry.mjs', import.meta.url) : new URL('./fold-worker.js', import.meta.url),
);

/** How long a fold process may take to stop its job, release TensorFlow and exit before it is killed. */
const CLOSE_GRACE_MS = 30_000;
/** The end of a fold process's stderr kept to explain a crash. */
const STDERR_TAIL_BYTES = 2048;

interface FoldProcess {
  child: ChildProcess;
  stderrTail: string;
}

/** Lets this process exit while `child` is idle (or make it wait while `child` works). */
function setReferenced(child: ChildProcess, referenced: boolean): void {
  const handles = [child, child.channel, child.stderr] as ({ ref?(): void; unref?(): void } | null | undefined)[];
  for (const handle of handles) {
    if (referenced) handle?.ref?.();
    else handle?.unref?.();
  }
}

/** Asks a fold process to release its backend and exit; kills it if it has not within the grace period. */
function endProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  setReferenced(child, true);
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'close' } satisfies WorkerCloseRequest);
    else child.kill('SIGKILL');
  });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `ended by ${signal}` : `exited with code ${code}`;
}

/**
 * Fold processes worth starting for `folds` folds on `cores` cores: up to one more than cores, since 3 folds on 2
 * cores finish in 1.5 fold-times instead of 2 rounds (each fold trains on one TensorFlow thread); more processes
 * than that only add memory. 1 (train in this process) on one core.
 */
export function foldProcessCount(folds: number, cores = availableParallelism()): number {
  return cores > 1 ? Math.min(folds, cores + 1) : 1;
}

export function createFoldPool(size: number, options: FoldPoolOptions = {}): FoldPool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
  const onProcessLost = options.onProcessLost ?? ((message: string) => void process.stderr.write(`stopwise: ${message}\n`));
  // One process per core is the plan; TensorFlow's own intra-op threads on top oversubscribe the cores (measured:
  // 25 % more CPU time per token with 2 threads than 1 on this model). TensorFlow reads these variables when a
  // process's context starts; the fold processes inherit them unless the user chose otherwise.
  const environment = { ...process.env };
  environment.TF_NUM_INTRAOP_THREADS ??= '1';
  environment.TF_NUM_INTEROP_THREADS ??= '1';
  const queue: Pending[] = [];
  const idle: FoldProcess[] = [];
  const busy = new Map<FoldProcess, Pending>();
  const processes = new Set<FoldProcess>();
  let nextId = 0;
  let closed = false;

  const startProcess = (): void => {
    // 'advanced' serialization carries the task's Int32Arrays as they are; stdout is unused, stderr is passed on
    // (TensorFlow's own log lines) with its end kept to explain a crash.
    const child = fork(ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: environment, execArgv: [] });
    const worker: FoldProcess = { child, stderrTail: '' };
    processes.add(worker);
    child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      worker.stderrTail = (worker.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    child.on('message', (reply: WorkerReply) => {
      const pending = busy.get(worker);
      if (!pending || pending.request.id !== reply.id) return;
      if (reply.type === 'evaluation') {
        pending.onEvaluation?.(reply.event);
        return;
      }
      busy.delete(worker);
      if (reply.type === 'error') pending.reject(reply.inputError ? new InputError(reply.message) : new Error(reply.message));
      else pending.resolve(reply);
      idle.push(worker);
      setReferenced(child, false);
      dispatch();
    });
    const lost = (reason: string): void => {
      if (!processes.delete(worker)) return;
      const index = idle.indexOf(worker);
      if (index >= 0) idle.splice(index, 1);
      const pending = busy.get(worker);
      busy.delete(worker);
      if (closed) return;
      startProcess();
      if (pending) {
        const stderr = worker.stderrTail.trim().split('\n').slice(-3).join(' | ');
        pending.failures.push(`fold process ${reason}${stderr ? ` (stderr: ${stderr})` : ''}`);
        if (pending.attempts < MAX_ATTEMPTS) {
          onProcessLost(`a fold process ${reason}; its job runs again on a fresh process`);
          queue.unshift(pending);
        } else {
          pending.reject(new Error(pending.failures.join('; then ')));
        }
      }
      dispatch();
    };
    child.on('error', (error) => lost(`failed: ${error.message}`));
    // 'close' rather than 'exit': it comes after stderr has ended, so the tail is complete.
    child.on('close', (code, signal) => lost(describeExit(code, signal)));
    setReferenced(child, false);
    idle.push(worker);
  };

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const pending = queue.shift()!;
      pending.attempts++;
      busy.set(worker, pending);
      setReferenced(worker.child, true);
      worker.child.send(pending.request);
    }
  };

  const submit = (request: WorkerRequest, onEvaluation?: (event: EvaluationEvent) => void): Promise<WorkerReply> => {
    if (closed) return Promise.reject(new Error('fold pool is closed'));
    return new Promise<WorkerReply>((resolve, reject) => {
      queue.push({ request, attempts: 0, failures: [], onEvaluation, resolve, reject });
      dispatch();
    });
  };

  for (let i = 0; i < size; i++) startProcess();

  return {
    size,
    async run(task, job, backend, onEvaluation) {
      const reply = await submit({ type: 'run', id: nextId++, backend, task, job }, onEvaluation);
      if (reply.type !== 'result') throw new Error(`fold process answered a run with ${reply.type}`);
      return reply.result;
    },
    async loadBackend(prefer) {
      const reply = await submit({ type: 'load', id: nextId++, prefer });
      if (reply.type !== 'loaded') throw new Error(`fold process answered a load with ${reply.type}`);
      return { backend: reply.backend, notes: reply.notes };
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('fold pool closed'));
      const all = [...processes];
      processes.clear();
      for (const [, pending] of busy) pending.reject(new Error('fold pool closed'));
      busy.clear();
      await Promise.all(all.map((worker) => endProcess(worker.child)));
    },
  };
}
