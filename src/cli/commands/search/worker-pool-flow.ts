import type { SearchControl, SearchEvent } from '../../../search/events.js';
import { openOrCreateStudy, trainedCount } from '../../../search/run-search.js';
import { searchCost } from '../../../search/search-cost.js';
import { runWorkerPool } from '../../../search/worker-pool.js';
import { passwordOutOfUrl } from '../../../storage/url.js';
import { confirmAtEnd } from './confirm-at-end.js';
import type { SearchContext, SearchSettings } from './context.js';
import { printFront, startUserOutput, type QuitSwitch } from './output.js';

/**
 * `stopwise search --workers N` (N > 1): N worker processes share the study through the storage; this process relays
 * their events to the user's output, forwards Ctrl-C / SIGTERM to them, and confirms the front once they are done.
 * Resolves with the worst worker exit code.
 */
export async function runWorkerPoolSearch(context: SearchContext): Promise<number> {
  const { settings, storage, io } = context;
  const control: SearchControl = { stopRequested: false, paused: false };
  const quit: QuitSwitch = { now: () => {} };
  const output = await startUserOutput(context, control, quit);
  // Workers find the study this process just created: whether it is new is this process's to say.
  const { resumed } = await openOrCreateStudy({
    storage,
    spaceFile: context.spaceFile,
    spaceHash: context.spaceHash,
    studyName: settings.studyName,
    seed: settings.seed,
    sampler: settings.sampler,
    testFraction: context.testFraction,
    meta: settings.meta,
  });
  let opened = false;
  // A PostgreSQL password reaches the workers in their environment, not on their command lines.
  const { url: storageUrl, password } = passwordOutOfUrl(settings.storageUrl);
  const pool = runWorkerPool({
    workers: settings.workers,
    args: workerArgs(settings, storageUrl),
    env: password === null ? io.env : { ...io.env, PGPASSWORD: password },
    // Every worker says 'opened' and 'done'; the session says each once.
    listener: (event: SearchEvent) => {
      if (event.type === 'opened') {
        if (opened) return;
        opened = true;
        output.listener({ ...event, resumed });
        return;
      }
      if (event.type !== 'done') output.listener(event);
    },
    // Workers' TensorFlow start-up chatter would tear the terminal UI; their own errors start with `stopwise:`.
    onStderr: (text) => {
      const shown = settings.useTui ? text.split('\n').filter((line) => line.startsWith('stopwise:')).join('\n') : text;
      if (shown.trim()) io.stderr.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    },
  });
  const onSignal = (signal: NodeJS.Signals) => pool.stop(signal);
  quit.now = onSignal;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const code = await pool.done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const study = await storage.getStudy(settings.studyName);
  const trials = study ? await storage.getTrials(study.id) : [];
  const complete = study ? await trainedCount(storage, study.id) : 0;
  // Workers that all ended well short of the target did so because the time limit passed (each keeps its own clock).
  const timeLimitReached = code === 0 && settings.timeLimitMinutes !== undefined && complete < settings.trials;
  const cost = searchCost(trials, context.spaceFile.folds);
  output.listener({ type: 'done', complete, target: settings.trials, interrupted: complete < settings.trials && !timeLimitReached, timeLimitReached, cost });
  if (code === 0 && settings.confirm && (complete >= settings.trials || timeLimitReached)) {
    const confirmer = await context.createEvaluator(true);
    try {
      await confirmAtEnd(context, confirmer, output.listener, control);
    } finally {
      await confirmer.close();
    }
  }
  await output.finish();
  if (output.printsFront) await printFront(context);
  return code;
}

/** argv of each worker: the same search, one process each, no confirmation (this process confirms). */
export function workerArgs(settings: SearchSettings, storageUrl: string): string[] {
  const args = ['search', settings.spacePath, '--study', settings.studyName, '--storage', storageUrl, '--trials', String(settings.trials)];
  args.push('--seed', String(settings.seed), '--sampler', settings.sampler, '--workers', '1', '--no-confirm');
  if (settings.backend !== 'auto') args.push('--backend', settings.backend);
  if (settings.noReplay) args.push('--no-replay');
  if (settings.timeLimitMinutes !== undefined) args.push('--time-limit', String(settings.timeLimitMinutes));
  return args;
}
