import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/space/expression.js';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_OPERATORS,
  DISABLED_FUNCTIONS,
  helperName,
  restrictedMath,
} from '../../src/space/safe-math.js';

describe('the restricted mathjs instance', () => {
  it.each(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver'])(
    'has %s disabled',
    (name) => {
      expect(DISABLED_FUNCTIONS).toContain(name);
      expect(() => (restrictedMath()[name] as (...args: unknown[]) => unknown)('1')).toThrow(/is disabled/);
    },
  );

  it('still computes with the functions expressions are rewritten to', () => {
    const equal = restrictedMath()[helperName('equal')] as (a: unknown, b: unknown) => unknown;
    expect(equal('patience', 'patience')).toBe(true);
    expect(equal('patience', 'none')).toBe(false);
    expect(equal(undefined, 'none')).toBeUndefined();
    const sqrt = restrictedMath()[helperName('sqrt')] as (a: unknown) => unknown;
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
      const helper = restrictedMath()[helperName(name)] as (a: number, b: number) => boolean;
      for (const a of values) {
        for (const b of values) {
          if (helper(a, b) !== reference[name](a, b)) disagreements.push(`${name}(${a}, ${b})`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

/**
 * Expressions covering every allowed function (each arity it accepts, and the edge cases where mathjs departs from
 * JavaScript's Math) and every allowed operator, keyed by the function or operator they exercise.
 */
const FUNCTION_CASES: Record<string, string[]> = {
  abs: ['abs(-2.5)', 'abs(0)'],
  sign: ['sign(-3)', 'sign(0)', 'sign(4.2)'],
  sqrt: ['sqrt(16)', 'sqrt(2)', 'sqrt(-4)'],
  exp: ['exp(1)', 'exp(-2)'],
  log: ['log(10)', 'log(8, 2)', 'log(0)', 'log(-1)'],
  log2: ['log2(1024)', 'log2(3)'],
  log10: ['log10(0.001)', 'log10(2)'],
  floor: ['floor(-2.5)', 'floor(2.5)'],
  ceil: ['ceil(-2.5)', 'ceil(2.5)'],
  round: ['round(2.5)', 'round(-2.5)', 'round(1.005, 2)', 'round(3.14159, 3)'],
  min: ['min(3)', 'min(3, -1, 2)'],
  max: ['max(3)', 'max(3, -1, 2)'],
  pow: ['pow(2, 10)', 'pow(-8, 1/3)', 'pow(-2, 0.5)', 'pow(0.5, -1)'],
  mod: ['mod(7, 4)', 'mod(-7, 4)', 'mod(7, -4)', 'mod(5.5, 2)', 'mod(3, 0)'],
};
const OPERATOR_CASES: Record<string, string[]> = {
  add: ['1.5 + 2'],
  subtract: ['1.5 - 2'],
  multiply: ['3 * -2'],
  divide: ['1 / 3', '1 / 0'],
  mod: ['-7 mod 4'],
  pow: ['2 ^ 10', '(-27) ^ (1/3)', '(-2) ^ 0.5'],
  unaryMinus: ['-(3)'],
  unaryPlus: ['+(3)'],
  equal: ['0.1 + 0.2 == 0.3', '1 == 2'],
  unequal: ['0.1 + 0.2 != 0.3', '1 != 2'],
  smaller: ['1 < 1 + 1e-13', '1 < 2'],
  larger: ['2 > 1', '1 + 1e-13 > 1'],
  smallerEq: ['1 + 1e-13 <= 1', '3 <= 2'],
  largerEq: ['1 >= 1 + 1e-13', '2 >= 3'],
  and: ['1 and 0', '2 and 3'],
  or: ['0 or 0', '0 or 5'],
  xor: ['1 xor 1', '1 xor 0'],
  not: ['not 0', 'not 2'],
};

describe('the functions and operators expressions may use', () => {
  it('has a case for every allowed function and operator', () => {
    expect(Object.keys(FUNCTION_CASES).sort()).toEqual([...ALLOWED_FUNCTIONS.keys()].sort());
    expect(Object.keys(OPERATOR_CASES).sort()).toEqual([...ALLOWED_OPERATORS].sort());
  });

  it('compute what the full mathjs computes (predictable mode)', async () => {
    const { create, all } = await import('mathjs');
    const reference = create(all, { predictable: true });
    const differences: string[] = [];
    for (const text of [...Object.values(FUNCTION_CASES), ...Object.values(OPERATOR_CASES)].flat()) {
      const compiled = compileExpression(text, { source: 'x.json', path: '$.derived.x', parameters: new Map(), expect: 'value' });
      const ours = compiled.evaluate(new Map());
      const theirs = reference.evaluate(text) as unknown;
      if (!Object.is(ours, theirs)) differences.push(`${text}: ${String(ours)} here, ${String(theirs)} in mathjs`);
    }
    expect(differences).toEqual([]);
  });
});
