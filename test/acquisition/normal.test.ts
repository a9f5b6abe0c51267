import { describe, expect, it } from 'vitest';
import { complementaryErrorFunction, normalCdf, normalPdf } from '../../src/acquisition/normal.js';

// Reference values from mpmath at 40 digits:
//   python3 -c "import mpmath as mp; mp.mp.dps=40; print(float(mp.ncdf(-8)))"   (likewise mp.erfc)
const CDF_REFERENCE: Array<[number, number]> = [
  [-37, 5.725571222524577e-300],
  [-20, 2.7536241186062337e-89],
  [-8, 6.220960574271784e-16],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [-0.1, 0.460172162722971],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517795],
  [3, 0.9986501019683699],
  [5, 0.9999997133484281],
];

const ERFC_REFERENCE: Array<[number, number]> = [
  [0.2, 0.7772974107895215],
  [0.46875, 0.507386526782062],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [3, 2.209049699858544e-5],
  [4, 1.541725790028002e-8],
  [4.5, 1.9661604415428876e-10],
  [10, 2.088487583762545e-45],
  [26, 5.663192408856143e-296],
];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('normalCdf', () => {
  it('matches 40-digit reference values to near machine precision, deep into the lower tail', () => {
    for (const [z, expected] of CDF_REFERENCE) {
      // Rounding z/√2 alone costs a relative error of about z²·eps in the tail; nothing can do better.
      expect(relativeError(normalCdf(z), expected), `Φ(${z})`).toBeLessThan(2e-15 * (1 + z * z));
    }
  });

  it('gives the textbook values Φ(−8) = 6.22096e-16 and Φ(1.96) = 0.9750021', () => {
    expect(normalCdf(-8)).toBeCloseTo(6.22096e-16, 20);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
  });

  it('is symmetric, monotone, and saturates without NaN', () => {
    for (let z = -10; z <= 10; z += 0.37) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
    let previous = 0;
    for (let z = -40; z <= 40; z += 0.01) {
      const value = normalCdf(z);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
    expect(normalCdf(-50)).toBe(0);
    expect(normalCdf(50)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('complementaryErrorFunction', () => {
  it('matches reference values in each of Cody’s three ranges and for negative arguments', () => {
    for (const [x, expected] of ERFC_REFERENCE) {
      expect(relativeError(complementaryErrorFunction(x), expected), `erfc(${x})`).toBeLessThan(2e-14);
      expect(complementaryErrorFunction(-x)).toBeCloseTo(2 - expected, 15);
    }
  });
});

describe('normalPdf', () => {
  it('is the standard normal density', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(relativeError(normalPdf(3), 0.0044318484119380075)).toBeLessThan(1e-15);
  });
});
