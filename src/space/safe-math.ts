import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ConfigOptions, EvalFunction, FactoryFunctionMap, MathJsInstance, MathNode } from 'mathjs';

/**
 * The one mathjs instance that evaluates expressions from search-space files, locked down following mathjs's
 * "Security" page (docs/expressions/security.md, example `more_secure_eval.js`): functions that parse text
 * into trees, evaluate text, or change the instance (`import`, `createUnit`, `evaluate`, `parse`, `compile`,
 * `simplify`, `derivative`, `resolve`, …) are replaced by functions that throw. That is the second line of
 * defence: `expression.ts` first admits only arithmetic, comparison and logic over parameters and rewrites every
 * operator and function into one of the `helperName(...)` functions defined here, so a file's expression never
 * names a mathjs function directly. `predictable: true` keeps results real (sqrt(-1) is NaN, not a Complex).
 *
 * The instance holds only what expressions need: the parser with its node classes, and `mod`, `pow` and `round`
 * (the helpers below compute everything else with `Math`). mathjs's main entry creates all of its several
 * hundred functions when it is imported (about 1.5 s of CPU), so the instance is assembled from its factory
 * modules instead, as mathjs's "Custom bundling" page does with `create({ parseDependencies, … })`. The package
 * exports only its entries, so those modules are required by path from its CommonJS build
 * (`lib/cjs/core/create.js` and the generated `lib/cjs/entry/dependenciesAny/dependencies<Name>.generated.js`,
 * each naming the factories one function needs). The instance is built on first use: a space without
 * conditions, constraints or derived values never loads mathjs.
 */
interface RestrictedMath {
  namespace: MathJsInstance;
  /** `parse` as the instance built it, captured before the lock replaces it in the namespace. */
  parse: (text: string) => MathNode;
}

function buildRestrictedMath(): RestrictedMath {
  const require = createRequire(import.meta.url);
  const library = dirname(require.resolve('mathjs'));
  const { create } = require(join(library, 'core/create.js')) as {
    create: (factories: FactoryFunctionMap, config?: ConfigOptions) => MathJsInstance;
  };
  const dependencies = (name: string): FactoryFunctionMap =>
    require(join(library, `entry/dependenciesAny/dependencies${name}.generated.js`)) as FactoryFunctionMap;
  const namespace = create(
    { ...dependencies('Parse'), ...dependencies('Mod'), ...dependencies('Pow'), ...dependencies('Round') },
    { predictable: true },
  );
  const parse = namespace.parse;
  const helpers = helperFunctions(namespace);
  namespace.import(Object.fromEntries(Object.entries(helpers).map(([name, fn]) => [helperName(name), fn])), {});
  namespace.import(
    Object.fromEntries(
      DISABLED_FUNCTIONS.map((name) => [
        name,
        () => {
          throw new Error(`${name} is disabled in search-space expressions`);
        },
      ]),
    ),
    { override: true },
  );
  return { namespace, parse };
}

let instance: RestrictedMath | undefined;

/** The locked-down instance, built on the first call. */
function restricted(): RestrictedMath {
  instance ??= buildRestrictedMath();
  return instance;
}

/** The locked-down namespace (for tests that check the lock). */
export function restrictedMath(): Record<string, unknown> {
  return restricted().namespace as unknown as Record<string, unknown>;
}

/** Text → mathjs tree, for `expression.ts` only. */
export function parseMathText(text: string): MathNode {
  return restricted().parse(text);
}

export function constantNode(value: number | string | boolean): MathNode {
  return new (restricted().namespace.ConstantNode)(value);
}

export function symbolNode(name: string): MathNode {
  return new (restricted().namespace.SymbolNode)(name);
}

/** A call of the namespace function `name` with `args`. */
export function functionNode(name: string, args: MathNode[]): MathNode {
  const { namespace } = restricted();
  return new namespace.FunctionNode(new namespace.SymbolNode(name), args);
}

/** A value inside an expression: a parameter value, or undefined for an inactive parameter. */
export type ExpressionValue = number | string | boolean | undefined;

type Helper = (...args: ExpressionValue[]) => ExpressionValue;

/** Name of the namespace function an operator or allowed function is rewritten to. */
export function helperName(operation: string): string {
  return `__stopwise_${operation}`;
}

/**
 * Truthiness for logic: booleans as they are, numbers non-zero; undefined (an inactive parameter) stays
 * undefined. Strings have no truth value (mathjs would try to read them as numbers).
 */
function truth(value: ExpressionValue, operation: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  throw new TypeError(`${operation} cannot take the string ${JSON.stringify(value)}`);
}

function numeric(value: ExpressionValue, operation: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TypeError(`${operation} cannot take the string ${JSON.stringify(value)}`);
}

/** Wraps a numeric mathjs function: undefined in, undefined out (like NaN propagation); strings rejected. */
function numericHelper(operation: string, fn: (...args: number[]) => unknown): Helper {
  return (...args) => {
    const numbers = new Array<number>(args.length);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === undefined) return undefined;
      numbers[i] = numeric(arg, operation);
    }
    return fn(...numbers) as ExpressionValue;
  };
}

/**
 * Equality that works for strings (mathjs's `equal` converts strings to numbers, so `"a" == "a"` throws):
 * strings equal only identical strings, everything else follows mathjs (numbers with its relative tolerance).
 */
function equalValues(a: ExpressionValue, b: ExpressionValue): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  // Booleans compare as 0/1, as mathjs does.
  return nearlyEqual(Number(a), Number(b));
}

// mathjs's default tolerances (config relTol, absTol), so comparisons mean what they mean in mathjs.
const RELATIVE_TOLERANCE = 1e-12;
const ABSOLUTE_TOLERANCE = 1e-15;

/**
 * mathjs's number comparison (utils/number.js `nearlyEqual`): |a − b| ≤ max(relTol · max(|a|, |b|), absTol),
 * NaN equal to nothing. Inlined because mathjs's typed dispatch costs microseconds per call, and samplers check
 * conditions on thousands of candidates per suggestion.
 */
function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= Math.max(RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), ABSOLUTE_TOLERANCE);
}

/** The functions every operator and allowed function is rewritten to; `math` supplies mod, pow and round. */
function helperFunctions(math: MathJsInstance): Record<string, Helper> {
  return {
    equal: equalValues,
    unequal: (a, b) => {
      const equal = equalValues(a, b);
      return equal === undefined ? undefined : !equal;
    },
    // Kleene's three-valued logic, so that a known false (or true) operand decides even when the other is undefined.
    and: (a, b) => {
      const x = truth(a, 'and');
      const y = truth(b, 'and');
      if (x === false || y === false) return false;
      return x === undefined || y === undefined ? undefined : true;
    },
    or: (a, b) => {
      const x = truth(a, 'or');
      const y = truth(b, 'or');
      if (x === true || y === true) return true;
      return x === undefined || y === undefined ? undefined : false;
    },
    xor: (a, b) => {
      const x = truth(a, 'xor');
      const y = truth(b, 'xor');
      return x === undefined || y === undefined ? undefined : x !== y;
    },
    not: (a) => {
      const x = truth(a, 'not');
      return x === undefined ? undefined : !x;
    },
    if: (condition, whenTrue, whenFalse) => {
      const x = truth(condition, 'the condition of ?:');
      return x === undefined ? undefined : x ? whenTrue : whenFalse;
    },
    smaller: numericHelper('<', (a, b) => a < b && !nearlyEqual(a, b)),
    larger: numericHelper('>', (a, b) => a > b && !nearlyEqual(a, b)),
    smallerEq: numericHelper('<=', (a, b) => a <= b || nearlyEqual(a, b)),
    largerEq: numericHelper('>=', (a, b) => a >= b || nearlyEqual(a, b)),
    add: numericHelper('+', (a, b) => a + b),
    subtract: numericHelper('-', (a, b) => a - b),
    multiply: numericHelper('*', (a, b) => a * b),
    divide: numericHelper('/', (a, b) => a / b),
    mod: numericHelper('mod', (a, b) => math.mod(a, b)),
    pow: numericHelper('^', (a, b) => math.pow(a, b)),
    unaryMinus: numericHelper('-', (a) => -a),
    unaryPlus: numericHelper('+', (a) => a),
    abs: numericHelper('abs', Math.abs),
    sign: numericHelper('sign', Math.sign),
    sqrt: numericHelper('sqrt', Math.sqrt),
    exp: numericHelper('exp', Math.exp),
    log: numericHelper('log', (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base))),
    log2: numericHelper('log2', Math.log2),
    log10: numericHelper('log10', Math.log10),
    floor: numericHelper('floor', Math.floor),
    ceil: numericHelper('ceil', Math.ceil),
    round: numericHelper('round', (x, digits) => (digits === undefined ? math.round(x) : math.round(x, digits))),
    min: numericHelper('min', Math.min),
    max: numericHelper('max', Math.max),
  };
}

/** Operators (mathjs `OperatorNode.fn`) a file's expression may use. */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add', 'subtract', 'multiply', 'divide', 'mod', 'pow', 'unaryMinus', 'unaryPlus',
  'equal', 'unequal', 'smaller', 'larger', 'smallerEq', 'largerEq', 'and', 'or', 'xor', 'not',
]);

/** Functions a file's expression may call, with their [minimum, maximum] number of arguments. */
export const ALLOWED_FUNCTIONS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['abs', [1, 1]], ['sign', [1, 1]], ['sqrt', [1, 1]], ['exp', [1, 1]], ['log', [1, 2]], ['log2', [1, 1]],
  ['log10', [1, 1]], ['floor', [1, 1]], ['ceil', [1, 1]], ['round', [1, 2]], ['min', [1, Infinity]],
  ['max', [1, Infinity]], ['pow', [2, 2]], ['mod', [2, 2]],
] as const);

/**
 * Namespace functions that could reach beyond arithmetic over the given values; all throw once disabled. Most of
 * them are not part of this instance at all; defining them as functions that throw keeps each of these names from
 * resolving to anything else.
 */
export const DISABLED_FUNCTIONS: readonly string[] = [
  'import', 'createUnit', 'evaluate', 'parse', 'compile', 'parser', 'simplify', 'simplifyConstant',
  'simplifyCore', 'derivative', 'rationalize', 'resolve', 'symbolicEqual', 'leafCount', 'reviver', 'replacer',
  'chain', 'help',
  // Not `typed` or `config`: other functions are built from them lazily, and no file expression can name them.
];

/** Compiles a tree built from this instance's node classes. */
export function compileTree(tree: MathNode): EvalFunction {
  return tree.compile();
}
