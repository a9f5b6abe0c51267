import { paretoFrontIndices } from '../multiobjective/index.js';
import type { Rng } from '../random/rng.js';
import { recipeKey } from '../samplers/space-domain.js';
import type { CompiledSpace, Params } from '../space/types.js';
import { isStoppingKey } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import type { FoldResult } from '../trainer/results.js';
import { scoreRecipeOnFolds, type ReplayedResult } from './score-recipe.js';

/** Recipes drawn per trained run unless `samples` says otherwise. */
export const DEFAULT_REPLAY_SAMPLES = 256;

const EVAL_EVERY_KEY = 'stopping.evalEvery';

export interface ReplayCandidatesOptions {
  /** The study's budget per run. */
  budgetTokens: number;
  /** `peersByFold[f]`: other trials' curves on fold f, for the `median` rule. */
  peersByFold?: readonly (readonly LearningCurve[])[];
  /** Most recipes returned. */
  cap: number;
  /** Recipes drawn (default DEFAULT_REPLAY_SAMPLES). */
  samples?: number;
  rng: Rng;
  /** recipeKey strings (samplers/space-domain.ts) of recipes the study already holds: never returned. */
  exclude?: ReadonlySet<string>;
}

/**
 * Other stopping rules for a trained recipe's hyperparameters, scored by replay on its recorded folds
 * (scoreRecipeOnFolds): draws `samples` feasible recipes of `space` uniformly in its unit cube, each keeping every
 * non-stopping parameter of `trained.params` and its own stopping.* ones, with `stopping.evalEvery` moved to the
 * nearest multiple of the folds' grid spacing inside its range (a uniform draw of an integer range would almost
 * never hit one, and only multiples can be scored). Of those that score, it keeps the recipes that no other scored
 * one dominates (mean tokens minimized, mean EM maximized), leaving out the trained recipe and those in `exclude`,
 * and of recipes whose folds all stop at the same tokens with the same EM (a rule's settings often differ without
 * changing where it fires) only the first drawn, and none with the trained recipe's own outcome, since the study
 * learns nothing from them; when more than
 * `cap` remain, `cap` of them spread evenly along that front by tokens (both ends kept).
 * Returned in order of tokens, each with its params as the space would store them (`withDerived`). Empty when the
 * folds have no grid. Cost: `samples` decodes plus `samples` scorings (O(folds · grid points) each, plus the rule's
 * decisions).
 */
export function replayCandidates(
  space: CompiledSpace,
  trained: { params: Params; folds: readonly FoldResult[] },
  options: ReplayCandidatesOptions,
): { params: Params; result: ReplayedResult }[] {
  const gridEvery = trained.folds[0]?.grid?.every;
  if (gridEvery === undefined || options.cap < 1) return [];
  const sampled = space.sampledPart(trained.params);
  const hyperparameters = Object.fromEntries(Object.entries(sampled).filter(([key]) => !isStoppingKey(key)));
  const skip = new Set(options.exclude ?? []);
  const trainedKey = recipeKey(space, sampled);
  if (trainedKey !== null) skip.add(trainedKey);

  const scored: { params: Params; result: ReplayedResult }[] = [];
  const samples = options.samples ?? DEFAULT_REPLAY_SAMPLES;
  for (let draw = 0; draw < samples; draw++) {
    const u = Array.from({ length: space.d }, () => options.rng.next());
    const decoded = space.decode(u);
    const candidate: Params = { ...hyperparameters };
    for (const [key, value] of Object.entries(decoded)) if (isStoppingKey(key)) candidate[key] = value;
    snapEvalEvery(space, candidate, gridEvery);
    if (!space.isFeasible(candidate)) continue;
    const key = recipeKey(space, candidate);
    if (key === null || skip.has(key)) continue;
    skip.add(key);
    const params = space.withDerived(candidate);
    const result = scoreRecipeOnFolds(params, trained.folds, options);
    if (result) scored.push({ params, result });
  }

  const values = new Float64Array(scored.length * 2);
  scored.forEach(({ result }, i) => {
    values[2 * i] = result.tokens.mean;
    values[2 * i + 1] = -result.em.mean;
  });
  // The trained recipe's own outcome counts as taken: a rule that stops every fold where it stopped repeats it.
  const outcomes = new Set<string>([outcomeKey(trained.folds)]);
  const front = paretoFrontIndices(values, scored.length, 2)
    .sort((a, b) => a - b)
    .map((i) => scored[i])
    .filter(({ result }) => {
      const outcome = outcomeKey(result.folds);
      if (outcomes.has(outcome)) return false;
      outcomes.add(outcome);
      return true;
    })
    .sort((a, b) => a.result.tokens.mean - b.result.tokens.mean);
  return spreadAlong(front, options.cap);
}

/** Where each fold stopped and with what EM: equal keys are equal outcomes. */
function outcomeKey(folds: readonly FoldResult[]): string {
  return folds.map((fold) => `${fold.tokens}:${fold.em}`).join(',');
}

/** Moves a sampled numeric `stopping.evalEvery` to the nearest multiple of `gridEvery` within its spec's range. */
function snapEvalEvery(space: CompiledSpace, candidate: Params, gridEvery: number): void {
  const value = candidate[EVAL_EVERY_KEY];
  const spec = space.definition.params[EVAL_EVERY_KEY];
  if (typeof value !== 'number' || !spec || spec.type === 'categorical') return;
  const lowest = Math.ceil(spec.low / gridEvery) * gridEvery;
  const highest = Math.floor(spec.high / gridEvery) * gridEvery;
  if (lowest > highest) return;
  candidate[EVAL_EVERY_KEY] = Math.min(highest, Math.max(lowest, Math.round(value / gridEvery) * gridEvery));
}

/** `count` items of `sorted` at evenly spaced positions, first and last included (all of them when few enough). */
function spreadAlong<T>(sorted: readonly T[], count: number): T[] {
  if (sorted.length <= count) return [...sorted];
  if (count === 1) return [sorted[0]];
  const positions = new Set(Array.from({ length: count }, (_, i) => Math.round((i * (sorted.length - 1)) / (count - 1))));
  return [...positions].map((position) => sorted[position]);
}
