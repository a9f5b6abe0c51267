import { InputError, StoppedError } from '../errors.js';
import { createRng } from '../random/rng.js';
import type { CompiledSpace, SpaceFile } from '../space/index.js';
import type { Params } from '../space/types.js';
import { createSampler, type Sampler } from '../samplers/index.js';
import { DEFAULT_TEST_FRACTION, MAX_TEST_FRACTION } from '../trainer/partition.js';
import type { StudySnapshot } from '../samplers/sampler.js';
import type { Storage } from '../storage/index.js';
import type { StudyRecord, TrialRecord, TrialResult } from '../study/types.js';
import type { LearningCurve } from '../stopping/types.js';
import type { SearchControl, SearchListener } from './events.js';
import { createFailureStreak } from './failure-streak.js';
import { currentWorkerId, isWorkerKnownDead } from './worker-identity.js';

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

/** Opens the study (creating it on first use) and checks it belongs to this search space. */
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
 * One worker's search loop, ask/tell over persistent storage: reserve a trial slot (atomic across processes),
 * ask the sampler for its recipe (or re-ask a stale trial's recipe), evaluate it fold by fold, committing each
 * fold as it ends, then tell the result. Ends when `trials` complete trials exist.
 */
export async function runSearch(options: SearchOptions): Promise<SearchOutcome> {
  const { storage, space, spaceFile } = options;
  const workerId = options.workerId ?? currentWorkerId();
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const pollMs = options.pollMs ?? 1_000;
  const control = options.control ?? { stopRequested: false, paused: false };
  const emit: SearchListener = options.listener ?? (() => {});
  const sampler = createSampler(options.sampler, { seed: options.seed });
  const failures = createFailureStreak();

  const { study, resumed } = await openOrCreateStudy(options);
  await requeueDeadWorkers(storage, study.id, staleAfterMs, emit);
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

  while (!control.stopRequested) {
    if (control.paused) {
      await sleep(pollMs);
      continue;
    }
    const trial = await storage.reserveTrial(study.id, { workerId, target: options.trials });
    if (!trial) {
      const trials = await storage.getTrials(study.id, { states: ['running', 'complete'] });
      const running = trials.filter((t) => t.state === 'running');
      if (running.length === 0) break;
      // Other workers hold the last slots: wait for them, and take over the slots of any that died.
      emit({ type: 'waiting', running: running.length });
      await sleep(pollMs);
      await requeueDeadWorkers(storage, study.id, staleAfterMs, emit);
      continue;
    }
    await runTrial(trial);
  }

  const complete = (await storage.getTrials(study.id, { states: ['complete'] })).length;
  emit({ type: 'done', complete, target: options.trials, interrupted: control.stopRequested && complete < options.trials });
  return { study, complete, interrupted: control.stopRequested && complete < options.trials };

  async function runTrial(reserved: TrialRecord): Promise<void> {
    const params: Params = reserved.params ?? (await askStoredRecipe(storage, study, space, sampler, options.seed, reserved));
    const trial: TrialRecord = { ...reserved, params };
    emit({ type: 'trial-started', trial });

    const heartbeat = setInterval(() => {
      storage.heartbeat(trial.id).catch(() => {});
    }, heartbeatMs);
    heartbeat.unref();
    try {
      const peersByFold = await peerCurves(storage, study.id, spaceFile.folds);
      const result = await options.evaluate({
        params,
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
    } finally {
      clearInterval(heartbeat);
    }
  }
}

/**
 * Asks the sampler for the recipe of a trial reserved without one, and stores it. The sampler sees every trial of
 * the study, running ones as pending (its Kriging believer), so workers do not evaluate the same recipe.
 */
export async function askStoredRecipe(
  storage: Storage,
  study: StudyRecord,
  space: CompiledSpace,
  sampler: Sampler,
  seed: number,
  reserved: TrialRecord,
): Promise<Params> {
  const snapshot = await snapshotOf(storage, study, space, reserved.number);
  // One stream per trial number: the recipe does not depend on which worker asks.
  const rng = createRng(seed * 1_000_003 + reserved.number);
  const [sampled] = sampler.suggest(snapshot, 1, rng);
  // The recipe is formed here, once: derived values join it before it is stored, so what is stored is what trains
  // (and what `seed` writes into a production config).
  const params = space.withDerived(sampled);
  await storage.setTrialParams(reserved.id, params);
  return params;
}

/** Running trials of dead workers (same host: pid gone; elsewhere: heartbeat too old) become stale, to be re-asked. */
export async function requeueDeadWorkers(storage: Storage, studyId: number, staleAfterMs: number, emit: SearchListener): Promise<void> {
  const running = await storage.getTrials(studyId, { states: ['running'] });
  const dead = running.filter((t) => isWorkerKnownDead(t.workerId));
  const staled: TrialRecord[] = [];
  for (const trial of dead) {
    if (await storage.markTrialStale(trial.id)) staled.push({ ...trial, state: 'stale' });
  }
  staled.push(...(await storage.markStale(studyId, staleAfterMs)));
  if (staled.length > 0) emit({ type: 'stale', trials: staled });
}

/**
 * Read-only view of the study for the sampler asking trial `asking`: every trial numbered up to it, complete ones with
 * values and running ones as pending. Trials reserved after it are left out, so the view does not depend on how
 * far other workers have got: trial k of the study is the k-th ask (the quasi-random design gives it the k-th point),
 * even when several workers reserved their trials before any of them asked.
 */
export async function snapshotOf(storage: Storage, study: StudyRecord, space: CompiledSpace, asking: number): Promise<StudySnapshot> {
  const trials = (await storage.getTrials(study.id)).filter((t) => t.number <= asking);
  return {
    space,
    objectives: study.objectives,
    refPoint: study.refPoint,
    // Stored recipes include derived values; the sampler works on the sampled part.
    trials: trials.map((t) => ({ id: t.id, state: t.state, params: t.params && space.sampledPart(t.params), values: t.values, stderr: t.stderr })),
  };
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
