import { createRng, shuffleInPlace } from '../random/rng.js';
import { deriveSeed } from './seeds.js';

/** The three disjoint index sets of one run. */
export interface FoldSplit {
  /** Examples the model trains on. */
  trainIdx: Int32Array;
  /** Examples of the fold's training part held back for stopping decisions (dev EM, dev loss). */
  devIdx: Int32Array;
  /** The fold's held-out examples: EM is measured here and nowhere else. */
  heldOutIdx: Int32Array;
}

/**
 * Assigns n examples to k folds of sizes differing by at most one, by a seeded shuffle: fold f holds the
 * shuffled positions f, f+k, f+2k, …. Returns the fold of each example (length n). Cost: O(n).
 */
export function assignFolds(n: number, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new RangeError(`folds must be an integer from 2 to ${n}, got ${k}`);
  const order = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    createRng(deriveSeed(seed, 'folds')),
  );
  const fold = new Int32Array(n);
  order.forEach((example, position) => {
    fold[example] = position % k;
  });
  return fold;
}

/**
 * The split of fold `foldIndex`: held out = that fold's examples; the rest is the training part, from which a
 * seeded `devFraction` (at least one example) becomes the dev split. The dev draw depends only on (seed, fold),
 * so it is the same whichever order folds run in. All three sets are sorted ascending. Cost: O(n).
 */
export function splitFold(folds: Int32Array, foldIndex: number, devFraction: number, seed: number): FoldSplit {
  if (!(devFraction > 0 && devFraction < 1)) throw new RangeError(`devFraction must be in (0, 1), got ${devFraction}`);
  const heldOut: number[] = [];
  const trainingPart: number[] = [];
  folds.forEach((fold, example) => (fold === foldIndex ? heldOut : trainingPart).push(example));
  if (heldOut.length === 0) throw new RangeError(`fold ${foldIndex} is empty`);
  const devCount = Math.max(1, Math.round(trainingPart.length * devFraction));
  if (devCount >= trainingPart.length) throw new RangeError('too few examples for a training and a dev split');
  const shuffled = shuffleInPlace([...trainingPart], createRng(deriveSeed(seed, 'dev', foldIndex)));
  const sorted = (values: number[]): Int32Array => Int32Array.from(values).sort();
  return {
    trainIdx: sorted(shuffled.slice(devCount)),
    devIdx: sorted(shuffled.slice(0, devCount)),
    heldOutIdx: sorted(heldOut),
  };
}

/**
 * Why `n` examples cannot give k folds that each have a held-out part, a training part and a dev split of
 * `devFraction`, or undefined when they can. Sizes do not depend on the seed, so one check at load covers every
 * trial. Cost: O(n · k).
 */
export function foldSplitProblem(n: number, k: number, devFraction: number): string | undefined {
  try {
    const assignment = assignFolds(n, k, 0);
    for (let fold = 0; fold < k; fold++) splitFold(assignment, fold, devFraction, 0);
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}
