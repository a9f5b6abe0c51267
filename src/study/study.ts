import { InputError } from '../errors.js';
import { createRng } from '../random/rng.js';
import { createSampler, type Sampler, type SamplerName, type StudySnapshot, type TrialSnapshot } from '../samplers/index.js';
import { compileSpace } from '../space/index.js';
import type { CompiledSpace, ObjectiveSpec, Params, SpaceDefinition } from '../space/types.js';
import { paretoFront, studyHypervolume, type FrontEntry } from './front.js';
import { validateObjectiveNumbers, validateObjectives, validateRefPoint } from './validate.js';

export interface StudyOptions {
  /** A search-space definition (compiled here) or an already compiled space. */
  readonly space: SpaceDefinition | CompiledSpace;
  readonly objectives: readonly ObjectiveSpec[];
  /** A sampler name (default `gp-ehvi`) or an instance. */
  readonly sampler?: SamplerName | Sampler;
  /** Fixes every random choice: the same seed and the same asks and tells give the same recipes. Default 0. */
  readonly seed?: number;
  /** Hypervolume reference point in the objectives' own units; default: inferred from the observations. */
  readonly refPoint?: readonly number[] | null;
}

/** A recipe handed out by `ask`, to be evaluated and told back by id. */
export interface Trial {
  readonly id: number;
  readonly params: Params;
}

export interface TellOptions {
  /** Standard errors of the values (e.g. over folds), one per objective; the GP treats them as known noise. */
  readonly stderr?: readonly number[];
  /** `failed`: the evaluation did not produce values (they are then ignored). Default `complete`. */
  readonly state?: 'complete' | 'failed';
}

/** What an objective function returns: the values, or the values with their standard errors. */
export type ObjectiveResult = readonly number[] | { readonly values: readonly number[]; readonly stderr?: readonly number[] };

export interface OptimizeOptions {
  /** Trials to run in this call. */
  readonly trials: number;
  /** Evaluations in flight at once (each new ask treats the running ones as pending). Default 1. */
  readonly concurrency?: number;
  /**
   * If true, a throwing objective marks its trial failed and the loop goes on; otherwise (the default) the trial
   * is marked failed, no new trial starts, and optimize rejects with the error once the running ones finish.
   */
  readonly catchErrors?: boolean;
}

export interface Study {
  readonly space: CompiledSpace;
  readonly objectives: readonly ObjectiveSpec[];
  readonly refPoint: readonly number[] | null;
  readonly sampler: Sampler;
  /** A new trial with a recipe to evaluate. */
  ask(): Trial;
  /** `n` new trials, chosen together (a batch for parallel workers). */
  ask(n: number): Trial[];
  /** Reports a running trial's result. Throws InputError for an unknown id, a second tell, or bad values. */
  tell(id: number, values: readonly number[], options?: TellOptions): void;
  /** Complete trials not dominated by any other, sorted by the first objective. */
  front(): FrontEntry[];
  /** Hypervolume of the complete trials (two objectives; else, or before any result, null). */
  hypervolume(): number | null;
  /** Every trial so far, in ask order (copies). */
  trials(): readonly TrialSnapshot[];
  /** Asks, evaluates with `objective` and tells until `trials` more trials have finished; resolves to the front. */
  optimize(objective: (params: Params) => ObjectiveResult | Promise<ObjectiveResult>, options: OptimizeOptions): Promise<FrontEntry[]>;
}

interface MutableTrial {
  id: number;
  state: TrialSnapshot['state'];
  params: Params;
  values: number[] | null;
  stderr: number[] | null;
}

/**
 * An in-memory study: the typed ask/tell API (Optuna's `ask()`/`tell()` in spirit). The sampler sees read-only
 * snapshots; ids are 0, 1, 2, … in ask order. The random stream of each ask is derived from the seed and the
 * number of trials so far (as the persistent search does), so recipes depend on the history of asks and tells,
 * not on the clock.
 */
export function createStudy(options: StudyOptions): Study {
  const objectives = validateObjectives(options.objectives);
  const space = isCompiled(options.space) ? options.space : compileSpace(options.space, 'space');
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new InputError(`seed: expected an integer, got ${seed}`);
  const refPoint = options.refPoint == null ? null : validateRefPoint(options.refPoint, objectives);
  const sampler =
    typeof options.sampler === 'object' ? options.sampler : createSampler(options.sampler ?? 'gp-ehvi', { seed });
  const records: MutableTrial[] = [];

  const snapshotTrials = (): TrialSnapshot[] =>
    records.map((trial) => ({
      id: trial.id,
      state: trial.state,
      params: { ...trial.params },
      values: trial.values ? [...trial.values] : null,
      stderr: trial.stderr ? [...trial.stderr] : null,
    }));

  function askMany(count: number): Trial[] {
    if (!Number.isSafeInteger(count) || count < 1) throw new InputError(`ask: n must be a positive integer, got ${count}`);
    const snapshot: StudySnapshot = { space, objectives, trials: snapshotTrials(), refPoint };
    const rng = createRng(seed * 1_000_003 + records.length);
    const recipes = sampler.suggest(snapshot, count, rng);
    return recipes.map((params) => {
      const trial: MutableTrial = { id: records.length, state: 'running', params, values: null, stderr: null };
      records.push(trial);
      return { id: trial.id, params: { ...params } };
    });
  }

  function tell(id: number, values: readonly number[], tellOptions: TellOptions = {}): void {
    const trial = Number.isInteger(id) ? records[id] : undefined;
    if (!trial) throw new InputError(`tell: unknown trial id ${JSON.stringify(id) ?? String(id)}`);
    if (trial.state !== 'running') throw new InputError(`tell: trial ${id} was already told (${trial.state})`);
    const state = tellOptions.state ?? 'complete';
    if (state === 'failed') {
      trial.state = 'failed';
      return;
    }
    if (state !== 'complete') throw new InputError(`tell: trial ${id}: state must be "complete" or "failed", got ${JSON.stringify(state)}`);
    const checked = validateObjectiveNumbers(values, objectives, `tell: trial ${id}: values`, 'values');
    const stderr =
      tellOptions.stderr === undefined ? null : validateObjectiveNumbers(tellOptions.stderr, objectives, `tell: trial ${id}: stderr`, 'stderr');
    trial.values = checked;
    trial.stderr = stderr;
    trial.state = 'complete';
  }

  const study: Study = {
    space,
    objectives,
    refPoint,
    sampler,
    ask: ((count?: number) => (count === undefined ? askMany(1)[0] : askMany(count))) as Study['ask'],
    tell,
    front: () => paretoFront(records, objectives),
    hypervolume: () => studyHypervolume(records, objectives, refPoint),
    trials: snapshotTrials,
    async optimize(objective, optimizeOptions) {
      await optimizeLoop(study, objective, optimizeOptions);
      return study.front();
    },
  };
  return study;
}

function isCompiled(space: SpaceDefinition | CompiledSpace): space is CompiledSpace {
  return typeof (space as CompiledSpace).decode === 'function';
}

/** The optimize loop built on ask/tell: `concurrency` workers each ask one trial, evaluate it, tell it. */
async function optimizeLoop(
  study: Study,
  objective: (params: Params) => ObjectiveResult | Promise<ObjectiveResult>,
  options: OptimizeOptions,
): Promise<void> {
  const total = options.trials;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(total) || total < 0) throw new InputError(`optimize: trials must be a non-negative integer, got ${total}`);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InputError(`optimize: concurrency must be a positive integer, got ${concurrency}`);
  }
  let started = 0;
  let firstError: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (started < total && !firstError) {
      started++;
      const trial = study.ask();
      let result: ObjectiveResult;
      try {
        result = await objective(trial.params);
      } catch (error) {
        study.tell(trial.id, [], { state: 'failed' });
        if (!options.catchErrors) firstError ??= { error };
        continue;
      }
      const values = Array.isArray(result) ? (result as readonly number[]) : (result as { values: readonly number[] }).values;
      const stderr = Array.isArray(result) ? undefined : (result as { stderr?: readonly number[] }).stderr;
      try {
        study.tell(trial.id, values, { stderr });
      } catch (error) {
        study.tell(trial.id, [], { state: 'failed' });
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(total, 1)) }, worker));
  if (firstError) throw (firstError as { error: unknown }).error;
}
