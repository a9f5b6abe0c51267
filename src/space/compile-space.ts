import { InputError } from '../errors.js';
import { didYouMean } from './closest-name.js';
import { checkDefinitionShape } from './check-definition.js';
import { compileExpression, type CompiledExpression, type ExpressionParameter, type ExpressionScope, type StaticType } from './expression.js';
import { elementPath, failAt, memberPath, oneLine, show } from './json-path.js';
import { scaleOf, type ParamScale } from './param-scale.js';
import type { ExpressionValue } from './safe-math.js';
import { isPlainObject, typeName } from './shape.js';
import type { CompiledSpace, EncodedDimension, ParamSpec, ParamValue, Params, SpaceDefinition } from './types.js';

/**
 * Validates a search-space definition (a whole `SpaceFile` is accepted too; only `params`, `constraints` and
 * `derived` are read), compiles each of its expressions once, and returns the space the samplers work in.
 * Throws InputError `<source>: <JSON path>: …` for any problem, including a `when` that depends on its own
 * parameter or conditions that form a cycle. Cost: O(size of the definition) plus one mathjs parse per
 * expression.
 */
export function compileSpace(definition: SpaceDefinition, source = 'space'): CompiledSpace {
  return compileSpaceAt(definition, source, '$');
}

/** A parameter with everything needed to sample, encode and check it. */
interface Dimension {
  readonly name: string;
  /** Coordinate in the unit cube (file order). */
  readonly index: number;
  readonly spec: ParamSpec;
  readonly scale: ParamScale;
  /** Identifier inside compiled expressions. */
  readonly symbol: string;
  readonly condition: CompiledExpression | undefined;
  /** JSON path of the spec, for messages about the space. */
  readonly path: string;
}

interface Problem {
  path: string;
  message: string;
}

/** `compileSpace` for a definition found at JSON path `root` of `source` (e.g. `$.space` in a `create` line). */
export function compileSpaceAt(definitionValue: unknown, source: string, root: string): CompiledSpace {
  if (!isPlainObject(definitionValue)) failAt(source, root, `must be an object with "params", not ${typeName(definitionValue)}`);
  const definition = deepFreeze(checkDefinitionShape(definitionValue, source, root));
  const paramsPath = memberPath(root, 'params');
  const names = Object.keys(definition.params);
  const parameters = new Map<string, ExpressionParameter>(
    names.map((name, i) => [name, { name, symbol: `__param${i}`, type: staticTypeOf(definition.params[name]) }]),
  );

  const dimensions: Dimension[] = names.map((name, index) => {
    const spec = definition.params[name];
    const path = memberPath(paramsPath, name);
    const whenPath = memberPath(path, 'when');
    const condition =
      spec.when === undefined
        ? undefined
        : compileExpression(spec.when, { source, path: whenPath, parameters, expect: 'boolean' });
    if (condition?.references.has(name)) failAt(source, whenPath, `depends on its own parameter ${JSON.stringify(name)}`);
    return { name, index, spec, scale: scaleOf(spec), symbol: parameters.get(name)!.symbol, condition, path };
  });
  const byName = new Map(dimensions.map((dimension) => [dimension.name, dimension]));
  const order = conditionOrder(dimensions, byName, source);

  const constraints = (definition.constraints ?? []).map((text, i) =>
    compileExpression(text, { source, path: elementPath(memberPath(root, 'constraints'), i), parameters, expect: 'boolean' }),
  );
  const derived = Object.entries(definition.derived ?? {}).map(
    ([name, text]) =>
      [name, compileExpression(text, { source, path: memberPath(memberPath(root, 'derived'), name), parameters, expect: 'value' })] as const,
  );

  const derivedNames = new Set(derived.map(([name]) => name));

  const emptyScope = (): ExpressionScope => new Map(dimensions.map((dimension) => [dimension.symbol, undefined]));

  /** Evaluates a space expression; a failure is the space's fault, reported at the expression's path. */
  const run = (expression: CompiledExpression, scope: ExpressionScope): ExpressionValue => {
    try {
      return expression.evaluate(scope);
    } catch (error) {
      return failAt(source, expression.path, `cannot be evaluated: ${oneLine((error as Error).message)}`);
    }
  };
  const isActive = (dimension: Dimension, scope: ExpressionScope): boolean =>
    dimension.condition === undefined || run(dimension.condition, scope) === true;

  /** The first reason `params` is not a recipe of this space (constraints aside), or undefined. */
  const findProblem = (params: Params): Problem | undefined => {
    if (!isPlainObject(params)) return { path: '$', message: `must be an object of parameter values, not ${typeName(params)}` };
    for (const name of Object.keys(params)) {
      if (!byName.has(name)) {
        return { path: memberPath('$', name), message: `unknown parameter${didYouMean(name, byName.keys())}` };
      }
    }
    const scope = emptyScope();
    for (const dimension of order) {
      const path = memberPath('$', dimension.name);
      const value = ownValue(params, dimension.name);
      const present = value !== undefined;
      if (!isActive(dimension, scope)) {
        if (present) {
          return { path, message: `must be left out: its condition ${JSON.stringify(dimension.spec.when)} is false for this recipe` };
        }
        continue;
      }
      if (!present) {
        const because = dimension.condition === undefined ? '' : ` (its condition ${JSON.stringify(dimension.spec.when)} holds)`;
        return { path, message: `is required${because}` };
      }
      const message = valueProblem(dimension.spec, value);
      if (message !== undefined) return { path, message };
      scope.set(dimension.symbol, value);
    }
    return undefined;
  };

  const throwProblem = (params: Params, messageSource: string): void => {
    const problem = findProblem(params);
    if (problem !== undefined) throw new InputError(`${messageSource}: ${problem.path}: ${problem.message}`);
  };

  const scopeOf = (params: Params): ExpressionScope => {
    const scope = emptyScope();
    for (const dimension of dimensions) {
      scope.set(dimension.symbol, ownValue(params, dimension.name));
    }
    return scope;
  };

  /** A constraint holds unless it is false; undefined (it read an inactive parameter) does not apply. */
  const violatedConstraint = (scope: ExpressionScope): CompiledExpression | undefined =>
    constraints.find((constraint) => run(constraint, scope) === false);

  const compiled: CompiledSpace = {
    definition,
    dimensions: Object.freeze(dimensions.map(encodedDimension)),
    d: dimensions.length,
    categoricalMask: dimensions.map((dimension) => dimension.spec.type === 'categorical'),

    decode(u: ArrayLike<number>): Params {
      if (u.length !== dimensions.length) throw new RangeError(`decode expects ${dimensions.length} coordinates, got ${u.length}`);
      const scope = emptyScope();
      const values: (ParamValue | undefined)[] = new Array(dimensions.length);
      for (const dimension of order) {
        if (!isActive(dimension, scope)) continue;
        const value = dimension.scale.decode(u[dimension.index]);
        values[dimension.index] = value;
        scope.set(dimension.symbol, value);
      }
      const params: Params = {};
      for (const dimension of dimensions) {
        const value = values[dimension.index];
        if (value !== undefined) params[dimension.name] = value;
      }
      return params;
    },

    encode(params: Params): Float64Array {
      throwProblem(params, 'params');
      const point = new Float64Array(dimensions.length);
      for (const dimension of dimensions) {
        const value = ownValue(params, dimension.name);
        point[dimension.index] = value === undefined ? dimension.scale.inactiveCoordinate : dimension.scale.encode(value);
      }
      return point;
    },

    isFeasible(params: Params): boolean {
      return findProblem(params) === undefined && violatedConstraint(scopeOf(params)) === undefined;
    },

    validate(params: Params, messageSource = 'params'): void {
      throwProblem(params, messageSource);
      const violated = violatedConstraint(scopeOf(params));
      if (violated !== undefined) {
        throw new InputError(
          `${messageSource}: violates the constraint ${JSON.stringify(violated.text)} (${violated.path} of ${source})`,
        );
      }
    },

    complete(params: Params, preferred: (name: string, recipe: Params) => ParamValue | undefined) {
      const recipe: Params = { ...params };
      const filled: string[] = [];
      const missing: string[] = [];
      const scope = emptyScope();
      for (const dimension of order) {
        const given = ownValue(recipe, dimension.name);
        if (given === undefined && isActive(dimension, scope)) {
          const value = nearestValue(dimension.spec, preferred(dimension.name, { ...recipe }));
          if (value === undefined) missing.push(dimension.name);
          else {
            recipe[dimension.name] = value;
            filled.push(dimension.name);
          }
        }
        scope.set(dimension.symbol, ownValue(recipe, dimension.name));
      }
      return { params: recipe, filled, missing };
    },

    derive(params: Params): Record<string, ParamValue> {
      throwProblem(params, 'params');
      const scope = scopeOf(params);
      const result: Record<string, ParamValue> = {};
      for (const [name, expression] of derived) {
        const value = run(expression, scope);
        if (value === undefined) continue;
        if (typeof value === 'number' && !Number.isFinite(value)) {
          failAt(source, expression.path, `evaluated to ${value} for the recipe ${show(params)}`);
        }
        result[name] = value;
      }
      return result;
    },

    withDerived(params: Params): Params {
      return { ...params, ...compiled.derive(params) };
    },

    sampledPart(params: Params): Params {
      if (derived.length === 0) return params;
      const sampled: Params = {};
      for (const [name, value] of Object.entries(params)) if (!derivedNames.has(name)) sampled[name] = value;
      return sampled;
    },
  };
  return compiled;
}

/** A recipe's own value for `name` (never one inherited from Object.prototype, e.g. for "constructor"). */
function ownValue(params: Params, name: string): ParamValue | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}

function staticTypeOf(spec: ParamSpec): StaticType {
  if (spec.type !== 'categorical') return 'number';
  const types = new Set(spec.choices.map((choice) => typeof choice));
  return types.size === 1 ? ([...types][0] as StaticType) : 'any';
}

function encodedDimension(dimension: Dimension): EncodedDimension {
  const { spec, name } = dimension;
  return Object.freeze(spec.type === 'categorical' ? { name, kind: spec.type, choices: spec.choices.length } : { name, kind: spec.type });
}

/**
 * The value of `spec` nearest to `value`: numbers clamped into range (ints rounded); for a categorical, `value`
 * itself if it is a choice, else for a number the numeric choice nearest to it (the first of two as near), else none.
 */
function nearestValue(spec: ParamSpec, value: ParamValue | undefined): ParamValue | undefined {
  if (value === undefined) return undefined;
  if (spec.type === 'categorical') return spec.choices.includes(value) ? value : nearestNumericChoice(spec.choices, value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const clamped = Math.min(spec.high, Math.max(spec.low, value));
  return spec.type === 'int' ? Math.min(spec.high, Math.max(spec.low, Math.round(clamped))) : clamped;
}

function nearestNumericChoice(choices: readonly ParamValue[], value: ParamValue): ParamValue | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  let nearest: number | undefined;
  for (const choice of choices) {
    if (typeof choice === 'number' && (nearest === undefined || Math.abs(choice - value) < Math.abs(nearest - value))) nearest = choice;
  }
  return nearest;
}

/** Why `value` is not a valid value of `spec`, or undefined. */
function valueProblem(spec: ParamSpec, value: unknown): string | undefined {
  if (spec.type === 'categorical') {
    if (spec.choices.includes(value as ParamValue)) return undefined;
    const sameText = spec.choices.find((choice) => String(choice) === String(value));
    const hint = sameText === undefined ? '' : `; the choice is ${typeName(sameText)}`;
    return `must be one of ${spec.choices.map(show).join(', ')} (got ${typeName(value)}${hint})`;
  }
  const wanted = spec.type === 'int' ? 'an integer' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value) || (spec.type === 'int' && !Number.isInteger(value))) {
    return `must be ${wanted} from ${spec.low} to ${spec.high} (got ${typeName(value)})`;
  }
  if (value < spec.low || value > spec.high) return `must be ${wanted} from ${spec.low} to ${spec.high} (got ${value})`;
  return undefined;
}

/**
 * Parameters ordered so that each comes after every parameter its condition reads (depth-first post-order,
 * file order among independent ones). Throws InputError naming the cycle if conditions depend on each other.
 */
function conditionOrder(dimensions: readonly Dimension[], byName: ReadonlyMap<string, Dimension>, source: string): Dimension[] {
  const order: Dimension[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (dimension: Dimension, chain: string[]): void => {
    const current = state.get(dimension.name);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(dimension.name)), dimension.name];
      const first = byName.get(cycle[0])!;
      failAt(source, memberPath(first.path, 'when'), `conditions form a cycle: ${cycle.join(' → ')}`);
    }
    state.set(dimension.name, 'visiting');
    for (const reference of dimension.condition?.references ?? []) visit(byName.get(reference)!, [...chain, dimension.name]);
    state.set(dimension.name, 'done');
    order.push(dimension);
  };
  for (const dimension of dimensions) visit(dimension, []);
  return order;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
