import type { SearchContext } from './context.js';
import { searchInThisProcess } from './in-process.js';
import { workerEventOutput } from './output.js';

/**
 * `stopwise search` started by a worker pool (WORKER_EVENTS_ENV set): trials one fold at a time (the pool's workers
 * already fill the cores) and prints every event as a JSON line; the parent confirms the front and talks to the user.
 */
export async function runAsPoolWorker(context: SearchContext): Promise<number> {
  const evaluator = await context.createEvaluator(false);
  await searchInThisProcess(context, {
    evaluator,
    output: workerEventOutput(context),
    control: { stopRequested: false, paused: false },
    quit: { now: () => {} },
    confirm: false,
    announceInterrupt: false,
  });
  return 0;
}
