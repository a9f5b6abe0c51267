import { describe, expect, it } from 'vitest';
import { standardDeviationsToImprove } from '../../src/samplers/improvement-distance.js';

describe('standardDeviationsToImprove', () => {
  // Front (1, 3), (2, 2), (3, 1) below ref (4, 4).
  const front = Float64Array.of(1, 3, 2, 2, 3, 1);

  it('is 0 for a mean that already improves the front', () => {
    expect(standardDeviationsToImprove(front, 3, [4, 4], [1.5, 2.5], [0.1, 0.1])).toBe(0);
  });

  it('counts the standard deviations until the mean leaves the dominated region (hand-computed)', () => {
    // Mean (2.5, 2.5), sd (0.5, 0.25): dominated by (2, 2) until t = min(0.5/0.5, 0.5/0.25) = 1; by (1, 3) never
    // (2.5 < 3); by (3, 1) never (2.5 < 3). So t = 1.
    expect(standardDeviationsToImprove(front, 3, [4, 4], [2.5, 2.5], [0.5, 0.25])).toBeCloseTo(1, 12);
    // Mean (6, 3.5), sd (1, 1): (3, 1) dominates until min(3, 2.5) = 2.5, later than the reference box (t > 2).
    expect(standardDeviationsToImprove(front, 3, [4, 4], [6, 3.5], [1, 1])).toBeCloseTo(2.5, 12);
    // Mean (6, 0.5): no front point dominates it; it only has to get inside the box: t = (6 − 4)/1 = 2.
    expect(standardDeviationsToImprove(front, 3, [4, 4], [6, 0.5], [1, 1])).toBeCloseTo(2, 12);
  });

  it('is infinite for a certain prediction that does not improve', () => {
    expect(standardDeviationsToImprove(front, 3, [4, 4], [2.5, 2.5], [0, 0])).toBe(Number.POSITIVE_INFINITY);
  });
});
