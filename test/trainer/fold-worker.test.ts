import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { WorkerCloseRequest, WorkerReply, WorkerRequest } from '../../src/trainer/fold-pool.js';
import { encodedTaskOf, foldJobs } from '../../src/trainer/cross-validate.js';
import type { FoldJob } from '../../src/trainer/fold-job.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import type { TaskData } from '../../src/trainer/task-tensors.js';
import { trainingBackends } from './backends.js';

const ENTRY = fileURLToPath(new URL('../../src/trainer/fold-worker-source-entry.mjs', import.meta.url));
const [backend] = await trainingBackends();

function startFoldProcess(): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = fork(ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exit };
}

it('a fold process asked to close releases its backend and exits by itself (exit code 0, not killed)', async () => {
  const { child, exit } = startFoldProcess();
  // A job the process cannot run still makes it load the backend first: the close below happens with it loaded.
  const reply = new Promise<WorkerReply>((resolve) => child.once('message', resolve));
  const broken: WorkerRequest = { type: 'run', id: 1, backend, task: {} as TaskData, job: {} as FoldJob };
  child.send(broken);
  expect((await reply).type).toBe('error');
  child.send({ type: 'close' } satisfies WorkerCloseRequest);
  expect(await exit).toEqual({ code: 0, signal: null });
});

it('a fold process asked to close in the middle of a job stops it at its next dev evaluation and exits by itself', async () => {
  const task = await createTask({ name: 'reverse', minLength: 3, maxLength: 4, alphabet: 'abcde', examples: 240, seed: 2 }, { baseDir: '.', source: 'test' });
  // A budget far beyond what the test waits for: only the close can end this job soon.
  const [job] = foldJobs({ task, folds: 2, seed: 3, budgetTokens: 50_000_000, params: { width: 32, batchSize: 32, 'stopping.rule': 'none', 'stopping.evalEvery': 2000 } });
  const { child, exit } = startFoldProcess();
  const replies: WorkerReply[] = [];
  const firstEvaluation = new Promise<void>((resolve) =>
    child.on('message', (reply: WorkerReply) => {
      replies.push(reply);
      if (reply.type === 'evaluation') resolve();
    }),
  );
  child.send({ type: 'run', id: 1, backend, task: encodedTaskOf(task).data, job } satisfies WorkerRequest);
  await firstEvaluation;
  child.send({ type: 'close' } satisfies WorkerCloseRequest);
  expect(await exit).toEqual({ code: 0, signal: null });
  expect(replies.at(-1)).toMatchObject({ type: 'error', id: 1, message: 'fold 0 was cancelled' });
});

it('a fold process whose pool process is gone (channel closed) exits instead of training on for nobody', async () => {
  const task = await createTask({ name: 'reverse', minLength: 3, maxLength: 4, alphabet: 'abcde', examples: 240, seed: 2 }, { baseDir: '.', source: 'test' });
  const [job] = foldJobs({ task, folds: 2, seed: 3, budgetTokens: 50_000_000, params: { width: 32, batchSize: 32, 'stopping.rule': 'none', 'stopping.evalEvery': 2000 } });
  const { child, exit } = startFoldProcess();
  const firstEvaluation = new Promise<void>((resolve) => child.on('message', (reply: WorkerReply) => reply.type === 'evaluation' && resolve()));
  child.send({ type: 'run', id: 1, backend, task: encodedTaskOf(task).data, job } satisfies WorkerRequest);
  await firstEvaluation;
  child.disconnect();
  expect(await exit).toEqual({ code: 0, signal: null });
});
