import { InputError } from '../errors.js';
import { createSampler, type Sampler, type SamplerName, type TrialSnapshot } from '../samplers/index.js';
import { checkSamplerSettings, compileSpace, hashSpace } from '../space/index.js';
import type { CompiledSpace, ObjectiveSpec, Params, SamplerSettings, SpaceDefinition } from '../space/types.js';
import { createMemoryStorage } from '../storage/memory.js';
import type { Storage } from '../storage/types.js';
import { reserveAndAsk, type AskContext } from './ask-recipes.js';
import { paretoFront, studyHypervolume, type FrontEntry } from './front.js';
import { evaluateObjective, type Objective, type ObjectiveResult } from './objective.js';
import { DEFAULT_LOOP_TIMING, runTrialLoop } from './trial-loop.js';
import type { StudyRecord, TrialRecord } from '../storage/records.js';
import { validateObjectiveNumbers, validateObjectives, validateRefPoint } from './validate.js';
import { currentWorkerId } from './worker-identity.js';

export type { Objective, ObjectiveResult };

export interface StudyOptions {
  /** A search-space definition (compiled here) or an already compiled space. */
  readonly space: SpaceDefinition | CompiledSpace;
  readonly objectives: readonly ObjectiveSpec[];
  /** A sampler name (default `gp-ehvi`) or an instance. */
  readonly sampler?: SamplerName | Sampler;
  /**
   * Settings of the gp-ehvi sampler when `sampler` names it (or is left out), e.g. `{ ehviSdScale: 0.25 }` for
   * the EHVI tempering; checked as a search-space file's `samplerOptions` are. Default: its defaults.
   */
  readonly samplerOptions?: SamplerSettings;
  /** Fixes every random choice: the same seed and the same asks and tells give the same recipes. Default 0. */
  readonly seed?: number;
  /** Hypervolume reference point in the objectives' own units; default: inferred from the observations. */
  readonly refPoint?: readonly number[] | null;
  /** Where the study is kept: default a storage of its own in this process's memory (`memory:`). */
  readonly storage?: Storage;
  /** The study's name in the storage, which must not hold one of that name yet. Default `study`. */
  readonly name?: string;
}

/** A recipe handed out by `ask`, to be evaluated and told back by id (the trial's number in the study). */
export interface Trial {
  readonly id: number;
  /** The recipe, derived values included. */
  readonly params: Params;
}

export interface TellOptions {
  /** Standard errors of the values (e.g. over folds), one per objective; the GP treats them as known noise. */
  readonly stderr?: readonly number[];
  /** `failed`: the evaluation did not produce values (they are then ignored). Default `complete`. */
  readonly state?: 'complete' | 'failed';
}

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

/**
 * A study over a Storage: the typed ask/tell API (Optuna's `ask()`/`tell()` in spirit). Trials are identified by
 * their number in the study (0, 1, 2, … in ask order). `serve --stdio` answers its protocol with one of these; the
 * `search` command and shared studies run the same ask (`askRecipes`) and the same loop as `optimize`
 * (`runTrialLoop`) on a study they open in their storage.
 */
export interface Study {
  /** The study as stored. */
  readonly record: StudyRecord;
  readonly storage: Storage;
  readonly space: CompiledSpace;
  readonly objectives: readonly ObjectiveSpec[];
  readonly refPoint: readonly number[] | null;
  readonly sampler: Sampler;
  /** A new trial with a recipe to evaluate. */
  ask(): Promise<Trial>;
  /** `n` new trials, chosen together (a batch for parallel workers). */
  ask(n: number): Promise<Trial[]>;
  /** Reports a running trial's result. Rejects with InputError for an unknown id, a second tell, or bad values. */
  tell(id: number, values: readonly number[], options?: TellOptions): Promise<void>;
  /** Complete trials not dominated by any other, sorted by the first objective. */
  front(): Promise<FrontEntry[]>;
  /** Hypervolume of the complete trials (two objectives; else, or before any result, null). */
  hypervolume(): Promise<number | null>;
  /** Every trial so far, in ask order. */
  trials(): Promise<TrialSnapshot[]>;
  /**
   * The optimize loop built on ask/tell (`runTrialLoop`, which `search` runs with the trainer as the objective):
   * asks, evaluates with `objective` and tells until `trials` more trials have finished; resolves to the front.
   */
  optimize(objective: Objective, options: OptimizeOptions): Promise<FrontEntry[]>;
}

/**
 * Creates a study (in a new in-memory storage unless `storage` is given) and returns its ask/tell handle. The
 * random stream of each ask is derived from the seed and the trial's number (`trialRng`), so recipes depend on the
 * history of asks and tells, not on the clock. Rejects with InputError for bad objectives, seed, reference point,
 * sampler or space, and for a name the storage already holds.
 */
export async function createStudy(options: StudyOptions): Promise<Study> {
  const objectives = validateObjectives(options.objectives);
  const space = isCompiled(options.space) ? options.space : compileSpace(options.space, 'space');
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new InputError(`seed: expected an integer, got ${seed}`);
  const refPoint = options.refPoint == null ? null : validateRefPoint(options.refPoint, objectives);
  const settings = options.samplerOptions === undefined ? {} : checkSamplerSettings(options.samplerOptions, 'samplerOptions', '$');
  if (Object.keys(settings).length > 0 && (options.sampler ?? 'gp-ehvi') !== 'gp-ehvi') {
    throw new InputError('samplerOptions: only the gp-ehvi sampler, given by name, takes options');
  }
  const sampler =
    typeof options.sampler === 'object' ? options.sampler : createSampler(options.sampler ?? 'gp-ehvi', { seed, ...settings });
  const storage = options.storage ?? createMemoryStorage();
  // Stored and hashed as openSharedStudy does, so that shared workers can join a study created here.
  const definition = isCompiled(options.space) ? options.space.definition : options.space;
  const record = await storage.createStudy({
    name: options.name ?? 'study',
    space: definition,
    spaceHash: hashSpace({ space: definition, objectives }),
    objectives,
    sampler: sampler.name,
    seed,
    refPoint,
  });
  return studyOver({ storage, record, space, sampler, seed });
}

/** The ask/tell handle of a stored study. */
export function studyOver(context: AskContext): Study {
  const { storage, record, space, sampler } = context;
  const { objectives, refPoint } = record;
  const workerId = currentWorkerId();

  async function askMany(count: number): Promise<Trial[]> {
    if (!Number.isSafeInteger(count) || count < 1) throw new InputError(`ask: n must be a positive integer, got ${count}`);
    const asked = await reserveAndAsk(context, count, { workerId });
    return asked.map((trial) => ({ id: trial.number, params: trial.params }));
  }

  /** Trials keyed by number, as the front helpers read them. */
  const numbered = async (): Promise<TrialSnapshot[]> =>
    (await storage.getTrials(record.id)).map((trial) => ({
      id: trial.number,
      state: trial.state,
      params: trial.params,
      values: trial.values,
      stderr: trial.stderr,
    }));

  async function tell(id: number, values: readonly number[], tellOptions: TellOptions = {}): Promise<void> {
    const trial: TrialRecord | undefined = Number.isInteger(id)
      ? (await storage.getTrials(record.id)).find((each) => each.number === id)
      : undefined;
    if (!trial) throw new InputError(`tell: unknown trial id ${JSON.stringify(id) ?? String(id)}`);
    if (trial.state !== 'running') throw new InputError(`tell: trial ${id} was already told (${trial.state})`);
    const state = tellOptions.state ?? 'complete';
    if (state === 'failed') {
      await storage.finishTrial(trial.id, { state: 'failed', error: 'told as failed' });
      return;
    }
    if (state !== 'complete') throw new InputError(`tell: trial ${id}: state must be "complete" or "failed", got ${JSON.stringify(state)}`);
    const checked = validateObjectiveNumbers(values, objectives, `tell: trial ${id}: values`, 'values');
    const stderr =
      tellOptions.stderr === undefined ? undefined : validateObjectiveNumbers(tellOptions.stderr, objectives, `tell: trial ${id}: stderr`, 'stderr');
    if (!(await storage.finishTrial(trial.id, { state: 'complete', values: checked, stderr }))) {
      throw new InputError(`tell: trial ${id} is no longer running`);
    }
  }

  const study: Study = {
    record,
    storage,
    space,
    objectives,
    refPoint,
    sampler,
    ask: (async (count?: number) => (count === undefined ? (await askMany(1))[0] : await askMany(count))) as Study['ask'],
    tell,
    front: async () => paretoFront(await numbered(), objectives),
    hypervolume: async () => studyHypervolume(await numbered(), objectives, refPoint),
    trials: numbered,
    async optimize(objective, optimizeOptions) {
      const { trials, concurrency = 1, catchErrors = false } = optimizeOptions;
      if (!Number.isSafeInteger(trials) || trials < 0) throw new InputError(`optimize: trials must be a non-negative integer, got ${trials}`);
      if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
        throw new InputError(`optimize: concurrency must be a positive integer, got ${concurrency}`);
      }
      await runTrialLoop(context, { ...DEFAULT_LOOP_TIMING, workerId, limit: trials, concurrency }, async (trial) => {
        await evaluateObjective(context, trial, objective, catchErrors);
      });
      return study.front();
    },
  };
  return study;
}

function isCompiled(space: SpaceDefinition | CompiledSpace): space is CompiledSpace {
  return typeof (space as CompiledSpace).decode === 'function';
}
