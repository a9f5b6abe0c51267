import { createRng, type Rng } from '../random/rng.js';

/**
 * The random stream of the ask that gives trial `trialNumber` (0-based, per study) its recipe; a batch ask takes
 * the stream of its first trial. One stream per trial number, so a recipe depends on the study's seed and on the
 * trials before it, never on which worker asked or when.
 */
export function trialRng(studySeed: number, trialNumber: number): Rng {
  return createRng(studySeed * 1_000_003 + trialNumber);
}
