/**
 * The samplers a study, `search --sampler` or `serve`'s `create` can name; the first is the default. Kept apart from
 * the samplers themselves so that the CLI's option table lists them without loading any numerical code.
 */
export const SAMPLER_NAMES = ['gp-ehvi', 'random', 'sobol'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];
