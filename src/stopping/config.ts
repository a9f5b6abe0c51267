import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { isRuleName, RULE_DEFINITIONS, RULE_NAMES } from './definitions.js';
import { resolveParameters, SHARED_PARAMETERS } from './parameters.js';
import { isStoppingKey, STOPPING_RULE_KEY, stoppingKey, stoppingParameterName } from './recipe-keys.js';
import type { RuleName, RuleParameter, StoppingConfig, StoppingConfigInput, StoppingConfigOf } from './rule.js';

const DEFAULT_RULE: RuleName = 'none';

/** Every name a stopping parameter may have, over all rules (for catching typos). */
const KNOWN_NAMES = new Set<string>([
  'rule',
  ...SHARED_PARAMETERS.map((p) => p.name),
  ...RULE_NAMES.flatMap((name) => RULE_DEFINITIONS[name].parameters.map((p) => p.name)),
]);

/**
 * Builds a complete stopping config from recipe parameters: `stopping.rule` (default `none`), `stopping.evalEvery`,
 * `stopping.warmup`, `stopping.startGain`, `stopping.restoreBest`, and the chosen rule's own `stopping.<param>`;
 * missing ones take their defaults (`RULE_DEFINITIONS[rule].parameters`, `SHARED_PARAMETERS`). Parameters of other rules are
 * ignored (a space file may leave them unconditional); a `stopping.*` name no rule knows is an error. Throws InputError
 * `SOURCE: stopping.patience: expected an integer ≥ 1, got 0`. Cost: O(number of params).
 */
export function stoppingConfigFromParams(params: Params, source = 'params'): StoppingConfig {
  for (const key of Object.keys(params)) {
    if (isStoppingKey(key) && !KNOWN_NAMES.has(stoppingParameterName(key))) {
      throw new InputError(`${source}: ${key}: unknown stopping parameter (known: ${[...KNOWN_NAMES].join(', ')})`);
    }
  }
  const rule = params[STOPPING_RULE_KEY] ?? DEFAULT_RULE;
  if (!isRuleName(rule)) {
    throw new InputError(
      `${source}: ${STOPPING_RULE_KEY}: unknown stopping rule ${JSON.stringify(rule)} (expected ${RULE_NAMES.join(', ')})`,
    );
  }
  return buildConfig(
    rule,
    (name) => params[stoppingKey(name)],
    (name) => `${source}: ${stoppingKey(name)}`,
  );
}

/** Every name `stopping.<name>` may have, `rule` first. */
export const STOPPING_PARAMETER_NAMES: readonly string[] = [...KNOWN_NAMES];

/**
 * What `stopping.<name>` must satisfy when the rule may be any of `rules`: the shared parameter's spec, or the own
 * spec of each of those rules that has the name (empty when none of them does: the value is then ignored).
 * Undefined when no rule at all knows the name, `rule` included (its values are rule names, see `isRuleName`).
 * Cost: O(rules · parameters).
 */
export function stoppingParameterSpecs(name: string, rules: readonly RuleName[]): RuleParameter[] | undefined {
  if (name === 'rule' || !KNOWN_NAMES.has(name)) return undefined;
  const shared = SHARED_PARAMETERS.find((parameter) => parameter.name === name);
  if (shared) return [shared];
  return rules.flatMap((rule) => RULE_DEFINITIONS[rule].parameters.filter((parameter) => parameter.name === name));
}

/**
 * Checks a stopping config read from a file (e.g. a production config) and fills defaults. `where` names the file
 * and JSON path for messages (`prod.json: $.recipe.stopping`). Keys that are neither shared nor the rule's own are
 * errors. Throws InputError `WHERE.patience: expected an integer ≥ 1, got 0`.
 */
export function validateStoppingConfig(value: unknown, where: string): StoppingConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${where}: expected an object with a "rule"`);
  }
  const record = value as Record<string, unknown>;
  if (!isRuleName(record.rule)) {
    throw new InputError(
      `${where}.rule: unknown stopping rule ${JSON.stringify(record.rule) ?? 'undefined'} (expected ${RULE_NAMES.join(', ')})`,
    );
  }
  const rule = record.rule;
  const allowed = new Set(['rule', ...SHARED_PARAMETERS.map((p) => p.name), ...RULE_DEFINITIONS[rule].parameters.map((p) => p.name)]);
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) {
      throw new InputError(`${where}.${key}: not a parameter of stopping rule "${rule}" (allowed: ${[...allowed].join(', ')})`);
    }
  }
  return buildConfig(
    rule,
    (name) => record[name],
    (name) => `${where}.${name}`,
  );
}

/** The config of `rule` with every parameter at its default, plus `overrides` (checked). */
export function defaultStoppingConfig<Name extends RuleName>(rule: Name, overrides: Record<string, unknown> = {}): StoppingConfigOf<Name> {
  return validateStoppingConfig({ ...overrides, rule }, 'stopping config') as StoppingConfigOf<Name>;
}

/**
 * Completes and checks a config written in code, for a single `decide`: missing parameters take their defaults,
 * keys that are not parameters of its rule are ignored. Throws InputError `stopping config: NAME: expected …`.
 */
export function completeStoppingConfig(config: StoppingConfigInput): StoppingConfig {
  const record = config as Record<string, unknown>;
  if (!isRuleName(record.rule)) {
    throw new InputError(
      `stopping config: rule: unknown stopping rule ${JSON.stringify(record.rule)} (expected ${RULE_NAMES.join(', ')})`,
    );
  }
  return buildConfig(
    record.rule,
    (name) => record[name],
    (name) => `stopping config: ${name}`,
  );
}

/** Splits a recipe into its stopping parameters (prefix kept) and its training hyperparameters. */
export function splitRecipeParams(params: Params): { stopping: Params; hyperparameters: Params } {
  const stopping: Params = {};
  const hyperparameters: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (isStoppingKey(key)) stopping[key] = value;
    else hyperparameters[key] = value;
  }
  return { stopping, hyperparameters };
}

/**
 * The checked config of `rule`: every shared parameter and every parameter of the rule, read with `read` and checked
 * against its spec (`checkParameter`), which gives each the type its spec names: the one place a config is checked.
 */
function buildConfig(rule: RuleName, read: (name: string) => unknown, field: (name: string) => string): StoppingConfig {
  const shared = resolveParameters(SHARED_PARAMETERS, read, field);
  const own = resolveParameters(RULE_DEFINITIONS[rule].parameters, read, field);
  return { rule, ...shared, ...own } as StoppingConfig;
}
