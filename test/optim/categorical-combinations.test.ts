import { describe, expect, it } from 'vitest';
import {
  bestCategoricalCombination,
  categoricalCombinations,
  maximizeOverCandidates,
  type BatchScore,
  type CanonicalPoint,
  type SearchDomain,
} from '../../src/optim/index.js';

/**
 * dim 0 float; dim 1 categorical (3 choices); dim 2 categorical (2 choices); dim 3 categorical (4 choices),
 * active only when dim 1 is choice 2 (else held at 0). Constraint: choice 0 of dim 1 with choice 1 of dim 2
 * is infeasible.
 */
function twoCategoricalDomain(): SearchDomain {
  const choice = (u: number, count: number) => Math.min(count - 1, Math.floor(Math.min(1, Math.max(0, u)) * count));
  return {
    d: 4,
    kinds: ['float', 'categorical', 'categorical', 'categorical'],
    choiceCounts: [0, 3, 2, 4],
    canonicalize(u: Float64Array): CanonicalPoint | null {
      const a = choice(u[1], 3);
      const b = choice(u[2], 2);
      if (a === 0 && b === 1) return null;
      const c = a === 2 ? (choice(u[3], 4) + 0.5) / 4 : 0;
      const point = Float64Array.of(Math.min(1, Math.max(0, u[0])), (a + 0.5) / 3, (b + 0.5) / 2, c);
      return { point, key: Array.from(point, (v) => v.toFixed(12)).join(',') };
    },
  };
}

const choicesOf = (point: ArrayLike<number>) => [Math.floor(point[1] * 3), Math.floor(point[2] * 2), point[3] === 0 ? -1 : Math.floor(point[3] * 4)];

describe('categoricalCombinations', () => {
  it('lists every feasible combination once, keeps the numeric coordinates and collapses inactive categoricals', () => {
    const domain = twoCategoricalDomain();
    const from = domain.canonicalize(Float64Array.of(0.37, 0.5, 0.1, 0))!;
    const combinations = categoricalCombinations(domain, from, 64);
    // Dim 1 choice 0: only dim 2 choice 0 (1); choice 1: 2 (one of them is `from`); choice 2: 2 × 4 = 8.
    const keys = new Set(combinations.map((point) => JSON.stringify(choicesOf(point.point))));
    const expected = new Set<string>();
    expected.add(JSON.stringify([0, 0, -1]));
    expected.add(JSON.stringify([1, 1, -1]));
    for (const b of [0, 1]) for (const c of [0, 1, 2, 3]) expected.add(JSON.stringify([2, b, c]));
    expect(keys).toEqual(expected);
    expect(combinations).toHaveLength(expected.size);
    for (const point of combinations) expect(point.point[0]).toBe(0.37);
  });

  it('leaves out excluded recipes and lists nothing above the limit or without categoricals', () => {
    const domain = twoCategoricalDomain();
    const from = domain.canonicalize(Float64Array.of(0.37, 0.5, 0.1, 0))!;
    const all = categoricalCombinations(domain, from, 24);
    expect(all).toHaveLength(10);
    const excluded = new Set([all[0].key, all[3].key]);
    expect(categoricalCombinations(domain, from, 24, excluded).map((point) => point.key)).toEqual(
      all.filter((point) => !excluded.has(point.key)).map((point) => point.key),
    );
    // 3 · 2 · 4 = 24 combinations: one fewer allowed gives none.
    expect(categoricalCombinations(domain, from, 23)).toEqual([]);
    const numeric: SearchDomain = { ...domain, kinds: ['float', 'float', 'float', 'float'], choiceCounts: [0, 0, 0, 0] };
    expect(categoricalCombinations(numeric, from, 64)).toEqual([]);
  });
});

describe('enumeration in the acquisition search', () => {
  // Pays only when dims 1 and 2 switch together (choice 1, 1 → 2, 0 with dim 3 at choice 3): every single
  // switch from the start scores lower, so one-at-a-time moves stay put.
  const score: BatchScore = (points, m) => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const [a, b, c] = choicesOf(points.subarray(i * 4, i * 4 + 4));
      const float = points[i * 4];
      const joint = a === 2 && b === 0 ? 5 + c : 0;
      const start = a === 1 && b === 1 ? 1 : 0;
      out[i] = joint + start - (float - 0.6) ** 2;
    }
    return out;
  };

  it('finds a joint switch of categoricals that single switches never reach', () => {
    const domain = twoCategoricalDomain();
    const start = domain.canonicalize(Float64Array.of(0.6, 0.5, 0.9, 0))!;
    const candidates = [start];
    const without = maximizeOverCandidates(domain, candidates, score, { localStarts: 1 });
    expect(choicesOf(without!.best.point)).toEqual([1, 1, -1]);
    const withEnumeration = maximizeOverCandidates(domain, candidates, score, { localStarts: 1, enumerateCategoricalsUpTo: 64 });
    expect(choicesOf(withEnumeration!.best.point)).toEqual([2, 0, 3]);
    expect(withEnumeration!.score).toBeCloseTo(8, 12);
  });

  it('bestCategoricalCombination keeps the start when nothing scores higher', () => {
    const domain = twoCategoricalDomain();
    const start = domain.canonicalize(Float64Array.of(0.6, 0.9, 0.1, 0.99))!;
    const startScore = score(start.point, 1)[0];
    const result = bestCategoricalCombination(domain, start, startScore, score, 64);
    expect(result.best).toBe(start);
    expect(result.evaluations).toBe(categoricalCombinations(domain, start, 64).length);
  });
});
