import { describe, expect, it } from 'vitest';
import { DISABLED_FUNCTIONS, helperName, restrictedMath } from '../../src/space/safe-math.js';

describe('the restricted mathjs instance', () => {
  it.each(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver'])(
    'has %s disabled',
    (name) => {
      expect(DISABLED_FUNCTIONS).toContain(name);
      expect(() => (restrictedMath[name] as (...args: unknown[]) => unknown)('1')).toThrow(/is disabled/);
    },
  );

  it('still computes with the functions expressions are rewritten to', () => {
    const equal = restrictedMath[helperName('equal')] as (a: unknown, b: unknown) => unknown;
    expect(equal('patience', 'patience')).toBe(true);
    expect(equal('patience', 'none')).toBe(false);
    expect(equal(undefined, 'none')).toBeUndefined();
    const sqrt = restrictedMath[helperName('sqrt')] as (a: unknown) => unknown;
    expect(sqrt(-1)).toBeNaN(); // predictable: a real NaN, not a Complex number
  });
});

describe('comparison helpers', () => {
  it('agree with mathjs on numbers, tolerance included', async () => {
    const { create, all } = await import('mathjs');
    const reference = create(all);
    const values = [0, 1e-16, -1e-16, 0.1 + 0.2, 0.3, 1, 1 + 1e-13, 1 + 1e-9, -2, 1e300, Infinity, -Infinity, NaN];
    const disagreements: string[] = [];
    for (const name of ['equal', 'unequal', 'smaller', 'larger', 'smallerEq', 'largerEq'] as const) {
      const helper = restrictedMath[helperName(name)] as (a: number, b: number) => boolean;
      for (const a of values) {
        for (const b of values) {
          if (helper(a, b) !== reference[name](a, b)) disagreements.push(`${name}(${a}, ${b})`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
