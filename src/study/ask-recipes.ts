/**
 * The ask of every study, whatever runs it (the library's `Study`, `serve --stdio`, `search` and shared studies):
 * trials are reserved in the storage first, then the sampler forms the recipes of those reserved without one, and
 * the recipes are stored before anyone evaluates them.
 */
import type { Sampler, StudySnapshot } from '../samplers/sampler.js';
import type { CompiledSpace, Params } from '../space/types.js';
import type { ReserveOptions, Storage } from '../storage/types.js';
import { recipeKey } from '../samplers/space-domain.js';
import { trialRng } from './trial-rng.js';
import type { StudyRecord, TrialRecord } from '../storage/records.js';

/** A reserved trial whose recipe is set. */
export type AskedTrial = TrialRecord & { params: Params };

/** What the ask needs of a study: where it is stored, its record, its compiled space, sampler and seed. */
export interface AskContext {
  readonly storage: Storage;
  readonly record: StudyRecord;
  readonly space: CompiledSpace;
  readonly sampler: Sampler;
  /** The seed of trialRng. */
  readonly seed: number;
  /** How long an ask waits for the asks of earlier trials; default DEFAULT_EARLIER_ASKS_WAIT. */
  readonly earlierAsksWait?: EarlierAsksWait;
}

/**
 * Before asking, an ask waits until every earlier trial that is still running has its recipe stored, polling the
 * storage every `pollMs` for at most `timeoutMs`. Trial numbers are handed out in order, so asks then happen in
 * trial order and each sees the recipes of all earlier trials as pending: two workers cannot choose the same recipe
 * by asking at the same moment. A worker that died between reserving and asking holds the others up only until the
 * timeout; past it the ask goes ahead, and the re-ask check of askRecipes remains the guard.
 */
export interface EarlierAsksWait {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

/** Polls often (an ask takes milliseconds to seconds) and gives up well after a cold GP fit (3.6 s at n = 3,000, idle). */
export const DEFAULT_EARLIER_ASKS_WAIT: EarlierAsksWait = { pollMs: 10, timeoutMs: 30_000 };

/**
 * Reserves up to `count` trials (fewer once the reservation's target is reached) and asks their recipes. If the
 * ask fails (a sampler that finds no feasible recipe, say), the trials reserved for it are marked failed with the
 * error before it is rethrown, so that none is left running without a recipe.
 */
export async function reserveAndAsk(context: AskContext, count: number, options: ReserveOptions): Promise<AskedTrial[]> {
  const reserved: TrialRecord[] = [];
  for (let i = 0; i < count; i++) {
    const trial = await context.storage.reserveTrial(context.record.id, options);
    if (trial === null) break;
    reserved.push(trial);
  }
  try {
    return await askRecipes(context, reserved);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const trial of reserved.filter((each) => each.params === null)) {
      await context.storage.finishTrial(trial.id, { state: 'failed', error: message }).catch(() => false);
    }
    throw error;
  }
}

/**
 * Gives the `reserved` trials (in number order) their recipes and stores them. A retry of a stale trial keeps the
 * recipe it was reserved with. The others are suggested together, as one batch (the sampler treats the earlier
 * ones of the batch as pending), from the view of the first of them (`snapshotOf`) and the random stream of its
 * number (`trialRng`), so one trial asked alone gets what it gets as the first of a batch. The recipe is formed
 * here, once: derived values join it before it is stored, so what is stored is what is evaluated (and what `seed`
 * writes into a production config).
 */
/** Asks again at most this often when a concurrent ask for an earlier trial chose the same recipe. */
const MAX_CONCURRENT_REASKS = 3;
/** Offsets the random stream of a repeated ask from every trial's own (trial numbers stay far below it). */
const REASK_STREAM = 1_000_003;

export async function askRecipes(context: AskContext, reserved: readonly TrialRecord[]): Promise<AskedTrial[]> {
  const { storage, record, space, sampler, seed } = context;
  const asking = reserved.filter((trial) => trial.params === null);
  const recipes = new Map<number, Params>();
  if (asking.length > 0) {
    await waitForEarlierAsks(storage, record, asking[0].number, context.earlierAsksWait ?? DEFAULT_EARLIER_ASKS_WAIT);
    const snapshot = await snapshotOf(storage, record, space, asking[0].number);
    let sampled = sampler.suggest(snapshot, asking.length, trialRng(seed, asking[0].number));
    // Another worker asking for an earlier trial at the same moment saw neither recipe yet and may have chosen the
    // same one; if its recipe is stored by now, ask again with it in view (as pending), a few times at most.
    const unasked = new Set(snapshot.trials.filter((trial) => trial.params === null).map((trial) => trial.id));
    for (let again = 1; again <= MAX_CONCURRENT_REASKS && unasked.size > 0; again++) {
      const fresh = await snapshotOf(storage, record, space, asking[0].number);
      const concurrent = new Set(
        fresh.trials.filter((trial) => unasked.has(trial.id) && trial.params !== null).map((trial) => recipeKey(space, trial.params!)),
      );
      if (!sampled.some((params) => concurrent.has(recipeKey(space, params)))) break;
      sampled = sampler.suggest(fresh, asking.length, trialRng(seed, asking[0].number + again * REASK_STREAM));
    }
    for (const [i, trial] of asking.entries()) {
      const params = space.withDerived(sampled[i]);
      await storage.setTrialParams(trial.id, params);
      recipes.set(trial.id, params);
    }
  }
  return reserved.map((trial) => ({ ...trial, params: trial.params ?? recipes.get(trial.id)! }));
}

/** Resolves once no trial numbered before `asking` is running without a recipe, or after `wait.timeoutMs`. */
async function waitForEarlierAsks(storage: Storage, study: StudyRecord, asking: number, wait: EarlierAsksWait): Promise<void> {
  const giveUpAt = Date.now() + wait.timeoutMs;
  for (;;) {
    const trials = await storage.getTrials(study.id, { states: ['running'] });
    if (!trials.some((trial) => trial.number < asking && trial.params === null)) return;
    if (Date.now() >= giveUpAt) return;
    await new Promise((resolve) => setTimeout(resolve, wait.pollMs));
  }
}

/**
 * Read-only view of the study for the sampler asking trial `asking`: every trial numbered before it, complete ones
 * with values and running ones as pending. The asking trial and those reserved after it are left out, so the view
 * does not depend on how far other workers have got: trial k (0-based) sees k trials and the quasi-random design
 * gives it point k, even when several workers reserved their trials before any of them asked.
 */
export async function snapshotOf(storage: Storage, study: StudyRecord, space: CompiledSpace, asking: number): Promise<StudySnapshot> {
  const trials = (await storage.getTrials(study.id)).filter((t) => t.number < asking);
  return {
    space,
    objectives: study.objectives,
    refPoint: study.refPoint,
    // Stored recipes include derived values; the sampler works on the sampled part.
    trials: trials.map((t) => ({ id: t.id, state: t.state, params: t.params && space.sampledPart(t.params), values: t.values, stderr: t.stderr })),
  };
}
