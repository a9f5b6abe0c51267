import { InputError } from '../errors.js';
import { createGpEhviSampler, type GpEhviSamplerOptions } from './gp-ehvi.js';
import { createRandomSampler } from './random.js';
import type { Sampler } from './sampler.js';
import { SAMPLER_NAMES } from './sampler-names.js';
import { createSobolSampler } from './sobol.js';

export type { Sampler, StudySnapshot, TrialSnapshot } from './sampler.js';
export { SAMPLER_NAMES, type SamplerName } from './sampler-names.js';
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
export { DEFAULT_SURROGATE_INPUTS, type SurrogateInputPolicy } from './surrogate-inputs.js';


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
