/**
 * Body of a fold worker thread (started by fold-pool.ts, through fold-worker-source-entry.mjs when it runs from the
 * TypeScript sources): runs one fold job at a time on the backend the pool names, keeping the task's tensors between jobs.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { loadBackend } from './backend.js';
import { FoldRunner } from './fold-runner.js';
import type { WorkerCloseRequest, WorkerReply, WorkerRequest } from './fold-pool.js';

if (!parentPort) throw new Error('fold-worker must run in a worker thread');
const port = parentPort;
let runner: FoldRunner | null = null;
const post = (reply: WorkerReply): void => port.postMessage(reply);

let running = false;
let closing = false;

/** Frees tensors and variables on this thread; closing the port lets the thread end on its own. */
const finishClosing = (): void => {
  runner?.dispose();
  runner = null;
  port.close();
};

port.on('message', async (request: WorkerRequest | WorkerCloseRequest) => {
  if (request.type === 'close') {
    // A running job sees `closing` at its next yield and stops; the thread ends once it has unwound.
    closing = true;
    if (!running) finishClosing();
    return;
  }
  const { id } = request;
  running = true;
  try {
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
