import { describe, expect, it } from 'vitest';
import { hypervolumeReferencePoint, paretoFront, studyHypervolume } from '../../src/study/index.js';
import type { ObjectiveSpec } from '../../src/space/types.js';

const TOKENS_EM: ObjectiveSpec[] = [
  { name: 'tokens', direction: 'minimize' },
  { name: 'em', direction: 'maximize' },
];

const trial = (id: number, values: number[] | null, state = 'complete') => ({ id, state, params: { x: id }, values });

describe('paretoFront', () => {
  it('keeps the trials no other beats in (tokens down, em up), sorted by tokens', () => {
    const trials = [
      trial(0, [100, 0.5]),
      trial(1, [50, 0.4]),
      trial(2, [120, 0.45]), // dominated by 0
      trial(3, [200, 0.9]),
      trial(4, [10, 0.95], 'running'), // not complete: ignored
      trial(5, [60, 0.4]), // dominated by 1
      trial(6, null, 'failed'),
      trial(7, [5, 0.99], 'pruned'), // raced out after some folds: never on a front
    ];
    expect(paretoFront(trials, TOKENS_EM).map((t) => t.id)).toEqual([1, 0, 3]);
    expect(studyHypervolume(trials, TOKENS_EM, [300, 0])).toBe(studyHypervolume(trials.slice(0, 7), TOKENS_EM, [300, 0]));
    expect(paretoFront(trials, TOKENS_EM)[0]).toEqual({ id: 1, params: { x: 1 }, values: [50, 0.4] });
  });

  it('handles one and three objectives', () => {
    const one: ObjectiveSpec[] = [{ name: 'loss', direction: 'minimize' }];
    expect(paretoFront([trial(0, [3]), trial(1, [1]), trial(2, [2])], one).map((t) => t.id)).toEqual([1]);
    const three: ObjectiveSpec[] = [...TOKENS_EM, { name: 'size', direction: 'minimize' }];
    const front = paretoFront([trial(0, [1, 0.5, 3]), trial(1, [1, 0.5, 2]), trial(2, [0, 0.1, 9])], three);
    expect(front.map((t) => t.id)).toEqual([2, 1]);
  });
});

describe('studyHypervolume', () => {
  it('measures the area dominated in the objectives own directions against the given reference point', () => {
    // Minimized: (1, -0.5), (2, -0.8) against ref (3, 0): 2·0.5 + 1·0.3 = 1.3.
    const trials = [trial(0, [1, 0.5]), trial(1, [2, 0.8]), trial(2, [2.5, 0.4])];
    expect(studyHypervolume(trials, TOKENS_EM, [3, 0])).toBeCloseTo(1.3, 12);
  });

  it('infers a reference point from the front when none is given, and is null without results or with one objective', () => {
    const trials = [trial(0, [1, 0.5]), trial(1, [2, 0.8])];
    // Front range: tokens 1..2, em 0.5..0.8; nadir (2, 0.5) pushed out by 10 %: (2.1, 0.47).
    const ref = hypervolumeReferencePoint(trials, TOKENS_EM, null)!;
    expect(ref[0]).toBeCloseTo(2.1, 12);
    expect(ref[1]).toBeCloseTo(0.47, 12);
    expect(studyHypervolume(trials, TOKENS_EM, null)).toBeCloseTo(1.1 * 0.03 + 0.1 * 0.3, 12);
    expect(studyHypervolume([], TOKENS_EM, null)).toBeNull();
    expect(studyHypervolume(trials, [{ name: 'loss', direction: 'minimize' }], null)).toBeNull();
  });
});
