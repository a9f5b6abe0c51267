import type { Rng } from '../random/rng.js';
import type { Params } from '../space/types.js';
import { drawFeasible } from './feasible.js';
import type { Sampler, StudySnapshot } from './sampler.js';

/**
 * Independent uniform draws in the encoded box [0,1]^d, decoded to recipes (so log-scaled parameters are
 * log-uniform) and rejected while infeasible. The baseline every other sampler must beat. Cost O(n·d) per ask.
 */
export function createRandomSampler(): Sampler {
  return {
    name: 'random',
    suggest(snapshot: StudySnapshot, n: number, rng: Rng): Params[] {
      const d = snapshot.space.d;
      const next = (): Float64Array => {
        const u = new Float64Array(d);
        for (let j = 0; j < d; j++) u[j] = rng.next();
        return u;
      };
      return Array.from({ length: n }, () => drawFeasible(snapshot.space, next, 'random'));
    },
  };
}
