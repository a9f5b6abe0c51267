import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import type { WorkerCloseRequest, WorkerReply, WorkerRequest } from '../../src/trainer/fold-pool.js';
import type { FoldJob } from '../../src/trainer/fold-job.js';
import type { TaskData } from '../../src/trainer/task-tensors.js';
import { trainingBackends } from './backends.js';

const ENTRY = new URL('../../src/trainer/fold-worker-source-entry.mjs', import.meta.url);
const [backend] = await trainingBackends();

it('a fold worker asked to close releases its backend and ends its thread by itself (exit code 0, not terminated)', async () => {
  const worker = new Worker(ENTRY);
  const exit = new Promise<number>((resolve) => worker.once('exit', resolve));
  // A job the worker cannot run still makes it load the backend first: the close below happens with it loaded.
  const reply = new Promise<WorkerReply>((resolve) => worker.once('message', resolve));
  const broken: WorkerRequest = { type: 'run', id: 1, backend, task: {} as TaskData, job: {} as FoldJob };
  worker.postMessage(broken);
  expect((await reply).type).toBe('error');
  worker.postMessage({ type: 'close' } satisfies WorkerCloseRequest);
  expect(await exit).toBe(0);
});
