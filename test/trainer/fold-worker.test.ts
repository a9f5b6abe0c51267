import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import type { WorkerCloseRequest, WorkerReply, WorkerRequest } from '../../src/trainer/fold-pool.js';
import { encodedTaskOf, foldJobs } from '../../src/trainer/cross-validate.js';
import type { FoldJob } from '../../src/trainer/fold-job.js';
import { createTask } from '../../src/trainer/tasks/index.js';
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

it('a fold worker asked to close in the middle of a job stops it at its next dev evaluation and ends by itself', async () => {
  const task = await createTask({ name: 'reverse', minLength: 3, maxLength: 4, alphabet: 'abcde', examples: 240, seed: 2 }, { baseDir: '.', source: 'test' });
  // A budget far beyond what the test waits for: only the close can end this job soon.
  const [job] = foldJobs({ task, folds: 2, seed: 3, budgetTokens: 50_000_000, params: { width: 32, batchSize: 32, 'stopping.rule': 'none', 'stopping.evalEvery': 2000 } });
  const worker = new Worker(ENTRY);
  const exit = new Promise<number>((resolve) => worker.once('exit', resolve));
  const replies: WorkerReply[] = [];
  const firstEvaluation = new Promise<void>((resolve) =>
    worker.on('message', (reply: WorkerReply) => {
      replies.push(reply);
      if (reply.type === 'evaluation') resolve();
    }),
  );
  worker.postMessage({ type: 'run', id: 1, backend, task: encodedTaskOf(task).data, job } satisfies WorkerRequest);
  await firstEvaluation;
  worker.postMessage({ type: 'close' } satisfies WorkerCloseRequest);
  expect(await exit).toBe(0);
  const last = replies.at(-1)!;
  expect(last).toMatchObject({ type: 'error', id: 1, message: 'fold 0 was cancelled' });
});
