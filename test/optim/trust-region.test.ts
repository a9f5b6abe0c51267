import { describe, expect, it } from 'vitest';
import { confineToTrustRegion, insideTrustRegion, trustRegionCandidates, type TrustRegion } from '../../src/optim/index.js';

const region: TrustRegion = {
  anchors: [Float64Array.of(0.1, 0.9, 0.2), Float64Array.of(0.8, 0.5, 0.2)],
  halfWidth: 0.2,
  kinds: ['float', 'float', 'categorical'],
};

describe('trust region', () => {
  it('contains points within halfWidth of some anchor in every numeric coordinate, ignoring categoricals', () => {
    expect(insideTrustRegion(region, [0.25, 0.75, 0.9], 0)).toBe(true); // near anchor 0; categorical differs
    expect(insideTrustRegion(region, [0.25, 0.65, 0.2], 0)).toBe(false); // 0.25 from anchor 0 in x1
    expect(insideTrustRegion(region, [0.45, 0.9, 0.2], 0)).toBe(false); // between the boxes
  });

  it('never blocks a coordinate held at the inactive value 0.5', () => {
    // Anchor 1 has x1 = 0.5 (an inactive conditional): any x1 is fine near it.
    expect(insideTrustRegion(region, [0.9, 0.05, 0.2], 0)).toBe(true);
    expect(insideTrustRegion(region, [0.1, 0.5, 0.2], 0)).toBe(true);
  });

  it('scores points outside as −∞ and maps unit points into the boxes', () => {
    const score = confineToTrustRegion((_, m) => new Float64Array(m).fill(1), region);
    expect(Array.from(score(Float64Array.of(0.1, 0.9, 0, 0.45, 0.2, 0), 2))).toEqual([1, Number.NEGATIVE_INFINITY]);
    const mapped = trustRegionCandidates(region, Float64Array.of(0, 1, 0.3, 1, 0, 0.7), 2);
    // Row 0 around anchor 0: (0.1 − 0.2 → clipped 0, 0.9 + 0.2 → clipped 1, categorical kept 0.3).
    expect(Array.from(mapped.subarray(0, 3))).toEqual([0, 1, 0.3]);
    // Row 1 around anchor 1: (0.8 + 0.2, 0.5 − 0.2, 0.7).
    expect(mapped[3]).toBeCloseTo(1, 12);
    expect(mapped[4]).toBeCloseTo(0.3, 12);
    expect(mapped[5]).toBe(0.7);
  });
});
