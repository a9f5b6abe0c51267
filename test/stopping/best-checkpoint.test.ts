import { describe, expect, it } from 'vitest';
import { bestCheckpointIndex } from '../../src/stopping/best-checkpoint.js';
import { emCurve } from './curves.js';

describe('bestCheckpointIndex', () => {
  it('picks the highest dev EM', () => {
    expect(bestCheckpointIndex(emCurve([0.1, 0.8, 0.3]))).toBe(1);
  });

  it('breaks EM ties by lower dev loss, then by the earlier point', () => {
    expect(bestCheckpointIndex(emCurve([0.5, 0.8, 0.8, 0.8], 1000, [1, 0.4, 0.3, 0.35]))).toBe(2);
    expect(bestCheckpointIndex(emCurve([0.5, 0.8, 0.8, 0.8], 1000, [1, 0.3, 0.3, 0.3]))).toBe(1);
    expect(bestCheckpointIndex(emCurve([0.8, 0.8], 1000, [NaN, 0.9]))).toBe(1);
  });

  it('ignores non-finite EM and returns null without a usable point', () => {
    expect(bestCheckpointIndex(emCurve([NaN, 0.2, NaN]))).toBe(1);
    expect(bestCheckpointIndex([])).toBeNull();
    expect(bestCheckpointIndex(emCurve([NaN]))).toBeNull();
  });
});
