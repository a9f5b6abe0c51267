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

port.on('message', async (request: WorkerRequest | WorkerCloseRequest) => {
  if (request.type === 'close') {
    // Tensors and variables are freed here, on this thread; closing the port lets the thread end on its own.
    runner?.dispose();
    runner = null;
    port.close();
    return;
  }
  const { id } = request;
  try {
    if (runner?.backend !== request.backend) {
      runner?.dispose();
      const { tf, backend } = await loadBackend(request.backend);
      runner = new FoldRunner(tf, backend);
    }
    const result = await runner.run(request.task, request.job, (event) => post({ type: 'evaluation', id, event }));
    post({ type: 'result', id, result });
  } catch (error) {
    post({
      type: 'error',
      id,
      message: error instanceof Error ? error.message : String(error),
      inputError: error instanceof InputError,
    });
  }
});
