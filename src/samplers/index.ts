import { InputError } from '../errors.js';
import { createGpEhviSampler, type GpEhviSamplerOptions } from './gp-ehvi.js';
import { createRandomSampler } from './random.js';
import type { Sampler } from './sampler.js';
import { createSobolSampler } from './sobol.js';

export type { Sampler, StudySnapshot, TrialSnapshot } from './sampler.js';
export {
  createGpEhviSampler,
  defaultInitialTrials,
  DEFAULT_ACQUISITION_EFFORT,
  type AcquisitionEffort,
  type GpEhviSamplerOptions,
} from './gp-ehvi.js';
export { createRandomSampler } from './random.js';
export { createSobolSampler, SobolDesign, type SobolSamplerOptions } from './sobol.js';
export { DEFAULT_OBJECTIVE_TRANSFORMS, type ObjectiveTransform } from './objective-scale.js';

/** The samplers a study, `search --sampler` or `serve`'s `create` can name; the first is the default. */
export const SAMPLER_NAMES = ['gp-ehvi', 'random', 'sobol'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export interface SamplerOptions extends GpEhviSamplerOptions {
  /** The study's seed: fixes the quasi-random designs (draws themselves come from the rng passed to suggest). */
  readonly seed?: number;
}

/** A sampler by name. Throws InputError for an unknown name. */
export function createSampler(name: string = 'gp-ehvi', options: SamplerOptions = {}): Sampler {
  switch (name) {
    case 'gp-ehvi':
      return createGpEhviSampler(options);
    case 'random':
      return createRandomSampler();
    case 'sobol':
      return createSobolSampler({ seed: options.seed });
    default:
      throw new InputError(`sampler: unknown sampler "${name}" (expected ${SAMPLER_NAMES.join(', ')})`);
  }
}
