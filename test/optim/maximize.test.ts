import { describe, expect, it } from 'vitest';
import { canonicalCandidates, maximizeOverCandidates, type BatchScore } from '../../src/optim/index.js';
import { decodeMixed, mixedDomain } from './fake-domain.js';

describe('canonicalCandidates', () => {
  it('drops infeasible, duplicate and excluded candidates', () => {
    const domain = mixedDomain();
    const excluded = domain.canonicalize(Float64Array.of(0.2, 0.1, 0.1, 0.3))!;
    const raw = Float64Array.of(
      0.2, 0.1, 0.1, 0.9, // same recipe as `excluded` (dim 3 inactive)
      0.95, 0.5, 0.9, 0.5, // infeasible
      0.5, 0.5, 0.5, 0.25,
      0.5, 0.55, 0.5, 0.25, // same int cell as the previous one
    );
    const points = canonicalCandidates(domain, raw, 4, new Set([excluded.key]));
    expect(points.map((p) => decodeMixed(p.point))).toEqual([{ float: 0.5, int: 2, choice: 1, conditional: 0.25 }]);
  });
});

describe('maximizeOverCandidates', () => {
  it('refines the best screened candidates to the global maximum of a two-mode score', () => {
    const domain = mixedDomain();
    // A broad local mode at float 0.2 (height 1) and a narrow global one at float 0.71 (height 2), both at choice 0.
    const score: BatchScore = (points, m) =>
      Float64Array.from({ length: m }, (_, i) => {
        const p = decodeMixed(points.slice(i * 4, i * 4 + 4));
        if (p.choice !== 0) return -1;
        return Math.exp(-(((p.float - 0.2) / 0.2) ** 2)) + 2 * Math.exp(-(((p.float - 0.71) / 0.05) ** 2));
      });
    const raw = new Float64Array(40 * 4);
    for (let i = 0; i < 40; i++) raw.set([i / 40, 0.5, 0.1, 0.5], i * 4);
    const result = maximizeOverCandidates(domain, canonicalCandidates(domain, raw, 40), score, { localStarts: 3 });
    expect(result).not.toBeNull();
    expect(Math.abs(decodeMixed(result!.best.point).float - 0.71)).toBeLessThan(0.005);
    expect(result!.score).toBeGreaterThan(1.99);
  });

  it('returns null without candidates', () => {
    expect(maximizeOverCandidates(mixedDomain(), [], () => new Float64Array(0))).toBeNull();
  });
});
