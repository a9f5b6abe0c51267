import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '../../src/random/rng.js';

describe('createRng', () => {
  it('reproduces the same stream for the same seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    const sb = Array.from({ length: 5 }, () => b.next());
    const sc = Array.from({ length: 5 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('gives uniforms in [0,1) with the right mean and normals with the right moments', () => {
    const rng = createRng(1);
    let sum = 0;
    let normalSum = 0;
    let normalSq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const z = rng.normal();
      normalSum += z;
      normalSq += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(normalSum / n).toBeCloseTo(0, 1);
    expect(normalSq / n).toBeCloseTo(1, 1);
  });

  it('int(n) covers 0..n-1 only', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('shuffles into a permutation, reproducibly', () => {
    const a = shuffleInPlace([...Array(10).keys()], createRng(9));
    const b = shuffleInPlace([...Array(10).keys()], createRng(9));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
    expect(a).not.toEqual([...Array(10).keys()]);
  });
});
