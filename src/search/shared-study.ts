/**
 * A study in storage that several workers share, for library users with an objective of their own (the `search`
 * command is the same loop with the trainer as objective). Each worker, in this process or on another machine,
 * opens the study by name and calls `optimize`; the storage hands out trials atomically, so together they finish
 * exactly `trials` complete trials.
 *
 *   const storage = await openStorage('postgresql://stopwise@db.lan:5432/studies');
 *   const study = await openSharedStudy({ storage, name: 'lr-sweep', space, objectives });
 *   await study.optimize(async (params) => [await cost(params), await score(params)], { trials: 40 });
 */
import { InputError } from '../errors.js';
import { createSampler, type SamplerName } from '../samplers/index.js';
import { checkSamplerSettings, compileSpace, hashSpace } from '../space/index.js';
import type { CompiledSpace, ObjectiveSpec, SamplerSettings, SpaceDefinition } from '../space/types.js';
import type { Storage } from '../storage/index.js';
import type { AskContext } from '../study/ask-recipes.js';
import { evaluateObjective, type Objective } from '../study/objective.js';
import { DEFAULT_LOOP_TIMING, runTrialLoop } from '../study/trial-loop.js';
import type { StudyRecord, TrialRecord } from '../storage/records.js';
import { validateObjectives } from '../study/validate.js';
import { currentWorkerId } from '../study/worker-identity.js';

export interface SharedStudyOptions {
  storage: Storage;
  /** The study's name in the storage: created by the first worker, joined by the others. */
  name: string;
  space: SpaceDefinition;
  objectives: readonly ObjectiveSpec[];
  /** Default `gp-ehvi`. */
  sampler?: SamplerName;
  /**
   * gp-ehvi's settings (`{"ehviSdScale": S}`, as a search-space file's `samplerOptions`). Given settings are part
   * of the study's identity: every worker must pass the same ones, and a study created without them refuses a
   * worker that passes some (and the other way round).
   */
  samplerOptions?: SamplerSettings;
  /** Default 0. Every worker must pass the same seed (it is stored with the study on creation). */
  seed?: number;
  /** Default `host:pid`; workers in one process need distinct ids only for reporting. */
  workerId?: string;
  /** A running trial whose heartbeat (on the storage's clock) is older than this is stale. Default 120 s. */
  staleAfterMs?: number;
  heartbeatMs?: number;
  /** How long to wait between polls while other workers finish the last trials. Default 200 ms. */
  pollMs?: number;
}

export interface SharedOptimizeOptions {
  /** Complete trials wanted in total, across all workers and earlier runs. */
  trials: number;
  /** If true, a throwing objective marks its trial failed and the loop goes on; otherwise optimize rejects. */
  catchErrors?: boolean;
}

export interface SharedStudy {
  readonly record: StudyRecord;
  /**
   * Evaluates trials with `objective` until `trials` complete trials exist in the study; resolves to the number of
   * trials this worker completed.
   */
  optimize(objective: Objective, options: SharedOptimizeOptions): Promise<number>;
  /** The study's trials as stored. */
  trials(): Promise<TrialRecord[]>;
}

/** Opens the named study, creating it on first use; refuses a study created from another space or objectives. */
export async function openSharedStudy(options: SharedStudyOptions): Promise<SharedStudy> {
  const { storage } = options;
  const objectives = validateObjectives(options.objectives);
  const space: CompiledSpace = compileSpace(options.space, 'space');
  const seed = options.seed ?? 0;
  const samplerName = options.sampler ?? 'gp-ehvi';
  const settings = options.samplerOptions === undefined ? {} : checkSamplerSettings(options.samplerOptions, 'samplerOptions', '$');
  const hasSettings = Object.keys(settings).length > 0;
  if (hasSettings && samplerName !== 'gp-ehvi') throw new InputError('samplerOptions: only the gp-ehvi sampler takes options');
  // Without settings the hash is createStudy's, so workers can join a study created there.
  const spaceHash = hashSpace(hasSettings ? { space: options.space, objectives, samplerOptions: settings } : { space: options.space, objectives });
  let record = await storage.getStudy(options.name);
  if (record === null) {
    try {
      record = await storage.createStudy({ name: options.name, space: options.space, spaceHash, objectives, sampler: samplerName, seed });
    } catch (error) {
      record = await storage.getStudy(options.name); // another worker created it a moment ago
      if (record === null) throw error;
    }
  }
  if (record.spaceHash !== spaceHash) {
    throw new InputError(`study "${options.name}": created from a different space, objectives or samplerOptions; use another name`);
  }
  const study = record;
  const context: AskContext = { storage, record: study, space, sampler: createSampler(study.sampler, { seed: study.seed, ...settings }), seed: study.seed };
  const loop = {
    workerId: options.workerId ?? currentWorkerId(),
    staleAfterMs: options.staleAfterMs ?? DEFAULT_LOOP_TIMING.staleAfterMs,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_LOOP_TIMING.heartbeatMs,
    pollMs: options.pollMs ?? DEFAULT_LOOP_TIMING.pollMs,
  };

  return {
    record: study,
    trials: () => storage.getTrials(study.id),
    async optimize(objective, optimizeOptions) {
      const target = optimizeOptions.trials;
      if (!Number.isSafeInteger(target) || target < 0) throw new InputError(`optimize: trials must be a non-negative integer, got ${target}`);
      let completed = 0;
      // The loop of `Study.optimize`, run to a target that counts every worker's complete trials.
      await runTrialLoop(context, { ...loop, target }, async (trial) => {
        if (await evaluateObjective(context, trial, objective, optimizeOptions.catchErrors ?? false)) completed++;
      });
      return completed;
    },
  };
}
