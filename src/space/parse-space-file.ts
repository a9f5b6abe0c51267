import { checkSamplerSettings } from './sampler-settings.js';
import { checkDefinitionShape, DEFINITION_KEYS } from './check-definition.js';
import { compileSpaceAt } from './compile-space.js';
import { elementPath, failAt, memberPath, show } from './json-path.js';
import { parseJsonText, type JsonTextOptions } from './json-text.js';
import { expectNumber, expectObject, expectText, rejectUnknownKeys, requireKey, typeName } from './shape.js';
import type { CompiledSpace, ObjectiveSpec, SpaceDefinition, SpaceFile } from './types.js';

/**
 * Most folds a space may ask for. Each fold is a full training run of every trial, while the standard error over
 * folds shrinks only as 1/√k: beyond 20 a search pays far more than it learns (and the data must still split).
 */
export const MAX_FOLDS = 20;

/**
 * Smallest token budget per run. A run spends its budget on training steps and dev evaluations; below a thousand
 * tokens it cannot pay for one step of a modest batch and one evaluation, so every trial would be an untrained
 * model that "completes" with EM 0.
 */
export const MIN_TOKENS_PER_RUN = 1000;

const FILE_KEYS = ['name', 'task', 'folds', 'budget', 'objectives', 'params', 'constraints', 'derived', 'seed', 'samplerOptions'];

/**
 * Parses and validates a search-space file's text (format: DESIGN.md "Search-space files"), including every
 * expression in it. Pure: `source` only names the file in messages. Throws InputError with one line
 * `<source>: <JSON path>: <what is wrong>`, or `<source>: invalid JSON at line L column C: …`.
 * Cost: O(size of the text) plus one mathjs parse per expression.
 */
export function parseSpaceFile(text: string, source: string): SpaceFile {
  return readSpaceFile(text, source).file;
}

/** `parseSpaceFile` that also returns the compiled space, so that a loader compiles expressions only once. */
export function readSpaceFile(text: string, source: string, options: JsonTextOptions = {}): { file: SpaceFile; space: CompiledSpace } {
  const file = checkSpaceFile(parseJsonText(text, source, options), source);
  return { file, space: compileSpaceAt(file, source, '$') };
}

/**
 * Validates the reduced form `serve --stdio`'s `create` sends as `space`: `{"params": {…}}` with optional
 * `constraints` and `derived`, nothing else. `root` is its JSON path in the message (e.g. `$.space`).
 * Returns a validated copy. Throws InputError like `parseSpaceFile`.
 */
export function parseSpaceDefinition(value: unknown, source: string, root = '$'): SpaceDefinition {
  const object = expectObject(value, source, root, 'an object with "params"');
  rejectUnknownKeys(object, DEFINITION_KEYS, source, root);
  const definition = checkDefinitionShape(object, source, root);
  compileSpaceAt(definition, source, root); // parses the expressions, for their errors
  return definition;
}

function checkSpaceFile(value: unknown, source: string): SpaceFile {
  const root = expectObject(value, source, '$', 'a JSON object (a search space)');
  rejectUnknownKeys(root, FILE_KEYS, source, '$');
  const name = expectText(requireKey(root, 'name', source, '$', 'the study name'), source, '$.name');
  const task = checkTask(requireKey(root, 'task', source, '$', 'an object with at least "name"'), source);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) failAt(source, '$.name', `must not contain control characters (got ${show(name)})`);
  const folds = requireKey(root, 'folds', source, '$', `an integer from 2 to ${MAX_FOLDS}`);
  if (typeof folds !== 'number' || !Number.isSafeInteger(folds) || folds < 2 || folds > MAX_FOLDS) {
    failAt(source, '$.folds', `must be an integer from 2 to ${MAX_FOLDS}, not ${typeName(folds)}`);
  }
  const budget = checkBudget(requireKey(root, 'budget', source, '$', 'an object with "maxTokensPerRun"'), source);
  const objectives = checkObjectives(requireKey(root, 'objectives', source, '$', 'an array of {name, direction}'), source);
  const definition = checkDefinitionShape(root, source, '$');
  const file: SpaceFile = { name, task, folds, budget, objectives, params: definition.params };
  if (definition.constraints !== undefined) file.constraints = definition.constraints;
  if (definition.derived !== undefined) file.derived = definition.derived;
  if (root.seed !== undefined) {
    if (typeof root.seed !== 'number' || !Number.isSafeInteger(root.seed)) {
      failAt(source, '$.seed', `must be an integer, not ${typeName(root.seed)}`);
    }
    file.seed = root.seed;
  }
  if (root.samplerOptions !== undefined) file.samplerOptions = checkSamplerSettings(root.samplerOptions, source, '$.samplerOptions');
  return file;
}

/** Only `name` is checked here; the trainer validates the task's other fields and gets them as written. */
function checkTask(value: unknown, source: string): SpaceFile['task'] {
  const task = expectObject(value, source, '$.task', 'an object with at least "name"');
  const name = expectText(requireKey(task, 'name', source, '$.task', 'the task name'), source, '$.task.name');
  return { ...structuredClone(task), name };
}

function checkBudget(value: unknown, source: string): SpaceFile['budget'] {
  const budget = expectObject(value, source, '$.budget', 'an object with "maxTokensPerRun"');
  rejectUnknownKeys(budget, ['maxTokensPerRun'], source, '$.budget');
  const path = '$.budget.maxTokensPerRun';
  const max = expectNumber(requireKey(budget, 'maxTokensPerRun', source, '$.budget', 'tokens per run'), source, path, `a number of at least ${MIN_TOKENS_PER_RUN}`);
  if (max < MIN_TOKENS_PER_RUN) failAt(source, path, `must be at least ${MIN_TOKENS_PER_RUN} tokens, not ${max}`);
  return { maxTokensPerRun: max };
}

function checkObjectives(value: unknown, source: string): ObjectiveSpec[] {
  const path = '$.objectives';
  if (!Array.isArray(value)) failAt(source, path, `must be an array of {name, direction}, not ${typeName(value)}`);
  if (value.length === 0) failAt(source, path, 'must name at least one objective');
  const seen = new Set<string>();
  return value.map((item: unknown, i) => {
    const itemPath = elementPath(path, i);
    const objective = expectObject(item, source, itemPath, 'an object {name, direction}');
    rejectUnknownKeys(objective, ['name', 'direction'], source, itemPath);
    const name = expectText(requireKey(objective, 'name', source, itemPath, 'the objective name'), source, memberPath(itemPath, 'name'));
    if (seen.has(name)) failAt(source, memberPath(itemPath, 'name'), `repeats the objective ${show(name)}`);
    seen.add(name);
    const direction = requireKey(objective, 'direction', source, itemPath, '"minimize" or "maximize"');
    if (direction !== 'minimize' && direction !== 'maximize') {
      failAt(source, memberPath(itemPath, 'direction'), `must be "minimize" or "maximize", not ${show(direction)}`);
    }
    return { name, direction };
  });
}
