import { createRng, shuffleInPlace } from '../random/rng.js';
import { deriveSeed } from './seeds.js';
import type { Example } from './tasks/types.js';

/** Default share of a task held out as the test part (DESIGN.md, Methodology). */
export const DEFAULT_TEST_FRACTION = 0.2;

/** Largest test fraction accepted: above it the search part would be smaller than what it is confirmed on. */
export const MAX_TEST_FRACTION = 0.5;

/**
 * A task split once, by seed, into the part the search sees and the part only confirmation measures on.
 * Indices point into the task's examples (the encoded task keeps every line, so index sets stay valid).
 */
export interface TaskPartition {
  /**
   * Per example (length n): the id of its input group (examples with the same input share one), or -1 for a line
   * that repeats an earlier (input, target) line and is left out everywhere.
   */
  groupOf: Int32Array;
  /** The search part, ascending: cross-validation folds and their dev splits come from here only. */
  searchIdx: Int32Array;
  /** The test part, ascending: never trained on, never seen by a stopping rule or the sampler. */
  testIdx: Int32Array;
  /** Lines dropped because an earlier line had the same input and target. */
  duplicatesRemoved: number;
}

/**
 * Splits a task into a search part and a test part of about `testFraction` of its distinct lines (DESIGN.md,
 * Methodology, level 1). Repeated (input, target) lines are removed first, keeping the first; then whole input
 * groups go to one side or the other, so an input never appears on both (a model that memorised it would
 * otherwise score on the test part for free). Groups are taken in a seeded shuffled order until the test part
 * holds round(testFraction · distinct lines) examples or just more. Throws RangeError if either part would be
 * empty. Cost: O(n) expected (hashing the texts).
 */
export function partitionTask(examples: readonly Example[], seed: number, testFraction = DEFAULT_TEST_FRACTION): TaskPartition {
  if (!(testFraction > 0 && testFraction <= MAX_TEST_FRACTION)) {
    throw new RangeError(`testFraction must be in (0, ${MAX_TEST_FRACTION}], got ${testFraction}`);
  }
  const n = examples.length;
  const groupOf = new Int32Array(n).fill(-1);
  const groupByInput = new Map<string, number>();
  const seenLines = new Set<string>();
  const members: number[][] = [];
  let duplicatesRemoved = 0;
  examples.forEach(({ input, target }, i) => {
    // JSON of the pair is an unambiguous key (a separator character could occur inside a text).
    const line = JSON.stringify([input, target]);
    if (seenLines.has(line)) {
      duplicatesRemoved++;
      return;
    }
    seenLines.add(line);
    let group = groupByInput.get(input);
    if (group === undefined) {
      group = members.length;
      groupByInput.set(input, group);
      members.push([]);
    }
    groupOf[i] = group;
    members[group].push(i);
  });
  const distinct = n - duplicatesRemoved;
  const wanted = Math.max(1, Math.round(distinct * testFraction));
  const order = shuffleInPlace(
    Array.from({ length: members.length }, (_, g) => g),
    createRng(deriveSeed(seed, 'test-part')),
  );
  const test: number[] = [];
  const search: number[] = [];
  for (const group of order) (test.length < wanted ? test : search).push(...members[group]);
  if (search.length === 0 || test.length === 0) {
    throw new RangeError(`too few distinct examples (${distinct}) for a search part and a test part`);
  }
  return {
    groupOf,
    searchIdx: Int32Array.from(search).sort(),
    testIdx: Int32Array.from(test).sort(),
    duplicatesRemoved,
  };
}

/** Distinct input groups among `indices` (for checking that a task has enough data for k folds). */
export function groupCount(groupOf: Int32Array, indices: ArrayLike<number>): number {
  const groups = new Set<number>();
  for (let i = 0; i < indices.length; i++) groups.add(groupOf[indices[i]]);
  return groups.size;
}
