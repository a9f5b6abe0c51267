/**
 * Body of a fold process (forked by fold-pool.ts, through fold-worker-source-entry.mjs when it runs from the
 * TypeScript sources): runs one fold job at a time on the backend the pool names, keeping the task's tensors
 * between jobs. It exits when the pool asks it to or when its channel to the pool closes (the pool's process ended).
 */
import { InputError } from '../errors.js';
import { loadBackend } from './backend.js';
import { FoldRunner } from './fold-runner.js';
import type { WorkerCloseRequest, WorkerReply, WorkerRequest } from './fold-pool.js';

if (!process.send) throw new Error('fold-worker must run in a process forked with an IPC channel');
let runner: FoldRunner | null = null;
/** Resolves once the last reply has been handed to the channel, so that exiting does not drop it. */
let lastSend: Promise<void> = Promise.resolve();
const post = (reply: WorkerReply): void => {
  if (!process.connected) return;
  lastSend = new Promise<void>((resolve) => process.send!(reply, undefined, {}, () => resolve()));
};

let running = false;
let closing = false;

/** Frees tensors and variables, then exits once the last reply is sent. */
const finishClosing = (): void => {
  runner?.dispose();
  runner = null;
  void lastSend.then(() => process.exit(0));
};

// The pool's process is gone (killed, or exited without closing the pool): nobody waits for this job.
process.on('disconnect', () => {
  closing = true;
  if (!running) finishClosing();
});

process.on('message', async (request: WorkerRequest | WorkerCloseRequest) => {
  if (request.type === 'close') {
    // A running job sees `closing` at its next yield and stops; the process exits once it has unwound.
    closing = true;
    if (!running) finishClosing();
    return;
  }
  const { id } = request;
  running = true;
  try {
    if (request.type === 'load') {
      const { backend, notes } = await loadBackend(request.prefer);
      post({ type: 'loaded', id, backend, notes });
      return;
    }
    if (runner?.backend !== request.backend) {
      runner?.dispose();
      const { tf, backend } = await loadBackend(request.backend);
      runner = new FoldRunner(tf, backend);
    }
    const result = await runner.run(request.task, request.job, (event) => post({ type: 'evaluation', id, event }), () => closing);
    post({ type: 'result', id, result });
  } catch (error) {
    post({
      type: 'error',
      id,
      message: error instanceof Error ? error.message : String(error),
      inputError: error instanceof InputError,
    });
  } finally {
    running = false;
    if (closing) finishClosing();
  }
});
