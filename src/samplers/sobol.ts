import { createSobolSequence } from '../qmc/index.js';
import type { Rng } from '../random/rng.js';
import type { CompiledSpace } from '../space/types.js';
import type { Params } from '../space/types.js';
import { MAX_FEASIBILITY_DRAWS } from './feasible.js';
import { InputError } from '../errors.js';
import type { Sampler, StudySnapshot } from './sampler.js';

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
}

/**
 * Quasi-random space filling: a scrambled Sobol sequence (Owen scrambling) over the encoded box, skipping
 * infeasible points. Trial k of the study receives the k-th feasible point. Ignores `rng` (the scrambling seed
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
      const start = snapshot.trials.length;
      return Array.from({ length: n }, (_, i) => design.recipe(start + i));
    },
  };
}
