import type { MathNode } from 'mathjs';
import { didYouMean } from './closest-name.js';
import { failAt } from './json-path.js';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_OPERATORS,
  compileTree,
  constantNode,
  functionNode,
  helperName,
  parseMathText,
  symbolNode,
  type ExpressionValue,
} from './safe-math.js';

/** What an expression yields, as far as the parameters' types tell before any recipe exists. */
export type StaticType = 'number' | 'string' | 'boolean' | 'any';

/** A parameter as expressions see it. */
export interface ExpressionParameter {
  name: string;
  /** The identifier the parameter is renamed to inside the compiled tree (so dotted names need no nesting). */
  symbol: string;
  type: StaticType;
}

/** Values by `ExpressionParameter.symbol`; an inactive parameter maps to undefined. */
export type ExpressionScope = Map<string, ExpressionValue>;

export interface CompiledExpression {
  readonly text: string;
  /** JSON path of the expression in its file, for messages. */
  readonly path: string;
  /** Names of the parameters it reads. */
  readonly references: ReadonlySet<string>;
  readonly type: StaticType;
  /** The value for one recipe; undefined if it depends on an inactive parameter. Cost: one tree walk. */
  evaluate(scope: ExpressionScope): ExpressionValue;
}

export interface ExpressionContext {
  /** File (or other origin) named in error messages. */
  source: string;
  /** JSON path of the expression. */
  path: string;
  parameters: ReadonlyMap<string, ExpressionParameter>;
  /** `boolean` for conditions and constraints, which must be comparisons or logic. */
  expect: 'boolean' | 'value';
}

/**
 * Compiles a mathjs expression from a search-space file, once, into something that can only do arithmetic,
 * comparison and logic over the parameters. The text is parsed by mathjs; the tree is then checked against a
 * whitelist (constants, parameter names, the operators and functions of `safe-math.ts`, `?:` and chained
 * comparisons) and rebuilt with every operator turned into a call of a helper of the locked-down instance.
 *
 * Dotted names: mathjs reads `stopping.rule` as property access on `stopping`. Dot-access chains over plain
 * names are resolved here to the parameter with the full dotted name and replaced by a symbol with a safe
 * identifier, so `stopping` need not exist and nothing is ever looked up as a property at run time.
 *
 * Strings: `==` and `!=` compare strings as text (mathjs alone would try to convert them to numbers); `<`,
 * arithmetic and logic on strings are rejected here when the types show them, at evaluation otherwise.
 *
 * Throws InputError `<source>: <path>: …` when the text does not parse, uses anything outside the whitelist,
 * names an unknown parameter, or (for `expect: 'boolean'`) is not a comparison or logical expression.
 */
/**
 * Longest expression text accepted. Conditions and constraints are one-liners; the bound keeps the parse tree
 * (and so the recursion of the parser, the type check and the evaluation) far inside Node's stack.
 */
export const MAX_EXPRESSION_LENGTH = 1000;

export function compileExpression(text: string, context: ExpressionContext): CompiledExpression {
  const fail = (what: string): never => failAt(context.source, context.path, what);
  if (text.trim() === '') fail('must not be empty');
  if (text.length > MAX_EXPRESSION_LENGTH) fail(`is ${text.length} characters long; an expression may have at most ${MAX_EXPRESSION_LENGTH}`);
  let parsed: MathNode;
  try {
    parsed = parseMathText(text);
  } catch (error) {
    return fail(`cannot parse ${JSON.stringify(text)}: ${(error as Error).message}`);
  }
  const references = new Set<string>();
  let typed: Typed;
  try {
    typed = new TreeRewriter(context, references, fail).rewrite(parsed);
  } catch (error) {
    if (error instanceof RangeError) fail('is nested too deeply to evaluate');
    throw error;
  }
  if (context.expect === 'boolean' && typed.type !== 'boolean') {
    fail(`must be true or false (a comparison or logical expression), but ${JSON.stringify(text)} is ${describeType(typed.type)}`);
  }
  const code = compileTree(typed.node);
  return {
    text,
    path: context.path,
    references,
    type: typed.type,
    evaluate: (scope) => code.evaluate(scope) as ExpressionValue,
  };
}

function describeType(type: StaticType): string {
  return type === 'any' ? 'of mixed type' : `a ${type}`;
}

interface Typed {
  node: MathNode;
  type: StaticType;
}

/** mathjs node fields read here (its typings do not narrow on `type`). */
interface LooseNode {
  type: string;
  [field: string]: unknown;
}

const OPERATOR_KIND: Record<string, 'arithmetic' | 'comparison' | 'equality' | 'logic'> = {
  add: 'arithmetic', subtract: 'arithmetic', multiply: 'arithmetic', divide: 'arithmetic', mod: 'arithmetic',
  pow: 'arithmetic', unaryMinus: 'arithmetic', unaryPlus: 'arithmetic',
  smaller: 'comparison', larger: 'comparison', smallerEq: 'comparison', largerEq: 'comparison',
  equal: 'equality', unequal: 'equality',
  and: 'logic', or: 'logic', xor: 'logic', not: 'logic',
};

const NOT_ALLOWED: Record<string, string> = {
  AssignmentNode: 'assignments are not allowed',
  FunctionAssignmentNode: 'function definitions are not allowed',
  BlockNode: 'only one expression is allowed (no ";" or line breaks)',
  ArrayNode: 'arrays are not allowed',
  ObjectNode: 'objects are not allowed',
  RangeNode: 'ranges are not allowed',
  IndexNode: 'indexing is not allowed',
};

class TreeRewriter {
  constructor(
    private readonly context: ExpressionContext,
    private readonly references: Set<string>,
    private readonly fail: (what: string) => never,
  ) {}

  rewrite(mathNode: MathNode): Typed {
    const node = mathNode as unknown as LooseNode;
    switch (node.type) {
      case 'ParenthesisNode':
        return this.rewrite(node.content as MathNode);
      case 'ConstantNode':
        return this.constant(node.value);
      case 'SymbolNode':
        return this.parameter(node.name as string);
      case 'AccessorNode':
        return this.parameter(this.dottedName(node));
      case 'OperatorNode':
        return this.operator(node);
      case 'FunctionNode':
        return this.call(node);
      case 'ConditionalNode':
        return this.conditional(node);
      case 'RelationalNode':
        return this.chainedComparison(node);
      default:
        return this.fail(NOT_ALLOWED[node.type] ?? `${node.type} is not allowed`);
    }
  }

  private constant(value: unknown): Typed {
    if (typeof value === 'number' && Number.isFinite(value)) return { node: constantNode(value), type: 'number' };
    if (typeof value === 'string') return { node: constantNode(value), type: 'string' };
    if (typeof value === 'boolean') return { node: constantNode(value), type: 'boolean' };
    return this.fail(`the constant ${String(value)} is not allowed (use numbers, strings and true/false)`);
  }

  private parameter(name: string): Typed {
    const parameter = this.context.parameters.get(name);
    if (parameter === undefined) {
      this.fail(`unknown parameter ${JSON.stringify(name)}${didYouMean(name, this.context.parameters.keys())}`);
    }
    this.references.add(name);
    return { node: symbolNode(parameter.symbol), type: parameter.type };
  }

  /** `a.b.c` (mathjs: accessors with dot notation over a symbol) → "a.b.c". */
  private dottedName(node: LooseNode): string {
    const index = node.index as LooseNode;
    const dimensions = index.dimensions as LooseNode[];
    const key = dimensions.length === 1 && dimensions[0].type === 'ConstantNode' ? dimensions[0].value : undefined;
    if (node.optionalChaining === true || index.dotNotation !== true || typeof key !== 'string') {
      this.fail('indexing is not allowed (parameters with dots in their names are written as they are: a.b)');
    }
    const object = node.object as LooseNode;
    if (object.type === 'SymbolNode') return `${object.name as string}.${key}`;
    if (object.type === 'AccessorNode') return `${this.dottedName(object)}.${key}`;
    return this.fail('only parameter names may contain dots');
  }

  private operator(node: LooseNode): Typed {
    const fn = node.fn as string;
    const kind = OPERATOR_KIND[fn];
    if (kind === undefined || !ALLOWED_OPERATORS.has(fn)) this.fail(`the operator ${JSON.stringify(node.op)} is not allowed`);
    const args = (node.args as MathNode[]).map((arg) => this.rewrite(arg));
    if (kind !== 'equality') {
      for (const arg of args) {
        if (arg.type === 'string') this.fail(`${JSON.stringify(node.op)} cannot take a string (strings only support == and !=)`);
      }
    }
    const type: StaticType = kind === 'arithmetic' ? 'number' : 'boolean';
    return this.helperCall(fn, args, type);
  }

  private call(node: LooseNode): Typed {
    const fn = node.fn as LooseNode;
    if (fn.type !== 'SymbolNode') this.fail('only the allowed functions can be called');
    const name = fn.name as string;
    const arity = ALLOWED_FUNCTIONS.get(name);
    if (arity === undefined || node.optional === true) {
      this.fail(`the function ${name} is not allowed (allowed: ${[...ALLOWED_FUNCTIONS.keys()].join(', ')})`);
    }
    const args = (node.args as MathNode[]).map((arg) => this.rewrite(arg));
    const [fewest, most] = arity;
    if (args.length < fewest || args.length > most) {
      const count = fewest === most ? `${fewest}` : most === Infinity ? `at least ${fewest}` : `${fewest} or ${most}`;
      this.fail(`${name} takes ${count} argument${count === '1' ? '' : 's'}, not ${args.length}`);
    }
    for (const arg of args) {
      if (arg.type === 'string') this.fail(`${name} cannot take a string`);
    }
    return this.helperCall(name, args, 'number');
  }

  /** `c ? a : b`, evaluated eagerly (every helper is total), undefined when c is. */
  private conditional(node: LooseNode): Typed {
    const condition = this.rewrite(node.condition as MathNode);
    if (condition.type === 'string') this.fail('the condition of "?:" cannot be a string');
    const whenTrue = this.rewrite(node.trueExpr as MathNode);
    const whenFalse = this.rewrite(node.falseExpr as MathNode);
    const type = whenTrue.type === whenFalse.type ? whenTrue.type : 'any';
    return this.helperCall('if', [condition, whenTrue, whenFalse], type);
  }

  /** `a < b <= c` → `(a < b) and (b <= c)`. */
  private chainedComparison(node: LooseNode): Typed {
    const operands = (node.params as MathNode[]).map((param) => this.rewrite(param));
    const comparisons = (node.conditionals as string[]).map((fn, i) => {
      if (OPERATOR_KIND[fn] !== 'comparison' && OPERATOR_KIND[fn] !== 'equality') this.fail(`the comparison ${fn} is not allowed`);
      if (OPERATOR_KIND[fn] === 'comparison' && (operands[i].type === 'string' || operands[i + 1].type === 'string')) {
        this.fail('strings can only be compared with == and !=');
      }
      return this.helperCall(fn, [operands[i], operands[i + 1]], 'boolean');
    });
    return comparisons.reduce((left, right) => this.helperCall('and', [left, right], 'boolean'));
  }

  private helperCall(operation: string, args: Typed[], type: StaticType): Typed {
    const node = functionNode(helperName(operation), args.map((arg) => arg.node));
    return { node, type };
  }
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Words that cannot start a parameter name: mathjs's constants (`CONSTANTS`, `NUMERIC_CONSTANTS` in
 * expression/parse.js), which its parser never reads as a name, and its named operators (`NAMED_DELIMITERS`),
 * which it reads as a name in some positions only (`and and x` would confuse readers anyway). After a dot every
 * word is a property name, so only a name's first part can clash.
 */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity',
]);

/**
 * Why a parameter name could not be written in an expression, or undefined if it can. Names are plain
 * identifiers joined by dots whose first part is none of mathjs's reserved words, so that each reads back as
 * itself when mathjs parses it inside an expression. Checked without mathjs, so that a space without expressions
 * never loads it; test/space/expression.test.ts compares the answer with mathjs's parse.
 */
export function parameterNameProblem(name: string): string | undefined {
  const keyProblem = reservedKeyProblem(name);
  if (keyProblem !== undefined) return keyProblem;
  if (!NAME_PATTERN.test(name)) {
    return 'a parameter name must be letters, digits and "_" (not starting with a digit), in parts joined by dots';
  }
  const first = name.split('.')[0];
  return RESERVED_WORDS.has(first) ? `"${first}" is a reserved word in expressions` : undefined;
}

/**
 * Names that are not plain data keys in JavaScript objects: a parameter or derived value called `__proto__` would
 * replace a recipe's prototype instead of holding a value.
 */
const OBJECT_KEYS = new Set(['__proto__']);

/** Why `name` (a parameter's or derived value's) cannot be a key of a recipe object, or undefined. */
export function reservedKeyProblem(name: string): string | undefined {
  const part = name.split('.').find((piece) => OBJECT_KEYS.has(piece));
  return part === undefined ? undefined : `${JSON.stringify(part)} is reserved in JavaScript objects and cannot name a value`;
}
