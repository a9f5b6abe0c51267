import { describe, expect, it } from 'vitest';
import { matern52 } from '../../src/gp/matern52.js';

describe('matern52', () => {
  it('is 1 at distance 0 and matches the closed form elsewhere', () => {
    expect(matern52(0)).toBe(1);
    // r = 1: (1 + √5 + 5/3)·e^{−√5} = 0.52399...
    expect(matern52(1)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 14);
    expect(matern52(1)).toBeCloseTo(0.5239941088318204, 12);
    // r = 10: 190.0…·e^{−22.36…} ≈ 3.7e-8.
    expect(matern52(100)).toBeLessThan(1e-7);
  });

  it('decreases with distance', () => {
    let previous = matern52(0);
    for (let r2 = 0.01; r2 < 10; r2 *= 1.5) {
      const value = matern52(r2);
      expect(value).toBeLessThan(previous);
      previous = value;
    }
  });
});
