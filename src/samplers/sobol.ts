import { createSobolSequence } from '../qmc/index.js';
import type { Rng } from '../random/rng.js';
import type { CompiledSpace } from '../space/types.js';
import type { Params } from '../space/types.js';
import { MAX_FEASIBILITY_DRAWS } from './feasible.js';
import { InputError } from '../errors.js';
import type { Sampler, StudySnapshot } from './sampler.js';
import { recipeKey } from './space-domain.js';

export interface SobolSamplerOptions {
  /** Seed of the Owen scrambling; the study passes its own seed. */
  readonly seed?: number;
}

/**
 * The feasible points of one scrambled Sobol sequence, in order. The k-th trial of a study gets the k-th feasible
 * point, so the design depends only on the seed and the number of trials so far — not on who asked or when — and
 * a resumed study continues the same sequence. Points are generated lazily and memoized.
 */
export class SobolDesign {
  private readonly sequence: { next(): ArrayLike<number> };
  private readonly recipes: Params[] = [];

  constructor(
    private readonly space: CompiledSpace,
    seed: number,
  ) {
    // A space without parameters has one recipe, {}; the Sobol generator needs d ≥ 1.
    this.sequence = space.d > 0 ? createSobolSequence(space.d, { seed, scramble: true }) : { next: () => new Float64Array(0) };
  }

  /** The `index`-th feasible recipe of the design (0-based). Cost: amortized O(d) per point generated. */
  recipe(index: number): Params {
    while (this.recipes.length <= index) {
      let found: Params | null = null;
      for (let attempt = 0; attempt < MAX_FEASIBILITY_DRAWS && !found; attempt++) {
        const params = this.space.decode(this.sequence.next());
        if (this.space.isFeasible(params)) found = params;
      }
      if (!found) {
        throw new InputError(
          `sampler sobol: no recipe satisfied the constraints in ${MAX_FEASIBILITY_DRAWS} draws; the constraints exclude (almost) the whole space`,
        );
      }
      this.recipes.push(found);
    }
    return this.recipes[index];
  }

  /**
   * `n` recipes for a study that has `start` trials: design points from index `start` on, skipping recipes
   * whose key is in `taken` (already in the study, or chosen earlier in this batch) — which matters only in
   * spaces with few distinct recipes. After a long run of repeats (a nearly exhausted space) repeats are allowed.
   */
  recipesFrom(start: number, n: number, taken: Set<string>, keyOf: (params: Params) => string | null): Params[] {
    const chosen: Params[] = [];
    let index = start;
    let skipped = 0;
    while (chosen.length < n) {
      const params = this.recipe(index++);
      const key = keyOf(params);
      if (key !== null && taken.has(key) && skipped < MAX_SKIPPED_REPEATS) {
        skipped++;
        continue;
      }
      if (key !== null) taken.add(key);
      chosen.push(params);
    }
    return chosen;
  }
}

/** Design points skipped as repeats per ask before repeats are accepted. */
const MAX_SKIPPED_REPEATS = 4096;

/** Keys of the recipes of a study's trials (any state). */
export function takenRecipeKeys(snapshot: StudySnapshot): Set<string> {
  const taken = new Set<string>();
  for (const trial of snapshot.trials) {
    const key = trial.params ? recipeKey(snapshot.space, trial.params) : null;
    if (key !== null) taken.add(key);
  }
  return taken;
}

/**
 * Quasi-random space filling: a scrambled Sobol sequence (Owen scrambling) over the encoded box, skipping
 * infeasible points. Trial k of the study receives the k-th feasible point (or a later one if that recipe is
 * already in the study, which happens only in small discrete spaces). Ignores `rng` (the scrambling seed
 * fixes the design). Cost O(n·d) per ask after the memoized prefix.
 */
export function createSobolSampler(options: SobolSamplerOptions = {}): Sampler {
  const designs = new WeakMap<CompiledSpace, SobolDesign>();
  const seed = options.seed ?? 0;
  return {
    name: 'sobol',
    suggest(snapshot: StudySnapshot, n: number, _rng: Rng): Params[] {
      let design = designs.get(snapshot.space);
      if (!design) {
        design = new SobolDesign(snapshot.space, seed);
        designs.set(snapshot.space, design);
      }
      const space = snapshot.space;
      return design.recipesFrom(snapshot.trials.length, n, takenRecipeKeys(snapshot), (params) => recipeKey(space, params));
    },
  };
}
