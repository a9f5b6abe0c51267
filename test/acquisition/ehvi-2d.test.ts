import { describe, expect, it } from 'vitest';
import { expectedHypervolumeImprovement2d } from '../../src/acquisition/ehvi-2d.js';
import { expectedShortfall } from '../../src/acquisition/expected-shortfall.js';
import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import { createRng, type Rng } from '../../src/random/rng.js';

type Reference = readonly [number, number];

/** Hypervolume improvement of one point, from the definition: HV(front ∪ {point}) − HV(front). */
function improvement(front: Float64Array, k: number, ref: Reference, y1: number, y2: number): number {
  const union = new Float64Array(2 * k + 2);
  union.set(front.subarray(0, 2 * k));
  union[2 * k] = y1;
  union[2 * k + 1] = y2;
  return hypervolume2d(union, k + 1, ref) - hypervolume2d(front, k, ref);
}

/** Monte Carlo estimate of EHVI and its standard error. */
function monteCarloEhvi(
  front: Float64Array,
  k: number,
  ref: Reference,
  candidate: { mean1: number; sd1: number; mean2: number; sd2: number },
  samples: number,
  rng: Rng,
): { mean: number; standardError: number } {
  const frontVolume = hypervolume2d(front, k, ref);
  const union = new Float64Array(2 * k + 2);
  union.set(front.subarray(0, 2 * k));
  let sum = 0;
  let sumOfSquares = 0;
  for (let s = 0; s < samples; s++) {
    union[2 * k] = candidate.mean1 + candidate.sd1 * rng.normal();
    union[2 * k + 1] = candidate.mean2 + candidate.sd2 * rng.normal();
    const value = hypervolume2d(union, k + 1, ref) - frontVolume;
    sum += value;
    sumOfSquares += value * value;
  }
  const mean = sum / samples;
  const variance = Math.max(0, sumOfSquares / samples - mean * mean);
  return { mean, standardError: Math.sqrt(variance / samples) };
}

function ehviOne(front: Float64Array, k: number, ref: Reference, mean1: number, sd1: number, mean2: number, sd2: number) {
  const f = (x: number) => new Float64Array([x]);
  return expectedHypervolumeImprovement2d(front, k, ref, f(mean1), f(sd1), f(mean2), f(sd2))[0];
}

/** A random non-dominated staircase of k points in (0, 1)², shuffled. */
function randomFront(k: number, rng: Rng): Float64Array {
  const firsts = Array.from({ length: k }, () => rng.next()).sort((a, b) => a - b);
  const seconds = Array.from({ length: k }, () => rng.next()).sort((a, b) => b - a);
  const order = Array.from({ length: k }, (_, i) => i).sort(() => rng.next() - 0.5);
  const front = new Float64Array(2 * k);
  order.forEach((source, target) => {
    front[2 * target] = firsts[source];
    front[2 * target + 1] = seconds[source];
  });
  return front;
}

describe('expectedHypervolumeImprovement2d', () => {
  it('agrees with Monte Carlo estimates (200k samples) within 4 standard errors on varied fronts and predictions', () => {
    const rng = createRng(2024);
    const ref: Reference = [1.1, 1.2];
    const cases = [
      { k: 6, mean1: 0.4, sd1: 0.2, mean2: 0.5, sd2: 0.3 }, // near the front
      { k: 6, mean1: 0.8, sd1: 0.5, mean2: 0.9, sd2: 0.4 }, // behind the front, wide
      { k: 12, mean1: 0.1, sd1: 0.05, mean2: 0.2, sd2: 0.1 }, // ahead of the front, narrow
      { k: 3, mean1: 1.3, sd1: 0.3, mean2: 0.2, sd2: 0.2 }, // beyond the reference in objective 1
      { k: 5, mean1: 0.5, sd1: 0, mean2: 0.3, sd2: 0.25 }, // certain in objective 1
      { k: 0, mean1: 0.6, sd1: 0.4, mean2: 0.7, sd2: 0.2 }, // empty front
    ];
    for (const candidate of cases) {
      const front = randomFront(candidate.k, rng);
      const exact = ehviOne(front, candidate.k, ref, candidate.mean1, candidate.sd1, candidate.mean2, candidate.sd2);
      const estimate = monteCarloEhvi(front, candidate.k, ref, candidate, 200_000, rng);
      expect(estimate.mean).toBeGreaterThan(0);
      if (process.env.EHVI_DEBUG) console.log(candidate, exact, (exact - estimate.mean) / estimate.standardError);
      expect(Math.abs(exact - estimate.mean), JSON.stringify({ candidate, exact, estimate })).toBeLessThan(
        4 * estimate.standardError + 1e-12,
      );
    }
  });

  it('tolerates dominated front points and points outside the reference box', () => {
    const ref: Reference = [1, 1];
    const clean = new Float64Array([0.2, 0.7, 0.5, 0.4, 0.8, 0.1]);
    const noisy = new Float64Array([0.6, 0.6, 0.2, 0.7, 1.5, 0.0, 0.5, 0.4, 0.9, 0.9, 0.8, 0.1, 0.2, 0.7, -1, 2]);
    const mean1 = new Float64Array([0.3, 0.9, 0.05]);
    const sd1 = new Float64Array([0.1, 0.3, 0.02]);
    const mean2 = new Float64Array([0.3, 0.2, 0.95]);
    const sd2 = new Float64Array([0.2, 0.1, 0.05]);
    const expected = expectedHypervolumeImprovement2d(clean, 3, ref, mean1, sd1, mean2, sd2);
    const actual = expectedHypervolumeImprovement2d(noisy, 8, ref, mean1, sd1, mean2, sd2);
    for (let c = 0; c < 3; c++) expect(actual[c]).toBeCloseTo(expected[c], 15);
  });

  it('equals the exact hypervolume improvement when sd is 0, and tends to it as sd → 0', () => {
    const rng = createRng(7);
    const ref: Reference = [1, 1];
    const k = 10;
    const front = randomFront(k, rng);
    for (let trial = 0; trial < 50; trial++) {
      const y1 = rng.next() * 1.2 - 0.1;
      const y2 = rng.next() * 1.2 - 0.1;
      const exact = improvement(front, k, ref, y1, y2);
      expect(ehviOne(front, k, ref, y1, 0, y2, 0)).toBeCloseTo(exact, 14);
      expect(ehviOne(front, k, ref, y1, 1e-9, y2, 1e-9)).toBeCloseTo(exact, 8);
    }
  });

  it('with an empty front is the expected box volume ψ₁(ref₁)·ψ₂(ref₂)', () => {
    const value = ehviOne(new Float64Array([]), 0, [2, 3], 1, 0.5, 1, 2);
    expect(value).toBeCloseTo(expectedShortfall(2, 1, 0.5) * expectedShortfall(3, 1, 2), 14);
    expect(ehviOne(new Float64Array([]), 0, [2, 3], 1, 0, 1, 0)).toBe(2); // deterministic 1 x 2 box
  });

  it('is tiny but positive far beyond the reference point and exactly 0 when that is certain', () => {
    const front = new Float64Array([0.2, 0.5, 0.5, 0.2]);
    const far = ehviOne(front, 2, [1, 1], 3, 0.5, 3, 0.5);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-6);
    expect(ehviOne(front, 2, [1, 1], 3, 0, 0, 0)).toBe(0);
    expect(ehviOne(front, 2, [1, 1], 0.6, 0, 0.6, 0)).toBe(0); // certain and dominated
  });

  it('evaluates many candidates at once exactly as one at a time, and marks NaN inputs', () => {
    const rng = createRng(1);
    const k = 30;
    const front = randomFront(k, rng);
    const m = 200;
    const columns = [0, 1, 2, 3].map(() => new Float64Array(m));
    for (let c = 0; c < m; c++) {
      columns[0][c] = rng.next() * 1.4 - 0.2;
      columns[1][c] = rng.next() < 0.1 ? 0 : rng.next() * 0.3;
      columns[2][c] = rng.next() * 1.4 - 0.2;
      columns[3][c] = rng.next() * 0.3;
    }
    columns[2][5] = Number.NaN;
    const all = expectedHypervolumeImprovement2d(front, k, [1, 1], columns[0], columns[1], columns[2], columns[3]);
    for (let c = 0; c < m; c++) {
      const single = ehviOne(front, k, [1, 1], columns[0][c], columns[1][c], columns[2][c], columns[3][c]);
      if (c === 5) expect(all[c]).toBeNaN();
      else expect(all[c]).toBe(single);
    }
  });

  it('rejects prediction arrays of different lengths', () => {
    const a = new Float64Array(3);
    expect(() => expectedHypervolumeImprovement2d(new Float64Array([]), 0, [1, 1], a, a, new Float64Array(2), a)).toThrow(
      RangeError,
    );
  });
});
