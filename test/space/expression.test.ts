import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  parameterNameProblem,
  type ExpressionParameter,
  type ExpressionScope,
  type StaticType,
} from '../../src/space/expression.js';
import type { ExpressionValue } from '../../src/space/safe-math.js';
import { inputErrorOf } from './errors.js';

const TYPES: Record<string, StaticType> = {
  'stopping.rule': 'string',
  'stopping.patience': 'number',
  batchSize: 'number',
  learningRate: 'number',
  restoreBest: 'boolean',
  mixed: 'any',
};
const parameters = new Map<string, ExpressionParameter>(
  Object.entries(TYPES).map(([name, type], i) => [name, { name, symbol: `__param${i}`, type }]),
);

function compile(text: string, expect: 'boolean' | 'value' = 'boolean') {
  return compileExpression(text, { source: 'x.json', path: '$.params.p.when', parameters, expect });
}

/** Evaluates with values by parameter name; missing names are inactive (undefined). */
function evaluate(text: string, values: Record<string, ExpressionValue>, expect: 'boolean' | 'value' = 'boolean') {
  const scope: ExpressionScope = new Map();
  for (const parameter of parameters.values()) scope.set(parameter.symbol, values[parameter.name]);
  return compile(text, expect).evaluate(scope);
}

function errorOf(text: string, expect: 'boolean' | 'value' = 'boolean'): string {
  return inputErrorOf(() => compile(text, expect)).message;
}

describe('string equality in conditions', () => {
  it('compares strings as text, where plain mathjs throws', () => {
    expect(evaluate('stopping.rule == "patience"', { 'stopping.rule': 'patience' })).toBe(true);
    expect(evaluate('stopping.rule == "patience"', { 'stopping.rule': 'threshold' })).toBe(false);
    expect(evaluate('stopping.rule != "patience"', { 'stopping.rule': 'threshold' })).toBe(true);
    expect(evaluate("stopping.rule == 'patience'", { 'stopping.rule': 'patience' })).toBe(true);
  });

  it('never equates a string with a number, even one that reads the same', () => {
    expect(evaluate('mixed == "16"', { mixed: 16 })).toBe(false);
    expect(evaluate('mixed == 16', { mixed: 16 })).toBe(true);
  });

  it('compares numbers and booleans as mathjs does', () => {
    expect(evaluate('batchSize == 32 and restoreBest == true', { batchSize: 32, restoreBest: true })).toBe(true);
    expect(evaluate('not restoreBest', { restoreBest: false })).toBe(true);
  });
});

describe('dotted parameter names', () => {
  it('resolves a.b to the parameter named "a.b" and reports what it read', () => {
    const expression = compile('stopping.patience > 3 and stopping.rule == "patience"');
    expect([...expression.references].sort()).toEqual(['stopping.patience', 'stopping.rule']);
    expect(evaluate('stopping.patience > 3', { 'stopping.patience': 4 })).toBe(true);
  });

  it('rejects a prefix that is not itself a parameter', () => {
    expect(errorOf('stopping == 1')).toBe('x.json: $.params.p.when: unknown parameter "stopping" (did you mean "stopping.rule"?)');
  });
});

describe('inactive parameters', () => {
  it('make a condition false, not an exception', () => {
    expect(evaluate('stopping.patience > 3', {})).toBeUndefined();
    expect(evaluate('stopping.patience * 2 + 1 > 3', {})).toBeUndefined();
  });

  it('follow three-valued logic: a known operand can still decide', () => {
    expect(evaluate('stopping.rule == "none" or stopping.patience > 3', { 'stopping.rule': 'none' })).toBe(true);
    expect(evaluate('stopping.rule == "x" and stopping.patience > 3', { 'stopping.rule': 'none' })).toBe(false);
    expect(evaluate('stopping.rule == "none" and stopping.patience > 3', { 'stopping.rule': 'none' })).toBeUndefined();
  });

  it('can be guarded with ?:', () => {
    const text = 'stopping.rule == "patience" ? stopping.patience * 1000 : 0';
    expect(evaluate(text, { 'stopping.rule': 'none' }, 'value')).toBe(0);
    expect(evaluate(text, { 'stopping.rule': 'patience', 'stopping.patience': 3 }, 'value')).toBe(3000);
  });
});

describe('arithmetic, functions and chained comparisons', () => {
  it('evaluates the allowed operators and functions', () => {
    expect(evaluate('max(batchSize, 64) / 2 + log2(batchSize) - 7 mod 4 + 2^3', { batchSize: 16 }, 'value')).toBe(32 + 4 - 3 + 8);
    expect(evaluate('round(log10(learningRate), 2)', { learningRate: 0.02 }, 'value')).toBe(-1.7);
    expect(evaluate('16 <= batchSize < 64', { batchSize: 16 })).toBe(true);
    expect(evaluate('16 <= batchSize < 64', { batchSize: 64 })).toBe(false);
  });
});

describe('what an expression may not do', () => {
  const path = 'x.json: $.params.p.when';
  const allowed = 'abs, sign, sqrt, exp, log, log2, log10, floor, ceil, round, min, max, pow, mod';

  it.each([
    ['import({x: 1}, {override: true}) == 1', 'import'],
    ['evaluate("1") == 1', 'evaluate'],
    ['createUnit("furlong") == 1', 'createUnit'],
    ['parse("1") == 1', 'parse'],
    ['compile("1") == 1', 'compile'],
    ['simplify("x") == 1', 'simplify'],
    ['derivative("x^2", "x") == 1', 'derivative'],
    ['resolve("x") == 1', 'resolve'],
    ['cos(batchSize) > 0', 'cos'],
  ])('rejects %s', (text, name) => {
    expect(errorOf(text)).toBe(`${path}: the function ${name} is not allowed (allowed: ${allowed})`);
  });

  it.each([
    ['batchSize = 3', 'assignments are not allowed'],
    ['f(x) = 1', 'function definitions are not allowed'],
    ['batchSize > 1; batchSize < 3', 'only one expression is allowed (no ";" or line breaks)'],
    ['[1, 2] == batchSize', 'arrays are not allowed'],
    ['{a: 1} == batchSize', 'objects are not allowed'],
    ['stopping["rule"] == "x"', 'indexing is not allowed (parameters with dots in their names are written as they are: a.b)'],
    ['batchSize! > 2', 'the operator "!" is not allowed'],
    ['stopping.rule(2) == 1', 'only the allowed functions can be called'],
    ['null == batchSize', 'the constant null is not allowed (use numbers, strings and true/false)'],
    ['stopping.rule + 1 > 2', '"+" cannot take a string (strings only support == and !=)'],
    ['stopping.rule < "z"', '"<" cannot take a string (strings only support == and !=)'],
    ['log(batchSize, 2, 3) > 1', 'log takes 1 or 2 arguments, not 3'],
    ['batchSize', 'must be true or false (a comparison or logical expression), but "batchSize" is a number'],
    ['  ', 'must not be empty'],
  ])('rejects %s', (text, message) => {
    expect(errorOf(text)).toBe(`${path}: ${message}`);
  });
});

describe('parameterNameProblem', () => {
  it('accepts identifiers joined by dots and rejects what mathjs would read differently', () => {
    expect(parameterNameProblem('stopping.rule')).toBeUndefined();
    expect(parameterNameProblem('lr_2')).toBeUndefined();
    expect(parameterNameProblem('a..b')).toMatch(/letters, digits/);
    expect(parameterNameProblem('2x')).toMatch(/letters, digits/);
    expect(parameterNameProblem('true.x')).toBe('"true" is a reserved word in expressions');
    expect(parameterNameProblem('and')).toBe('"and" is a reserved word in expressions');
  });

  it('accepts exactly the names that read back as themselves when mathjs parses them, less its operator words', async () => {
    const { parse } = await import('mathjs');
    type Tree = { type: string; name?: string; object?: Tree; index?: { dimensions: { value?: unknown }[] }; args?: Tree[]; fn?: string };
    const readBack = (node: Tree): string | undefined => {
      if (node.type === 'SymbolNode') return node.name;
      if (node.type !== 'AccessorNode') return undefined;
      const head = readBack(node.object!);
      const key = node.index!.dimensions[0]?.value;
      return head === undefined || typeof key !== 'string' ? undefined : `${head}.${key}`;
    };
    const readsAsItself = (name: string): boolean => {
      try {
        const tree = parse(`${name} == 0`) as unknown as Tree;
        return tree.type === 'OperatorNode' && tree.fn === 'equal' && readBack(tree.args![0]) === name;
      } catch {
        return false;
      }
    };
    const words = ['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity',
      'pi', 'e', 'i', 'end', 'Inf', 'nan', 'True', 'AND', 'units', 'cm', 'x', 'lr_2', '_'];
    const names = words.flatMap((word) => [word, `${word}.x`, `x.${word}`, `${word}.${word}`]);
    const operatorWords = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in']);
    const acceptable = (name: string) => readsAsItself(name) && !operatorWords.has(name.split('.')[0]);
    const disagreements = names.filter((name) => (parameterNameProblem(name) === undefined) !== acceptable(name));
    expect(disagreements).toEqual([]);
  });
});
