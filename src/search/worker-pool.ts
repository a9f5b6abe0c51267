import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SearchEvent, SearchListener } from './events.js';

const CLI_ENTRY = fileURLToPath(new URL('../../bin/stopwise.js', import.meta.url));

/** Environment flag that makes a `search` process print every SearchEvent as one JSON line (worker mode). */
export const WORKER_EVENTS_ENV = 'STOPWISE_WORKER_EVENTS';

export interface WorkerPoolOptions {
  workers: number;
  /** argv for each worker's `stopwise search …` (without the executable). */
  args: string[];
  env: NodeJS.ProcessEnv;
  listener: SearchListener;
  onStderr: (text: string) => void;
}

/**
 * Runs N worker processes on one study (the storage arbitrates which trial each takes) and relays their events.
 * Resolves with the worst exit code (0 if all succeeded).
 */
export function runWorkerPool(options: WorkerPoolOptions): { done: Promise<number>; stop: (signal: NodeJS.Signals) => void } {
  const children: ChildProcess[] = [];
  const exits: Promise<number>[] = [];
  for (let index = 0; index < options.workers; index++) {
    const child = spawn(process.execPath, [CLI_ENTRY, ...options.args], {
      env: { ...options.env, [WORKER_EVENTS_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        options.listener(JSON.parse(line) as SearchEvent);
      } catch {
        options.onStderr(`worker ${index}: ${line}\n`);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => options.onStderr(chunk.toString()));
    exits.push(
      new Promise((resolve) => {
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
        child.on('error', () => resolve(1));
      }),
    );
  }
  return {
    done: Promise.all(exits).then((codes) => Math.max(0, ...codes)),
    stop: (signal) => {
      for (const child of children) if (child.exitCode === null) child.kill(signal);
    },
  };
}
