import { describe, expect, it } from 'vitest';
import { createSobolSequence } from '../../src/qmc/sobol.js';
import { MAX_SOBOL_DIMENSION } from '../../src/qmc/joe-kuo-direction-numbers.js';

// Reference values from SciPy 1.17 (same Joe & Kuo table, Gray-code order), e.g.
//   python3 -c "from scipy.stats import qmc; print(qmc.Sobol(d=8, scramble=False, bits=32).random(8))"
const FIRST_EIGHT_POINTS_D8 = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
  [0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75],
  [0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25],
  [0.375, 0.375, 0.625, 0.875, 0.375, 0.125, 0.375, 0.875],
  [0.875, 0.875, 0.125, 0.375, 0.875, 0.625, 0.875, 0.375],
  [0.625, 0.125, 0.875, 0.625, 0.625, 0.875, 0.125, 0.125],
  [0.125, 0.625, 0.375, 0.125, 0.125, 0.375, 0.625, 0.625],
];

// Point 1000 of the plain sequence in dimensions 1..64, times 2^32 (SciPy: random(1001)[1000] * 2**32).
const POINT_1000_FIRST_64 = [
  943718400, 415236096, 2227175424, 2906652672, 1203765248, 3896508416, 197132288, 3862953984, 2151677952, 297795584,
  364904448, 1094713344, 692060160, 1648361472, 616562688, 1589641216, 3091202048, 1480589312, 4257218560, 3116367872,
  2243952640, 2361393152, 4081057792, 2319450112, 2503999488, 3896508416, 171966464, 4206886912, 255852544, 1463812096,
  633339904, 624951296, 1270874112, 2545942528, 3443523584, 3309305856, 3644850176, 3569352704, 1321205760, 2059403264,
  3921674240, 1094713344, 4123000832, 3015704576, 3611295744, 398458880, 3745513472, 3946840064, 4290772992, 2059403264,
  1514143744, 2218786816, 3233808384, 1883242496, 541065216, 3829399552, 1950351360, 339738624, 3795845120, 2453667840,
  1916796928, 2587885568, 1111490560, 1916796928,
];

describe('createSobolSequence (plain)', () => {
  it('starts with the known first points', () => {
    const sequence = createSobolSequence(8, { scramble: false });
    for (const expected of FIRST_EIGHT_POINTS_D8) expect(Array.from(sequence.next())).toEqual(expected);
  });

  it('matches SciPy at point 1000 in the first 64 dimensions', () => {
    const points = createSobolSequence(64, { scramble: false }).take(1001);
    expect(Array.from(points.subarray(1000 * 64), (x) => x * 2 ** 32)).toEqual(POINT_1000_FIRST_64);
  });

  it('matches SciPy in all 1024 dimensions at the point that combines every initial direction number', () => {
    // Point 5461 is the XOR of the first 13 direction numbers (Gray code 0x1fff); 13 is the largest degree in
    // the table, so this checks every transcribed m_k. Checksum Σ_j (j + 1)·x_j·2^32 from SciPy.
    const points = createSobolSequence(MAX_SOBOL_DIMENSION, { scramble: false }).take(5462);
    let checksum = 0;
    for (let j = 0; j < MAX_SOBOL_DIMENSION; j++) checksum += (j + 1) * points[5461 * MAX_SOBOL_DIMENSION + j] * 2 ** 32;
    expect(checksum).toBe(1088654012317696);
  });

  it('puts the first 2^k points in each of the 2^k bins of every coordinate exactly once', () => {
    const d = 40;
    for (const k of [1, 4, 8, 10]) {
      const count = 2 ** k;
      const points = createSobolSequence(d, { scramble: false }).take(count);
      for (let j = 0; j < d; j++) {
        const hits = new Uint8Array(count);
        for (let i = 0; i < count; i++) hits[Math.floor(points[i * d + j] * count)]++;
        expect(hits.every((h) => h === 1), `dimension ${j + 1}, 2^${k} points`).toBe(true);
      }
    }
  });

  it('fills every 2-D cell of the two first coordinates as a (0, m, 2)-net', () => {
    // Dimensions 1 and 2 form a (0, m, 2)-sequence: 2^m points put one point in every elementary box
    // of area 2^-m, e.g. the 2^a x 2^(m-a) grids.
    const m = 8;
    const points = createSobolSequence(2, { scramble: false }).take(2 ** m);
    for (let a = 0; a <= m; a++) {
      const hits = new Set<number>();
      for (let i = 0; i < 2 ** m; i++) {
        hits.add(Math.floor(points[2 * i] * 2 ** a) * 2 ** (m - a) + Math.floor(points[2 * i + 1] * 2 ** (m - a)));
      }
      expect(hits.size).toBe(2 ** m);
    }
  });
});

describe('createSobolSequence (scrambled)', () => {
  it('is the same for the same seed, different across seeds, and next() continues take()', () => {
    const a = createSobolSequence(5, { seed: 3 }).take(64);
    const b = createSobolSequence(5, { seed: 3 }).take(64);
    const c = createSobolSequence(5, { seed: 4 }).take(64);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const sequence = createSobolSequence(5, { seed: 3 });
    sequence.take(10);
    expect(Array.from(sequence.next())).toEqual(Array.from(a.subarray(50, 55)));
  });

  it('keeps the one-point-per-bin property and stays inside [0, 1)', () => {
    const d = 12;
    const count = 2 ** 9;
    const points = createSobolSequence(d, { seed: 99 }).take(count);
    for (let j = 0; j < d; j++) {
      const hits = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const x = points[i * d + j];
        expect(x >= 0 && x < 1).toBe(true);
        hits[Math.floor(x * count)]++;
      }
      expect(hits.every((h) => h === 1), `dimension ${j + 1}`).toBe(true);
    }
  });

  it('is randomized: the first point is not the origin and coordinate means over seeds are near 1/2', () => {
    let sum = 0;
    const seeds = 400;
    for (let seed = 0; seed < seeds; seed++) {
      const first = createSobolSequence(3, { seed }).next();
      expect(Array.from(first)).not.toEqual([0, 0, 0]);
      sum += first[0] + first[1] + first[2];
    }
    // Each coordinate of a scrambled point is uniform: mean 1/2, sd of the average 1/sqrt(12·1200) ≈ 0.008.
    expect(Math.abs(sum / (3 * seeds) - 0.5)).toBeLessThan(0.035);
  });

  it('integrates a smooth function far better than its pseudo-random error scale', () => {
    // ∫ Π_j (1 + (x_j − 1/2)) dx over [0,1]^4 = 1.
    const d = 4;
    const count = 4096;
    const points = createSobolSequence(d, { seed: 1 }).take(count);
    let total = 0;
    for (let i = 0; i < count; i++) {
      let product = 1;
      for (let j = 0; j < d; j++) product *= 1 + (points[i * d + j] - 0.5);
      total += product;
    }
    // Plain Monte Carlo's standard error here is ≈ 0.3/√4096 ≈ 0.005; a scrambled net does much better.
    expect(Math.abs(total / count - 1)).toBeLessThan(5e-4);
  });

  it('scrambles the digits, not only shifts them: removing the shift does not give back the plain points', () => {
    const word = (x: number) => Math.round(x * 2 ** 32) >>> 0;
    const scrambled = createSobolSequence(3, { seed: 5 }).take(64);
    const plain = createSobolSequence(3, { scramble: false }).take(64);
    let differing = 0;
    for (let i = 0; i < 64 * 3; i++) if ((word(scrambled[i]) ^ word(scrambled[i % 3])) >>> 0 !== word(plain[i])) differing++;
    expect(differing).toBeGreaterThan(100);
  });

  it('rejects dimensions outside the table and bad counts', () => {
    expect(() => createSobolSequence(0)).toThrow(RangeError);
    expect(() => createSobolSequence(MAX_SOBOL_DIMENSION + 1)).toThrow(RangeError);
    expect(() => createSobolSequence(2).take(-1)).toThrow(RangeError);
  });
});
