import type { CanonicalPoint, SearchDomain } from '../optim/index.js';
import type { CompiledSpace, Params } from '../space/types.js';

/**
 * A key identifying a recipe by its canonical point: equal for points that decode to the same recipe (floats are
 * compared to 1e-12 of the box side, below any meaningful difference between recipes). Cost O(d).
 */
export function canonicalKey(point: ArrayLike<number>): string {
  let key = '';
  for (let j = 0; j < point.length; j++) key += `${Math.round(point[j] * 1e12)},`;
  return key;
}

/** The canonical key of a recipe, or null if it is not a valid recipe of the space. */
export function recipeKey(space: CompiledSpace, params: Params): string | null {
  try {
    return canonicalKey(space.encode(params));
  } catch {
    return null;
  }
}

/** The search space as the acquisition optimizer sees it: decode → feasibility check → encode. */
export function spaceDomain(space: CompiledSpace): SearchDomain {
  return {
    d: space.d,
    kinds: space.dimensions.map((dimension) => dimension.kind),
    choiceCounts: space.dimensions.map((dimension) => dimension.choices ?? 0),
    canonicalize(u: Float64Array): CanonicalPoint | null {
      const params = space.decode(u);
      if (!space.isFeasible(params)) return null;
      const point = space.encode(params);
      return { point, key: canonicalKey(point) };
    },
  };
}
