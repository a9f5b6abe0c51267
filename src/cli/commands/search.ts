import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { buildFrontReport } from '../../export/front-report.js';
import { hashSpace } from '../../space/index.js';
import { loadSearchSpaceFile } from '../../search/check-space-file.js';
import { confirmFront } from '../../search/confirm-front.js';
import type { SearchControl, SearchEvent, SearchListener } from '../../search/events.js';
import { frontLines } from '../../search/front-lines.js';
import { createLineReporter } from '../../search/line-reporter.js';
import { openOrCreateStudy, runSearch, studyTestFraction } from '../../search/run-search.js';
import { createTrainerEvaluator, loadSearchTask } from '../../search/trainer-evaluator.js';
import { runWorkerPool, WORKER_EVENTS_ENV } from '../../search/worker-pool.js';
import { explainStorageError, openStorage } from '../../storage/index.js';
import { write, type CommandIo } from '../io.js';
import { positiveInteger, type ParsedCommandLine } from '../parse-args.js';
import { resolveSpacePath } from '../resolve-space.js';

const SAMPLERS = ['gp-ehvi', 'random', 'sobol'];

/** `stopwise search`: run or resume a study until N trials are complete, then confirm its front. */
export async function searchCommand(parsed: ParsedCommandLine, io: CommandIo): Promise<number> {
  const spacePath = resolveSpacePath(parsed.positionals[0], io.cwd);
  const trials = positiveInteger(parsed, 'trials');
  const workers = positiveInteger(parsed, 'workers');
  const sampler = String(parsed.options.sampler);
  if (!SAMPLERS.includes(sampler)) throw new InputError(`--sampler: unknown sampler "${sampler}" (expected ${SAMPLERS.join(', ')})`);
  const { file: spaceFile, space } = await loadSearchSpaceFile(spacePath);
  const spaceHash = hashSpace(spaceFile);
  const studyName = (parsed.options.study as string | undefined) ?? spaceFile.name;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(studyName)) throw new InputError(`--study: must not contain control characters (got ${JSON.stringify(studyName)})`);
  const seed = (parsed.options.seed as number | undefined) ?? spaceFile.seed ?? 0;
  const storageUrl = String(parsed.options.storage);
  const workerMode = io.env[WORKER_EVENTS_ENV] === '1';
  const json = Boolean(parsed.options.json);
  // Under CI (CI set, as CI services do) ink draws only a final frame, so lines serve better even on a TTY.
  const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some((key) => key in io.env && io.env[key] !== '0' && io.env[key] !== 'false');
  const useTui = !workerMode && !json && !parsed.options['no-tui'] && Boolean(io.stdout.isTTY) && !inCi;
  const confirmRepeats = positiveInteger(parsed, 'confirm-seeds');
  // Confirmation runs once, in the process the user started (not in each worker of --workers).
  const confirmAtEnd = !parsed.options['no-confirm'] && !workerMode;
  const meta = { spacePath: resolve(io.cwd, spacePath) };
  const requestedTestFraction = parsed.options['test-fraction'] as number | undefined;
  studyTestFraction(null, requestedTestFraction);

  // The task is checked against the folds before the storage is opened: a refused file leaves nothing behind.
  const task = await loadSearchTask(spaceFile, spacePath, seed, requestedTestFraction);
  const storage = await openStorage(storageUrl);
  try {
    return await runWithStorage();
  } catch (error) {
    throw explainStorageError(error, storage.url);
  } finally {
    await storage.close();
  }

  async function runWithStorage(): Promise<number> {
    const testFraction = studyTestFraction(await storage.getStudy(studyName), requestedTestFraction);
    const createEvaluator = (parallelFolds: boolean) =>
      createTrainerEvaluator({
        spaceFile,
        spacePath,
        seed,
        testFraction,
        backend: (parsed.options.backend as string | undefined) ?? 'auto',
        parallelFolds,
        task,
      });
    // Load TensorFlow before the terminal UI starts: the native library prints its start-up lines on stderr once.
    // Folds in parallel only when this process is the only worker: otherwise the workers already fill the cores.
    const evaluator = workers > 1 ? null : await createEvaluator(!workerMode);
    const control: SearchControl = { stopRequested: false, paused: false };
    // Set once the search runs: what SIGINT, SIGTERM or a second Ctrl-C in the terminal UI does.
    let quitNow: (signal: NodeJS.Signals) => void = () => {};
    // Line output ends with the front, as `show` prints it (the terminal UI shows it on screen; JSON lines do not).
    const printsFront = !workerMode && !useTui && !json;
    const printFront = async () => {
      const study = await storage.getStudy(studyName);
      if (!study) return;
      await write(io.stdout, `${frontLines(buildFrontReport(study, await storage.getTrials(study.id))).join('\n')}\n`);
    };
    let listener: SearchListener;
    let finishUi: () => Promise<void> = async () => {};
    if (workerMode) {
      listener = (event) => io.stdout.write(`${JSON.stringify(event)}\n`);
    } else if (useTui) {
      const { startSearchUi } = await import('../../tui/start-search-ui.js');
      const ui = startSearchUi({ io, control, storage, studyName, onQuitNow: () => quitNow('SIGINT') });
      listener = ui.listener;
      finishUi = ui.finish;
    } else {
      listener = createLineReporter((text) => io.stdout.write(text), { json });
    }

    /** Confirms the front on the test part, in the same listener as the search; skipped after an interruption. */
    const confirmIfWanted = async (interrupted: boolean, confirmer: NonNullable<typeof evaluator>): Promise<void> => {
      if (!confirmAtEnd || interrupted) return;
      const study = await storage.getStudy(studyName);
      if (!study) return;
      await confirmFront({ storage, study, confirm: confirmer.confirm, repeats: confirmRepeats, listener, shouldStop: () => control.stopRequested });
    };

    if (workers > 1) {
      // Workers find the study this process just created: whether it is new is this process's to say.
      const { resumed } = await openOrCreateStudy({ storage, spaceFile, spaceHash, studyName, seed, sampler, testFraction, meta });
      const args = ['search', spacePath, '--study', studyName, '--storage', storageUrl, '--trials', String(trials), '--seed', String(seed), '--sampler', sampler, '--workers', '1', '--no-confirm'];
      if (parsed.options.backend) args.push('--backend', String(parsed.options.backend));
      let opened = false;
      const pool = runWorkerPool({
        workers,
        args,
        env: io.env,
        // Every worker says 'opened' and 'done'; the session says each once.
        listener: (event: SearchEvent) => {
          if (event.type === 'opened') {
            if (opened) return;
            opened = true;
            listener({ ...event, resumed });
            return;
          }
          if (event.type !== 'done') listener(event);
        },
        // Workers' TensorFlow start-up chatter would tear the terminal UI; their own errors start with `stopwise:`.
        onStderr: (text) => {
          const shown = useTui ? text.split('\n').filter((line) => line.startsWith('stopwise:')).join('\n') : text;
          if (shown.trim()) io.stderr.write(shown.endsWith('\n') ? shown : `${shown}\n`);
        },
      });
      const onSignal = (signal: NodeJS.Signals) => pool.stop(signal);
      quitNow = onSignal;
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const code = await pool.done;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const study = await storage.getStudy(studyName);
      const complete = study ? (await storage.getTrials(study.id, { states: ['complete'] })).length : 0;
      listener({ type: 'done', complete, target: trials, interrupted: complete < trials });
      if (code === 0 && confirmAtEnd && complete >= trials) {
        const confirmer = await createEvaluator(true);
        try {
          await confirmIfWanted(false, confirmer);
        } finally {
          await confirmer.close();
        }
      }
      await finishUi();
      if (printsFront) await printFront();
      return code;
    }

    // Ctrl-C / SIGTERM: abandon the running trial (it is marked stale and re-asked on resume); finished folds and
    // trials are already committed.
    let runningTrialId: number | null = null;
    const tracking: SearchListener = (event) => {
      if (event.type === 'trial-started') runningTrialId = event.trial.id;
      if (event.type === 'trial-finished' || event.type === 'trial-failed') runningTrialId = null;
      listener(event);
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
          const study = await storage.getStudy(studyName).catch(() => null);
          const complete = study ? (await storage.getTrials(study.id, { states: ['complete'] })).length : 0;
          listener({ type: 'done', complete, target: trials, interrupted: true });
          await finishUi();
          if (!workerMode) await write(io.stderr, `stopwise: interrupted; finished trials are saved, run the same command to resume\n`);
          await storage.close();
          process.exit(signal === 'SIGINT' ? 130 : 143);
        });
    };
    quitNow = onSignal;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const outcome = await runSearch({
        storage,
        spaceFile,
        space,
        spaceHash,
        studyName,
        trials,
        seed,
        sampler,
        testFraction,
        meta,
        backend: evaluator!.backend,
        backendNotes: evaluator!.notes,
        dataNotes: evaluator!.dataNotes,
        evaluate: evaluator!.evaluate,
        listener: tracking,
        control,
      });
      await confirmIfWanted(outcome.interrupted || control.stopRequested, evaluator!);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await evaluator!.close();
      await finishUi();
    }
    if (printsFront) await printFront();
    return 0;
  }
}
