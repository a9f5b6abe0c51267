import { failAt, elementPath, memberPath, show } from './json-path.js';
import { parameterNameProblem, reservedKeyProblem } from './expression.js';
import { expectNumber, expectObject, expectText, rejectUnknownKeys, requireKey, typeName } from './shape.js';
import type { CategoricalParamSpec, FloatParamSpec, IntParamSpec, ParamSpec, ParamValue, SpaceDefinition } from './types.js';

/** Keys of a space definition (what `serve --stdio`'s `create` carries as `space`). */
export const DEFINITION_KEYS = ['params', 'constraints', 'derived'] as const;

/**
 * Most parameters a space may define. The GP fits one length scale per dimension and its candidate search scales
 * with the dimension; far beyond a few hundred the model learns nothing from a search's few hundred trials.
 */
export const MAX_PARAMETERS = 1000;

const PARAM_TYPES = ['float', 'int', 'categorical'];
const NUMERIC_KEYS = ['type', 'low', 'high', 'log', 'when'];
const CATEGORICAL_KEYS = ['type', 'choices', 'when'];

/**
 * Checks the structure of a definition's `params`, `constraints` and `derived` (not yet the expressions, which
 * `compileSpace` parses) and returns a validated copy. `root` is the JSON path of `container` in its file.
 * Throws InputError `<source>: <path>: …` at the first problem. Cost: O(size of the definition).
 */
export function checkDefinitionShape(container: Record<string, unknown>, source: string, root: string): SpaceDefinition {
  const paramsValue = requireKey(container, 'params', source, root, 'an object of parameter name → spec');
  const paramsPath = memberPath(root, 'params');
  const paramsObject = expectObject(paramsValue, source, paramsPath, 'an object of parameter name → spec');
  const names = Object.keys(paramsObject);
  if (names.length === 0) failAt(source, paramsPath, 'must define at least one parameter');
  if (names.length > MAX_PARAMETERS) failAt(source, paramsPath, `defines ${names.length} parameters; a space may have at most ${MAX_PARAMETERS}`);
  const params: Record<string, ParamSpec> = {};
  for (const name of names) {
    const path = memberPath(paramsPath, name);
    const nameProblem = parameterNameProblem(name);
    if (nameProblem !== undefined) failAt(source, path, nameProblem);
    params[name] = checkParamSpec(paramsObject[name], source, path);
  }
  const definition: SpaceDefinition = { params };

  if (container.constraints !== undefined) {
    const path = memberPath(root, 'constraints');
    const list = container.constraints;
    if (!Array.isArray(list)) failAt(source, path, `must be an array of expressions, not ${typeName(list)}`);
    definition.constraints = list.map((item, i) => expectText(item, source, elementPath(path, i), 'an expression (a non-empty string)'));
  }

  if (container.derived !== undefined) {
    const path = memberPath(root, 'derived');
    const object = expectObject(container.derived, source, path, 'an object of name → expression');
    const derived: Record<string, string> = {};
    for (const [name, expression] of Object.entries(object)) {
      const itemPath = memberPath(path, name);
      if (name.trim() === '') failAt(source, itemPath, 'a derived value needs a name');
      const keyProblem = reservedKeyProblem(name);
      if (keyProblem !== undefined) failAt(source, itemPath, keyProblem);
      if (Object.hasOwn(params, name)) failAt(source, itemPath, 'has the same name as a parameter');
      derived[name] = expectText(expression, source, itemPath, 'an expression (a non-empty string)');
    }
    definition.derived = derived;
  }
  return definition;
}

function checkParamSpec(value: unknown, source: string, path: string): ParamSpec {
  const spec = expectObject(value, source, path, 'a parameter spec (an object with "type")');
  const type = requireKey(spec, 'type', source, path, 'one of "float", "int", "categorical"');
  if (typeof type !== 'string' || !PARAM_TYPES.includes(type)) {
    failAt(source, memberPath(path, 'type'), `must be one of "float", "int", "categorical", not ${show(type)}`);
  }
  const when = checkWhen(spec, source, path);
  if (type === 'categorical') {
    rejectUnknownKeys(spec, CATEGORICAL_KEYS, source, path, `categorical parameters take ${CATEGORICAL_KEYS.join(', ')}`);
    const result: CategoricalParamSpec = { type, choices: checkChoices(spec, source, path) };
    if (when !== undefined) result.when = when;
    return result;
  }
  rejectUnknownKeys(spec, NUMERIC_KEYS, source, path, `${type} parameters take ${NUMERIC_KEYS.join(', ')}`);
  const lowPath = memberPath(path, 'low');
  const highPath = memberPath(path, 'high');
  const low = expectNumber(requireKey(spec, 'low', source, path, 'the smallest value'), source, lowPath);
  const high = expectNumber(requireKey(spec, 'high', source, path, 'the largest value'), source, highPath);
  if (!(low < high)) failAt(source, lowPath, `must be a number below high (${high})`);
  if (!Number.isFinite(high - low)) failAt(source, highPath, `spans more than the largest number (${low} to ${high}); narrow the range or use log`);
  let log = false;
  if (spec.log !== undefined) {
    if (typeof spec.log !== 'boolean') failAt(source, memberPath(path, 'log'), `must be true or false, not ${typeName(spec.log)}`);
    log = spec.log;
  }
  if (log && low <= 0) failAt(source, lowPath, `must be above 0 when log is true (got ${low})`);
  if (type === 'int') {
    if (!Number.isSafeInteger(low)) failAt(source, lowPath, `must be an integer for an int parameter (got ${low})`);
    if (!Number.isSafeInteger(high)) failAt(source, highPath, `must be an integer for an int parameter (got ${high})`);
  }
  const result: FloatParamSpec | IntParamSpec = { type: type as 'float' | 'int', low, high };
  if (spec.log !== undefined) result.log = log;
  if (when !== undefined) result.when = when;
  return result;
}

function checkWhen(spec: Record<string, unknown>, source: string, path: string): string | undefined {
  if (spec.when === undefined) return undefined;
  return expectText(spec.when, source, memberPath(path, 'when'), 'a condition (a non-empty string)');
}

function checkChoices(spec: Record<string, unknown>, source: string, path: string): ParamValue[] {
  const choicesPath = memberPath(path, 'choices');
  const choices = requireKey(spec, 'choices', source, path, 'a non-empty array of strings, numbers or booleans');
  if (!Array.isArray(choices)) failAt(source, choicesPath, `must be an array of strings, numbers or booleans, not ${typeName(choices)}`);
  if (choices.length === 0) failAt(source, choicesPath, 'must have at least one choice');
  const seen = new Map<ParamValue, number>();
  return choices.map((choice: unknown, i) => {
    const choicePath = elementPath(choicesPath, i);
    const ok = typeof choice === 'string' || typeof choice === 'boolean' || (typeof choice === 'number' && Number.isFinite(choice));
    if (!ok) failAt(source, choicePath, `must be a string, number or boolean, not ${typeName(choice)}`);
    const value = choice as ParamValue;
    const earlier = seen.get(value);
    if (earlier !== undefined) failAt(source, choicePath, `repeats choices[${earlier}] (${show(value)})`);
    seen.set(value, i);
    return value;
  });
}
