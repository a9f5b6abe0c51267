import { InputError } from '../errors.js';
import type { CompiledSpace } from '../space/types.js';
import type { Params } from '../space/types.js';

/** Draws per recipe before concluding that the constraints leave (almost) nothing feasible. */
export const MAX_FEASIBILITY_DRAWS = 10_000;

/**
 * Decodes points from `nextPoint` until one satisfies the space's constraints. Throws an InputError (the space is
 * the user's) when none of MAX_FEASIBILITY_DRAWS does. Cost: one decode + feasibility check per draw.
 */
export function drawFeasible(space: CompiledSpace, nextPoint: () => ArrayLike<number>, sampler: string): Params {
  for (let attempt = 0; attempt < MAX_FEASIBILITY_DRAWS; attempt++) {
    const params = space.decode(nextPoint());
    if (space.isFeasible(params)) return params;
  }
  throw new InputError(
    `sampler ${sampler}: no recipe satisfied the constraints in ${MAX_FEASIBILITY_DRAWS} draws; the constraints exclude (almost) the whole space`,
  );
}
