/** Child processes of the multi-process storage tests (storage-child.ts), for the contract and backend tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CHILD = resolve(import.meta.dirname, 'storage-child.ts');
const REPO = resolve(import.meta.dirname, '../..');

export function startChild(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs the child to its end; resolves with its stdout lines, rejects on a non-zero exit. */
export function runChild(args: string[], child = startChild(args)): Promise<string[]> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolveRun, reject) => {
    child.on('close', (code) =>
      code === 0 ? resolveRun(stdout.trim().split('\n')) : reject(new Error(`child ${args[0]} exited ${code}: ${stderr}`)),
    );
  });
}

/** Runs `work` or `create` children that start together: each waits on stdin until all are up. */
export async function runWorkers(argsPerWorker: string[][]): Promise<string[][]> {
  const children = argsPerWorker.map((args) => startChild(args));
  const ready = children.map(
    (child) =>
      new Promise<void>((resolveReady) => {
        let seen = '';
        const listen = (chunk: Buffer) => {
          seen += chunk;
          if (seen.includes('ready\n')) {
            child.stdout!.off('data', listen);
            resolveReady();
          }
        };
        child.stdout!.on('data', listen);
      }),
  );
  const finished = children.map((child, i) => runChild(argsPerWorker[i], child));
  await Promise.race([Promise.all(ready), Promise.all(finished)]);
  for (const child of children) child.stdin!.end('go\n');
  return Promise.all(finished);
}

/** Starts the child, kills it with SIGKILL once `shouldKill(lines)` holds, resolves with the lines it printed. */
export function killChildWhen(args: string[], shouldKill: (lines: string[]) => boolean): Promise<string[]> {
  const child = startChild(args);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    if (shouldKill(completeLines(stdout))) child.kill('SIGKILL');
  });
  return new Promise((resolveRun, reject) => {
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolveRun(completeLines(stdout))
        : reject(new Error(`child ${args[0]} ended without being killed: ${stderr}`)),
    );
  });
}

export const completeLines = (text: string) => text.split('\n').slice(0, -1);

