import { describe, expect, it } from 'vitest';
import { perturbationCandidates } from '../../src/optim/index.js';
import { createRng } from '../../src/random/rng.js';

describe('perturbationCandidates', () => {
  const anchors = Float64Array.of(0.02, 0.5, 0.98, 0.3, 0.7, 0.5);

  it('stays in the box, lands some candidates exactly on its faces, and stays near the anchors', () => {
    const points = perturbationCandidates(anchors, 2, 3, 600, createRng(1), { meanMovedCoordinates: 1 });
    expect(points.length).toBe(1800);
    let onFace = 0;
    let unchanged = 0;
    for (let i = 0; i < 600; i++) {
      const anchor = anchors.subarray((i % 2) * 3, (i % 2) * 3 + 3);
      let moved = 0;
      for (let j = 0; j < 3; j++) {
        const value = points[i * 3 + j];
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        if (value === 0 || value === 1) onFace++;
        if (value !== anchor[j]) moved++;
      }
      expect(moved).toBeGreaterThanOrEqual(1);
      if (moved < 3) unchanged++;
    }
    expect(onFace).toBeGreaterThan(30);
    expect(unchanged).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const a = perturbationCandidates(anchors, 2, 3, 50, createRng(7));
    const b = perturbationCandidates(anchors, 2, 3, 50, createRng(7));
    const c = perturbationCandidates(anchors, 2, 3, 50, createRng(8));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});
