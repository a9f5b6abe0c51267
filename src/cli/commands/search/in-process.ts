import type { SearchControl, SearchListener } from '../../../search/events.js';
import { runSearch, trainedCount } from '../../../search/run-search.js';
import type { TrainerEvaluator } from '../../../search/trainer-evaluator.js';
import { write } from '../../io.js';
import { confirmAtEnd } from './confirm-at-end.js';
import type { SearchContext } from './context.js';
import type { QuitSwitch, SearchOutput } from './output.js';

export interface InProcessRun {
  evaluator: TrainerEvaluator;
  output: SearchOutput;
  control: SearchControl;
  /** Pointed at this run's interrupt for the terminal UI's second Ctrl-C. */
  quit: QuitSwitch;
  /** Confirm the front on the test part after a search that was not interrupted. */
  confirm: boolean;
  /** After an interrupt, tell the user on stderr how to resume (a pool worker leaves that to its parent). */
  announceInterrupt: boolean;
}

/**
 * Trials in this process until the study has its trials, then the confirmation if wanted; closes the evaluator and
 * finishes the output. Ctrl-C / SIGTERM abandons the running trial (it is marked stale and re-asked on resume;
 * finished folds and trials are already committed), reports the end, and exits with 130 / 143.
 */
export async function searchInThisProcess(context: SearchContext, run: InProcessRun): Promise<void> {
  const { storage, settings } = context;
  const { evaluator, output, control } = run;
  let runningTrialId: number | null = null;
  const tracking: SearchListener = (event) => {
    if (event.type === 'trial-started') runningTrialId = event.trial.id;
    if (event.type === 'trial-finished' || event.type === 'trial-pruned' || event.type === 'trial-failed') runningTrialId = null;
    output.listener(event);
  };
  let quitting = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (quitting) return;
    quitting = true;
    control.stopRequested = true;
    const abandon = runningTrialId === null ? Promise.resolve(false) : storage.markTrialStale(runningTrialId);
    abandon
      .catch(() => false)
      .then(async () => {
        // The last event even on interrupt: `--json` readers (and the terminal UI's final frame) see how it ended.
        const study = await storage.getStudy(settings.studyName).catch(() => null);
        const complete = study ? await trainedCount(storage, study.id) : 0;
        output.listener({ type: 'done', complete, target: settings.trials, interrupted: true });
        await output.finish();
        if (run.announceInterrupt) await write(context.io.stderr, `stopwise: interrupted; finished trials are saved, run the same command to resume\n`);
        await storage.close();
        // Fold threads stop at their next dev evaluation and end before the process does: exiting with a thread
        // inside TensorFlow can crash the process on its way out.
        await evaluator.close().catch(() => {});
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
  };
  run.quit.now = onSignal;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const outcome = await runSearch({
      storage,
      spaceFile: context.spaceFile,
      space: context.space,
      spaceHash: context.spaceHash,
      studyName: settings.studyName,
      trials: settings.trials,
      seed: settings.seed,
      sampler: settings.sampler,
      testFraction: context.testFraction,
      meta: settings.meta,
      backend: evaluator.backend,
      backendNotes: evaluator.notes,
      dataNotes: evaluator.dataNotes,
      evaluate: evaluator.evaluate,
      listener: tracking,
      control,
      replay: settings.replay,
      ...(settings.timeLimitMinutes !== undefined ? { timeLimitMs: settings.timeLimitMinutes * 60_000 } : {}),
    });
    if (run.confirm && !outcome.interrupted && !control.stopRequested) await confirmAtEnd(context, evaluator, output.listener, control);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await evaluator.close();
    await output.finish();
  }
}
