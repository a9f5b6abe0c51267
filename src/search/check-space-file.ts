import { InputError } from '../errors.js';
import { MAX_FEASIBILITY_DRAWS } from '../samplers/feasible.js';
import { didYouMean } from '../space/closest-name.js';
import { loadSpaceFile, type LoadedSpaceFile } from '../space/load-space-file.js';
import { elementPath, failAt, memberPath, show } from '../space/json-path.js';
import type { CompiledSpace, ParamSpec, Params, SpaceFile } from '../space/types.js';
import {
  checkParameter,
  describeParameter,
  isRuleName,
  RULE_NAMES,
  isStoppingKey,
  STOPPING_PREFIX,
  STOPPING_RULE_KEY,
  stoppingConfigFromParams,
  stoppingKey,
  stoppingParameterName,
  stoppingParameterSpecs,
  STOPPING_PARAMETER_NAMES,
  type RuleName,
  type RuleParameter,
} from '../stopping/index.js';
import { defaultModelForTask } from '../trainer/defaults.js';
import { TRAINING_PARAMETERS, trainingConfigFromParams } from '../trainer/training-config.js';
import { checkEvalEveryOnGrid } from './grid-spacing.js';
import { probeRecipes } from './probe-recipes.js';
import { SEARCH_OBJECTIVE_NAMES } from './run-search.js';

/** Reads a search-space file for training (`search`, `train`): `loadSpaceFile` plus `checkSpaceForTrainer`. */
export async function loadSearchSpaceFile(path: string): Promise<LoadedSpaceFile> {
  const loaded = await loadSpaceFile(path);
  checkSpaceForTrainer(loaded.file, loaded.space, path);
  return loaded;
}

/**
 * Checks a search-space file against what the trainer and the stopping rules accept, so that no trial can fail
 * for a reason the file already decides: every objective is one a search measures; every parameter and derived
 * value names a training hyperparameter or a stopping parameter; every parameter's whole range and every choice
 * is accepted by that hyperparameter or by the stopping parameter of every rule the space may choose; and recipes
 * sampled from the space (with their derived values) pass the trainer's and the rules' checks together.
 * The limits come from `TRAINING_PARAMETERS` and the stopping registry, not from a list kept here. Throws
 * InputError `<source>: <JSON path>: <what is wrong>`. Cost: O(parameters · choices) plus up to
 * MAX_FEASIBILITY_DRAWS decodes (PROBE_RECIPES when the constraints are loose).
 */
export function checkSpaceForTrainer(file: SpaceFile, space: CompiledSpace, source: string): void {
  file.objectives.forEach((objective, i) => {
    if (!SEARCH_OBJECTIVE_NAMES.includes(objective.name)) {
      failAt(
        source,
        memberPath(elementPath('$.objectives', i), 'name'),
        `unknown objective ${show(objective.name)}${didYouMean(objective.name, SEARCH_OBJECTIVE_NAMES)} (a search measures: ${SEARCH_OBJECTIVE_NAMES.join(', ')})`,
      );
    }
  });
  const rules = possibleRules(file, source);
  for (const [name, spec] of Object.entries(file.params)) {
    const path = memberPath('$.params', name);
    if (name === STOPPING_RULE_KEY) continue; // checked by possibleRules
    for (const parameter of parameterSpecs(name, rules, source, path)) checkRange(spec, parameter, source, path);
  }
  for (const name of Object.keys(file.derived ?? {})) {
    if (name !== STOPPING_RULE_KEY) parameterSpecs(name, rules, source, memberPath('$.derived', name));
  }
  checkProbedRecipes(file, space, source);
  if (file.replay !== undefined) checkEvalEveryOnGrid(file, space, file.replay.gridEvery, source, `$.replay.gridEvery (${file.replay.gridEvery})`);
}

/** The rules a recipe of this space may use: the choices of `stopping.rule` (each checked), else the default. */
function possibleRules(file: SpaceFile, source: string): readonly RuleName[] {
  const name = STOPPING_RULE_KEY;
  const spec = file.params[name];
  const defaultRule = stoppingConfigFromParams({}).rule;
  if (spec === undefined) return Object.hasOwn(file.derived ?? {}, name) ? RULE_NAMES : [defaultRule];
  const path = memberPath('$.params', name);
  if (spec.type !== 'categorical') {
    failAt(source, memberPath(path, 'type'), `must be "categorical": its choices are rule names (${RULE_NAMES.join(', ')})`);
  }
  spec.choices.forEach((choice, i) => {
    if (!isRuleName(choice)) {
      const hint = typeof choice === 'string' ? didYouMean(choice, RULE_NAMES) : '';
      failAt(source, elementPath(memberPath(path, 'choices'), i), `unknown stopping rule ${show(choice)}${hint} (expected one of ${RULE_NAMES.join(', ')})`);
    }
  });
  // Where its condition is false the parameter is absent, and the recipe gets the default rule.
  return spec.when === undefined ? (spec.choices as RuleName[]) : [...(spec.choices as RuleName[]), defaultRule];
}

/** What the parameter (or derived value) `name` must satisfy; InputError at `path` if nothing knows the name. */
function parameterSpecs(name: string, rules: readonly RuleName[], source: string, path: string): RuleParameter[] {
  if (isStoppingKey(name)) {
    const specs = stoppingParameterSpecs(stoppingParameterName(name), rules);
    if (specs === undefined) {
      const known = STOPPING_PARAMETER_NAMES.map(stoppingKey);
      failAt(source, path, `unknown stopping parameter${didYouMean(name, known)} (known: ${known.join(', ')})`);
    }
    return specs;
  }
  const parameter = TRAINING_PARAMETERS.find((candidate) => candidate.name === name);
  if (parameter === undefined) {
    const known = TRAINING_PARAMETERS.map((candidate) => candidate.name);
    failAt(source, path, `unknown training parameter${didYouMean(name, known)} (known: ${known.join(', ')}, and ${STOPPING_PREFIX}*)`);
  }
  return [parameter];
}

/** InputError unless every value the parameter spec can produce is accepted by `parameter`. */
function checkRange(spec: ParamSpec, parameter: RuleParameter, source: string, path: string): void {
  const accepts = describeParameter(parameter);
  if (spec.type === 'categorical') {
    spec.choices.forEach((choice, i) => checkAt(parameter, choice, source, elementPath(memberPath(path, 'choices'), i)));
    return;
  }
  if (parameter.type === 'choice') failAt(source, memberPath(path, 'type'), `must be "categorical": ${parameter.name} takes ${accepts}`);
  if (spec.type === 'float' && parameter.type !== 'float') {
    failAt(source, memberPath(path, 'type'), `must be "int" or "categorical": ${parameter.name} takes ${accepts}`);
  }
  // Every accepted set is an interval, so its two ends decide the whole range.
  checkAt(parameter, spec.low, source, memberPath(path, 'low'));
  checkAt(parameter, spec.high, source, memberPath(path, 'high'));
}

function checkAt(parameter: RuleParameter, value: unknown, source: string, path: string): void {
  try {
    checkParameter(parameter, value, parameter.name);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    failAt(source, path, `${show(value)} is not accepted: ${parameter.name} takes ${describeParameter(parameter)}`);
  }
}

/**
 * Decodes recipes from the space as a sampler would and runs the trainer's and the rules' checks on each, with
 * its derived values: what no single range can show (embedding not a multiple of heads, a derived value out of
 * range, constraints that exclude everything) is found here, before a study exists.
 */
function checkProbedRecipes(file: SpaceFile, space: CompiledSpace, source: string): void {
  let feasible = 0;
  for (const params of probeRecipes(space)) {
    feasible++;
    const derived = space.derive(params);
    const recipe: Params = { ...params, ...derived };
    try {
      trainingConfigFromParams(recipe, 'recipe', defaultModelForTask(file.task.name));
      stoppingConfigFromParams(recipe, 'recipe');
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const [, field, problem] = /^recipe: ([^:]+): (.*)$/.exec(error.message) ?? [undefined, '', error.message];
      if (Object.hasOwn(derived, field)) {
        failAt(source, memberPath('$.derived', field), `${problem} (for the recipe ${show(params)})`);
      }
      failAt(source, '$.params', `a recipe of this space is refused: ${field}: ${problem} (${show(params)}); narrow the ranges or add a constraint`);
    }
  }
  if (feasible === 0) {
    const path = file.constraints?.length ? '$.constraints' : '$.params';
    failAt(source, path, `no recipe satisfies them (none of ${MAX_FEASIBILITY_DRAWS} sampled recipes did)`);
  }
}
