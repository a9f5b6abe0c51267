import { createRng, shuffleInPlace, type Rng } from '../random/rng.js';
import { groupCount, type TaskPartition } from './partition.js';
import { deriveSeed } from './seeds.js';

/** The three disjoint index sets of one run. */
export interface FoldSplit {
  /** Examples the model trains on. */
  trainIdx: Int32Array;
  /** Examples of the run's training part held back for stopping decisions (dev EM, dev loss). */
  devIdx: Int32Array;
  /** Where EM is measured and nowhere else: the fold's held-out examples, or the test part when confirming. */
  heldOutIdx: Int32Array;
}

/**
 * Assigns the search part's examples to k folds, keeping each input group whole (identical inputs never straddle
 * two folds): groups in a seeded shuffled order, each to the fold with the fewest examples so far (ties: the lower
 * fold). With one example per group the fold sizes differ by at most one. Returns, per example of the task
 * (length n), its fold, or -1 outside the search part. Throws RangeError when there are fewer groups than folds.
 * Cost: O(n · k).
 */
export function assignFolds(partition: Pick<TaskPartition, 'groupOf' | 'searchIdx'>, k: number, seed: number): Int32Array {
  const { groupOf, searchIdx } = partition;
  const groups = groupCount(groupOf, searchIdx);
  if (!Number.isInteger(k) || k < 2 || k > groups) {
    throw new RangeError(`folds must be an integer from 2 to ${groups} (the distinct inputs of the search part), got ${k}`);
  }
  const members = membersByGroup(groupOf, searchIdx);
  const order = shuffleInPlace([...members.keys()], createRng(deriveSeed(seed, 'folds')));
  const fold = new Int32Array(groupOf.length).fill(-1);
  const sizes = new Array<number>(k).fill(0);
  for (const group of order) {
    let smallest = 0;
    for (let f = 1; f < k; f++) if (sizes[f] < sizes[smallest]) smallest = f;
    for (const example of members.get(group)!) fold[example] = smallest;
    sizes[smallest] += members.get(group)!.length;
  }
  return fold;
}

/**
 * The split of fold `foldIndex`: held out = that fold's examples; the rest of the search part is the training part,
 * from which about `devFraction` (at least one example, whole input groups) becomes the dev split. The dev draw
 * depends only on (seed, fold), so it is the same whichever order folds run in. All sets ascending. Cost: O(n).
 */
export function splitFold(folds: Int32Array, foldIndex: number, devFraction: number, seed: number, groupOf: Int32Array): FoldSplit {
  const heldOut: number[] = [];
  const trainingPart: number[] = [];
  folds.forEach((fold, example) => {
    if (fold === foldIndex) heldOut.push(example);
    else if (fold >= 0) trainingPart.push(example);
  });
  if (heldOut.length === 0) throw new RangeError(`fold ${foldIndex} is empty`);
  const { trainIdx, devIdx } = carveDev(trainingPart, groupOf, devFraction, createRng(deriveSeed(seed, 'dev', foldIndex)));
  return { trainIdx, devIdx, heldOutIdx: Int32Array.from(heldOut).sort() };
}

/**
 * The split of a confirmation run (DESIGN.md, Methodology): train on the whole search part less a dev split of
 * about `devFraction` carved from it (whole input groups, drawn by `seed`), and measure EM on the test part.
 * Cost: O(n).
 */
export function confirmationSplit(partition: TaskPartition, devFraction: number, seed: number): FoldSplit {
  const { trainIdx, devIdx } = carveDev(Array.from(partition.searchIdx), partition.groupOf, devFraction, createRng(deriveSeed(seed, 'confirm-dev')));
  return { trainIdx, devIdx, heldOutIdx: Int32Array.from(partition.testIdx) };
}

/** Whole input groups, in a shuffled order, go to dev until it holds round(devFraction · size) examples (≥ 1). */
function carveDev(part: number[], groupOf: Int32Array, devFraction: number, rng: Rng): { trainIdx: Int32Array; devIdx: Int32Array } {
  if (!(devFraction > 0 && devFraction < 1)) throw new RangeError(`devFraction must be in (0, 1), got ${devFraction}`);
  const members = membersByGroup(groupOf, part);
  const wanted = Math.max(1, Math.round(part.length * devFraction));
  const dev: number[] = [];
  const train: number[] = [];
  for (const group of shuffleInPlace([...members.keys()], rng)) (dev.length < wanted ? dev : train).push(...members.get(group)!);
  if (train.length === 0) throw new RangeError('too few examples for a training and a dev split');
  return { trainIdx: Int32Array.from(train).sort(), devIdx: Int32Array.from(dev).sort() };
}

/** Examples of `indices` by input group, groups in order of first appearance. */
function membersByGroup(groupOf: Int32Array, indices: ArrayLike<number>): Map<number, number[]> {
  const members = new Map<number, number[]>();
  for (let i = 0; i < indices.length; i++) {
    const example = indices[i];
    const group = groupOf[example];
    const list = members.get(group);
    if (list) list.push(example);
    else members.set(group, [example]);
  }
  return members;
}

/**
 * Why the search part of `partition` cannot give k folds that each have a held-out part, a training part and a dev
 * split of `devFraction` (and a confirmation run its training and dev parts), or undefined when it can. The splits
 * depend only on the study's seed, so one check at load covers every trial. Cost: O(n · k).
 */
export function foldSplitProblem(partition: TaskPartition, k: number, devFraction: number, seed: number): string | undefined {
  try {
    const assignment = assignFolds(partition, k, seed);
    for (let fold = 0; fold < k; fold++) splitFold(assignment, fold, devFraction, seed, partition.groupOf);
    confirmationSplit(partition, devFraction, seed);
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}
