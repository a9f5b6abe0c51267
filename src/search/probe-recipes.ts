import { createRng } from '../random/rng.js';
import { MAX_FEASIBILITY_DRAWS } from '../samplers/feasible.js';
import type { CompiledSpace, Params } from '../space/types.js';

/** Recipes decoded from a space to check what no single range shows (combinations, derived values). */
export const PROBE_RECIPES = 256;
const PROBE_SEED = 0x5eed;

/**
 * Feasible recipes of `space` (sampled part, no derived values) as a sampler would decode them: the cube's two
 * corners first, then seeded uniform points. Ends after PROBE_RECIPES draws once one recipe was feasible, or after
 * MAX_FEASIBILITY_DRAWS draws; yields nothing when the constraints exclude every draw. Deterministic.
 */
export function* probeRecipes(space: CompiledSpace): Generator<Params> {
  const rng = createRng(PROBE_SEED);
  let feasible = 0;
  for (let draw = 0; draw < MAX_FEASIBILITY_DRAWS && (feasible === 0 || draw < PROBE_RECIPES); draw++) {
    const u = draw === 0 ? new Float64Array(space.d) : draw === 1 ? new Float64Array(space.d).fill(1) : Float64Array.from({ length: space.d }, () => rng.next());
    const params = space.decode(u);
    if (!space.isFeasible(params)) continue;
    feasible++;
    yield params;
  }
}
