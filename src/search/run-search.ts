import { InputError, StoppedError } from '../errors.js';
import type { CompiledSpace, SpaceFile } from '../space/index.js';
import type { Params } from '../space/types.js';
import { createSampler } from '../samplers/index.js';
import { DEFAULT_TEST_FRACTION, MAX_TEST_FRACTION } from '../trainer/partition.js';
import type { Storage } from '../storage/index.js';
import type { AskContext, AskedTrial } from '../study/ask-recipes.js';
import { requeueDeadWorkers } from '../study/stale-trials.js';
import { runTrialLoop } from '../study/trial-loop.js';
import { currentWorkerId } from '../study/worker-identity.js';
import type { StudyRecord, TrialRecord, TrialResult } from '../storage/records.js';
import type { LearningCurve } from '../stopping/types.js';
import type { SearchControl, SearchListener } from './events.js';
import { createFailureStreak } from './failure-streak.js';

/** Evaluates one recipe over the folds (the trainer, or a fake in tests). */
export type RecipeEvaluator = (request: {
  params: Params;
  trialNumber: number;
  peersByFold: LearningCurve[][];
  onEvaluation: (fold: number, point: LearningCurve[number]) => void;
  onFoldFinished: (fold: TrialResult['folds'][number]) => Promise<void>;
}) => Promise<TrialResult>;

export interface SearchOptions {
  storage: Storage;
  spaceFile: SpaceFile;
  space: CompiledSpace;
  spaceHash: string;
  studyName: string;
  /** Complete trials wanted in total (across resumes and workers). */
  trials: number;
  seed: number;
  sampler: string;
  backend: string;
  backendNotes?: string[];
  /** Lines about the task's data split, shown when the study opens. */
  dataNotes?: string[];
  evaluate: RecipeEvaluator;
  listener?: SearchListener;
  control?: SearchControl;
  workerId?: string;
  /** A running trial whose heartbeat is older than this is stale (workers on other hosts). */
  staleAfterMs?: number;
  heartbeatMs?: number;
  /** How long to wait between polls while other workers finish the last trials. */
  pollMs?: number;
  meta?: Record<string, unknown>;
  /** Share of the task held out as the test part; a resumed study keeps its own (see studyTestFraction). */
  testFraction?: number;
}

export interface SearchOutcome {
  study: StudyRecord;
  complete: number;
  interrupted: boolean;
}

const OBJECTIVE_READERS: Record<string, (result: TrialResult) => { mean: number; se: number }> = {
  tokens: (result) => result.tokens,
  em: (result) => result.em,
};

/** Objectives a search measures: every trial's result has them. */
export const SEARCH_OBJECTIVE_NAMES: readonly string[] = Object.keys(OBJECTIVE_READERS);

/**
 * The test fraction a search on `existing` (null: a new study) uses: a study keeps the one it was created with, so
 * its test part never changes. Throws InputError when `requested` differs from it, or when the study predates the
 * test split (its trials were cross-validated over data that included what would now be the test part).
 */
export function studyTestFraction(existing: StudyRecord | null, requested: number | undefined): number {
  if (requested !== undefined && !(requested > 0 && requested <= MAX_TEST_FRACTION)) {
    throw new InputError(`--test-fraction: must be a number in (0, ${MAX_TEST_FRACTION}], got ${requested}`);
  }
  if (existing === null) return requested ?? DEFAULT_TEST_FRACTION;
  const stored = existing.meta.testFraction;
  if (typeof stored !== 'number') {
    throw new InputError(
      `--study ${existing.name}: this study was created without a test part (by an earlier stopwise), so none of its data is unseen; name a new study with --study`,
    );
  }
  if (requested !== undefined && requested !== stored) {
    throw new InputError(`--test-fraction: study ${existing.name} holds out ${stored} as its test part, not ${requested}; leave the flag out or name a new study`);
  }
  return stored;
}

/** Opens the study (creating it on first use) and checks it belongs to this search space. */
export async function openOrCreateStudy(options: Pick<SearchOptions, 'storage' | 'spaceFile' | 'spaceHash' | 'studyName' | 'seed' | 'sampler' | 'meta' | 'testFraction'>): Promise<{ study: StudyRecord; resumed: boolean }> {
  const { storage, spaceFile, spaceHash, studyName } = options;
  for (const objective of spaceFile.objectives) {
    if (!Object.hasOwn(OBJECTIVE_READERS, objective.name)) {
      throw new InputError(`objectives: unknown objective "${objective.name}" (a search trains recipes and measures: ${Object.keys(OBJECTIVE_READERS).join(', ')})`);
    }
  }
  const existing = await storage.getStudy(studyName);
  if (existing) {
    if (existing.spaceHash !== spaceHash) {
      throw new InputError(
        `--study ${studyName}: this study was created from a different search space (hash ${existing.spaceHash.slice(0, 12)}, this file ${spaceHash.slice(0, 12)}); name a new study with --study`,
      );
    }
    studyTestFraction(existing, options.testFraction);
    return { study: existing, resumed: true };
  }
  const testFraction = studyTestFraction(null, options.testFraction);
  try {
    const study = await storage.createStudy({
      name: studyName,
      space: spaceFile,
      spaceHash,
      objectives: spaceFile.objectives,
      sampler: options.sampler,
      seed: options.seed,
      refPoint: null,
      meta: { task: spaceFile.task, folds: spaceFile.folds, budget: spaceFile.budget, testFraction, ...options.meta },
    });
    return { study, resumed: false };
  } catch (error) {
    // Another worker may have created it a moment ago.
    const raced = await storage.getStudy(studyName);
    if (raced && raced.spaceHash === spaceHash) return { study: raced, resumed: true };
    throw error;
  }
}

/**
 * One worker's search: the study's optimize loop (`runTrialLoop`, as `Study.optimize` runs it) over persistent
 * storage with the trainer as the evaluation. Each trial is reserved (atomic across processes), asked its recipe
 * (or re-asked a stale trial's recipe), evaluated fold by fold, each fold committed as it ends, then told. Ends
 * when `trials` complete trials exist, or when a stop is requested.
 */
export async function runSearch(options: SearchOptions): Promise<SearchOutcome> {
  const { storage, space, spaceFile } = options;
  const workerId = options.workerId ?? currentWorkerId();
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const pollMs = options.pollMs ?? 1_000;
  const control = options.control ?? { stopRequested: false, paused: false };
  const emit: SearchListener = options.listener ?? (() => {});
  const failures = createFailureStreak();

  const { study, resumed } = await openOrCreateStudy(options);
  const context: AskContext = {
    storage,
    record: study,
    space,
    // The file's samplerOptions are part of its hash, so a resumed study always runs with the ones it began with.
    sampler: createSampler(options.sampler, { seed: options.seed, ...spaceFile.samplerOptions }),
    seed: options.seed,
  };
  const emitStale = (trials: TrialRecord[]) => emit({ type: 'stale', trials });
  const staled = await requeueDeadWorkers(storage, study.id, staleAfterMs);
  if (staled.length > 0) emitStale(staled);
  const completeAtStart = await storage.getTrials(study.id, { states: ['complete'] });
  emit({
    type: 'opened',
    study,
    trials: completeAtStart,
    resumed,
    complete: completeAtStart.length,
    target: options.trials,
    backend: options.backend,
    backendNotes: options.backendNotes ?? [],
    dataNotes: options.dataNotes ?? [],
    storageUrl: storage.url,
    budgetTokens: spaceFile.budget.maxTokensPerRun,
    folds: spaceFile.folds,
    task: spaceFile.task.name,
    seed: options.seed,
    workerId,
  });

  await runTrialLoop(
    context,
    {
      workerId,
      target: options.trials,
      staleAfterMs,
      heartbeatMs,
      pollMs,
      control,
      onStale: emitStale,
      onWaiting: (running) => emit({ type: 'waiting', running }),
    },
    trainTrial,
  );

  const complete = (await storage.getTrials(study.id, { states: ['complete'] })).length;
  emit({ type: 'done', complete, target: options.trials, interrupted: control.stopRequested && complete < options.trials });
  return { study, complete, interrupted: control.stopRequested && complete < options.trials };

  async function trainTrial(trial: AskedTrial): Promise<void> {
    emit({ type: 'trial-started', trial });
    try {
      const peersByFold = await peerCurves(storage, study.id, spaceFile.folds);
      const result = await options.evaluate({
        params: trial.params,
        trialNumber: trial.number,
        peersByFold,
        onEvaluation: (fold, point) =>
          emit({ type: 'evaluation', trialId: trial.id, fold, point, budgetTokens: spaceFile.budget.maxTokensPerRun }),
        onFoldFinished: async (fold) => {
          await storage.saveFold(trial.id, fold);
          emit({ type: 'fold-finished', trialId: trial.id, fold });
        },
      });
      const values = study.objectives.map((objective) => OBJECTIVE_READERS[objective.name](result).mean);
      const stderr = study.objectives.map((objective) => OBJECTIVE_READERS[objective.name](result).se);
      const accepted = await storage.finishTrial(trial.id, { state: 'complete', values, stderr, result });
      failures.succeeded();
      if (accepted) {
        const complete = (await storage.getTrials(study.id, { states: ['complete'] })).length;
        emit({ type: 'trial-finished', trial: { ...trial, state: 'complete', values, stderr, result }, complete, target: options.trials });
      }
    } catch (error) {
      // A storage that stayed unreachable ends the search at once (the trial turns stale and is asked again later).
      if (error instanceof StoppedError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // Failed, not left running: a rerun must not find (and re-ask) the same recipe again.
      await storage.finishTrial(trial.id, { state: 'failed', error: message });
      if (error instanceof InputError) throw error;
      emit({ type: 'trial-failed', trial: { ...trial, state: 'failed', error: message }, error: message });
      const stop = failures.failed(message);
      if (stop !== undefined) throw new StoppedError(stop);
    }
  }
}

/** Learning curves of complete trials, per fold: the peers the median rule compares against. */
async function peerCurves(storage: Storage, studyId: number, folds: number): Promise<LearningCurve[][]> {
  const byFold: LearningCurve[][] = Array.from({ length: folds }, () => []);
  for (const trial of await storage.getTrials(studyId, { states: ['complete'] })) {
    for (const fold of await storage.getFolds(trial.id)) {
      if (fold.fold < folds && !fold.diverged) byFold[fold.fold].push(fold.curve);
    }
  }
  return byFold;
}
