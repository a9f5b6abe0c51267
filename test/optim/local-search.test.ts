import { describe, expect, it } from 'vitest';
import { localSearch, type BatchScore, type CanonicalPoint, type SearchDomain } from '../../src/optim/index.js';
import { decodeMixed, mixedDomain } from './fake-domain.js';

function scoreOf(f: (p: ReturnType<typeof decodeMixed>) => number, calls?: { points: Float64Array[] }): BatchScore {
  return (points, m) => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const point = points.slice(i * 4, i * 4 + 4);
      calls?.points.push(point);
      out[i] = f(decodeMixed(point));
    }
    return out;
  };
}

function start(domain: SearchDomain, u: number[]) {
  return domain.canonicalize(Float64Array.from(u))!;
}

describe('localSearch', () => {
  it('climbs a smooth float optimum to within the finest step', () => {
    const domain = mixedDomain();
    const score = scoreOf((p) => -((p.float - 0.3137) ** 2));
    const from = start(domain, [0.8, 0.5, 0.1, 0.5]);
    const result = localSearch(domain, from, score(from.point, 1)[0], score, { minimumStep: 1 / 1024 });
    expect(Math.abs(decodeMixed(result.best.point).float - 0.3137)).toBeLessThan(1 / 512);
  });

  it('reaches an optimum on the face of the box exactly', () => {
    const domain = mixedDomain();
    const score = scoreOf((p) => -p.float);
    const from = start(domain, [0.55, 0.5, 0.1, 0.5]);
    const result = localSearch(domain, from, score(from.point, 1)[0], score);
    expect(decodeMixed(result.best.point).float).toBe(0);
  });

  it('moves ints to neighbouring values and switches categorical choices, activating conditional dims', () => {
    const domain = mixedDomain();
    // Best: int 3, choice 1, conditional near 0.8.
    const score = scoreOf((p) => -Math.abs(p.int - 3) + (p.choice === 1 ? 2 - Math.abs((p.conditional ?? 0) - 0.8) : 0));
    const from = start(domain, [0.5, 0.05, 0.1, 0.5]);
    const result = localSearch(domain, from, score(from.point, 1)[0], score);
    const best = decodeMixed(result.best.point);
    expect(best.int).toBe(3);
    expect(best.choice).toBe(1);
    expect(Math.abs(best.conditional! - 0.8)).toBeLessThan(0.01);
  });

  it('scores only canonical, feasible, non-excluded points and respects its budget', () => {
    const domain = mixedDomain();
    const calls = { points: [] as Float64Array[] };
    // The score pulls towards float = 1 with choice 2, which the constraint forbids above 0.9.
    const score = scoreOf((p) => p.float + (p.choice === 2 ? 1 : 0), calls);
    const from = start(domain, [0.5, 0.5, 0.9, 0.5]);
    const excluded = domain.canonicalize(Float64Array.of(0.6, 0.5, 0.9, 0.5))!;
    const result = localSearch(domain, from, 0, score, { maxEvaluations: 60, exclude: new Set([excluded.key]) });
    expect(calls.points.length).toBeLessThanOrEqual(60);
    for (const point of calls.points) {
      const canonical = domain.canonicalize(point);
      expect(canonical).not.toBeNull();
      expect(Array.from(canonical!.point)).toEqual(Array.from(point));
      expect(canonical!.key).not.toBe(excluded.key);
    }
    const best = decodeMixed(result.best.point);
    expect(best.choice).toBe(2);
    expect(best.float).toBeLessThanOrEqual(0.9);
    expect(best.float).toBeGreaterThan(0.85);
  });
});

describe('localSearch on integer parameters', () => {
  /** One int of `cells` values on [0,1] (canonical (v + ½)/cells), plus a float. */
  function intDomain(cells: number): SearchDomain {
    return {
      d: 2,
      kinds: ['int', 'float'],
      choiceCounts: [0, 0],
      canonicalize(u: Float64Array): CanonicalPoint | null {
        const value = Math.min(cells - 1, Math.floor(Math.min(1, Math.max(0, u[0])) * cells));
        const point = Float64Array.of((value + 0.5) / cells, Math.min(1, Math.max(0, u[1])));
        return { point, key: `${value},${point[1].toFixed(12)}` };
      },
    };
  }

  it.each([5, 1000])('scores only points on the integer grid and reaches the best integer (%i values)', (cells) => {
    const domain = intDomain(cells);
    const target = Math.round(cells * 0.731);
    const scored: number[] = [];
    const score: BatchScore = (points, m) => {
      const out = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        scored.push(points[i * 2]);
        const value = points[i * 2] * cells - 0.5;
        out[i] = -Math.abs(value - target) - (points[i * 2 + 1] - 0.5) ** 2;
      }
      return out;
    };
    const from = domain.canonicalize(Float64Array.of(0.05, 0.2))!;
    const result = localSearch(domain, from, score(from.point, 1)[0], score, { maxEvaluations: 2000 });
    for (const coordinate of scored) {
      const value = coordinate * cells - 0.5;
      expect(Math.abs(value - Math.round(value))).toBeLessThan(1e-9);
    }
    expect(Math.round(result.best.point[0] * cells - 0.5)).toBe(target);
  });
});
