import { describe, expect, it } from 'vitest';
import { clampUnit, scaleOf } from '../../src/space/param-scale.js';

describe('scaleOf', () => {
  it('maps a linear float affinely and a log float geometrically', () => {
    const linear = scaleOf({ type: 'float', low: -1, high: 3 });
    expect(linear.decode(0.25)).toBe(0);
    expect(linear.encode(2)).toBe(0.75);
    const log = scaleOf({ type: 'float', low: 0.001, high: 10, log: true });
    expect(log.decode(0.25)).toBeCloseTo(0.01, 15);
    expect(log.encode(1)).toBeCloseTo(0.75, 15);
    expect(log.decode(0)).toBe(0.001);
    expect(log.decode(1)).toBe(10);
  });

  it('puts each integer at the centre of an equal cell on a linear int scale', () => {
    const int = scaleOf({ type: 'int', low: 0, high: 4 });
    expect([0, 0.19, 0.2, 0.59, 0.6, 0.99, 1].map((u) => int.decode(u))).toEqual([0, 0, 1, 2, 3, 4, 4]);
    expect([0, 1, 2, 3, 4].map((k) => int.encode(k))).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
  });

  it('gives a log int cells of equal log-width around each integer, [k − ½, k + ½]', () => {
    const logInt = scaleOf({ type: 'int', low: 1, high: 3, log: true });
    const span = Math.log(3.5) - Math.log(0.5);
    const boundary = (k: number) => (Math.log(k + 0.5) - Math.log(0.5)) / span; // between k and k + 1
    expect(logInt.decode(boundary(1) - 1e-9)).toBe(1);
    expect(logInt.decode(boundary(1) + 1e-9)).toBe(2);
    expect(logInt.decode(boundary(2) + 1e-9)).toBe(3);
    expect(logInt.encode(2)).toBeCloseTo((boundary(1) + boundary(2)) / 2, 15);
  });

  it('indexes categorical choices by floor(u · c), clamped, and encodes at cell centres', () => {
    const categorical = scaleOf({ type: 'categorical', choices: ['a', 1, false] });
    expect([0, 0.33, 0.34, 0.67, 1].map((u) => categorical.decode(u))).toEqual(['a', 'a', 1, false, false]);
    expect(categorical.encode(1)).toBe(0.5);
    expect(() => categorical.encode('1')).toThrow(RangeError);
    expect(categorical.inactiveCoordinate).toBe(0);
  });
});

describe('clampUnit', () => {
  it('clamps to [0, 1] and refuses NaN', () => {
    expect(clampUnit(-0.5)).toBe(0);
    expect(clampUnit(1.5)).toBe(1);
    expect(() => clampUnit(NaN)).toThrow(RangeError);
  });
});
