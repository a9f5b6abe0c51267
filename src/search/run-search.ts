import { InputError, StoppedError } from '../errors.js';
import { createRng } from '../random/rng.js';
import type { CompiledSpace, SpaceFile } from '../space/index.js';
import type { Params } from '../space/types.js';
import { createSampler } from '../samplers/index.js';
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
export async function openOrCreateStudy(options: Pick<SearchOptions, 'storage' | 'spaceFile' | 'spaceHash' | 'studyName' | 'seed' | 'sampler' | 'meta'>): Promise<{ study: StudyRecord; resumed: boolean }> {
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
    return { study: existing, resumed: true };
  }
  try {
    const study = await storage.createStudy({
      name: studyName,
      space: spaceFile,
      spaceHash,
      objectives: spaceFile.objectives,
      sampler: options.sampler,
      seed: options.seed,
      refPoint: null,
      meta: { task: spaceFile.task, folds: spaceFile.folds, budget: spaceFile.budget, ...options.meta },
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
  const completeAtStart = (await storage.getTrials(study.id, { states: ['complete'] })).length;
  emit({
    type: 'opened',
    study,
    resumed,
    complete: completeAtStart,
    target: options.trials,
    backend: options.backend,
    backendNotes: options.backendNotes ?? [],
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

  async function askRecipe(reserved: TrialRecord): Promise<Params> {
    const snapshot = await snapshotOf(storage, study, space);
    // One stream per trial number: the recipe does not depend on which worker asks.
    const rng = createRng(options.seed * 1_000_003 + reserved.number);
    const [params] = sampler.suggest(snapshot, 1, rng);
    await storage.setTrialParams(reserved.id, params);
    return params;
  }

  async function runTrial(reserved: TrialRecord): Promise<void> {
    const params: Params = reserved.params ?? (await askRecipe(reserved));
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

/** Running trials of dead workers (same host: pid gone; elsewhere: heartbeat too old) become stale, to be re-asked. */
async function requeueDeadWorkers(storage: Storage, studyId: number, staleAfterMs: number, emit: SearchListener): Promise<void> {
  const running = await storage.getTrials(studyId, { states: ['running'] });
  const dead = running.filter((t) => isWorkerKnownDead(t.workerId));
  const staled: TrialRecord[] = [];
  for (const trial of dead) {
    if (await storage.markTrialStale(trial.id)) staled.push({ ...trial, state: 'stale' });
  }
  staled.push(...(await storage.markStale(studyId, staleAfterMs)));
  if (staled.length > 0) emit({ type: 'stale', trials: staled });
}

/** Read-only view of the study for the sampler: complete trials with values, running ones as pending. */
export async function snapshotOf(storage: Storage, study: StudyRecord, space: CompiledSpace): Promise<StudySnapshot> {
  const trials = await storage.getTrials(study.id);
  return {
    space,
    objectives: study.objectives,
    refPoint: study.refPoint,
    trials: trials.map((t) => ({ id: t.id, state: t.state, params: t.params, values: t.values, stderr: t.stderr })),
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
