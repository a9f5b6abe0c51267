import { elementPath, failAt, memberPath, show } from '../space/json-path.js';
import type { CompiledSpace, ParamSpec, SpaceFile } from '../space/types.js';
import { stoppingConfigFromParams, stoppingKey } from '../stopping/index.js';
import { probeRecipes } from './probe-recipes.js';

const EVAL_EVERY = stoppingKey('evalEvery');

/**
 * Checks that every `stopping.evalEvery` a recipe of this space can have is a multiple of `gridEvery`, so that every
 * dev evaluation of every recipe falls on a recorded curve point and any of its rules can be replayed on the curve.
 * A categorical is checked choice by choice; an int or float range is refused (its low is below its high, so it holds
 * values between multiples), with a categorical of multiples to use instead; a parameter with a `when`, or none at all, leaves some recipes the rules' default,
 * which is checked too; a derived value is checked on the recipes `probeRecipes` decodes. `grid` names the spacing in
 * messages (e.g. `$.replay.gridEvery (25000)`). Throws InputError `<source>: <JSON path>: <what is wrong>`.
 * Cost: O(choices), plus PROBE_RECIPES derivations when the value is derived.
 */
export function checkEvalEveryOnGrid(file: SpaceFile, space: CompiledSpace, gridEvery: number, source: string, grid: string): void {
  const onGrid = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value % gridEvery === 0;
  const spec = file.params[EVAL_EVERY];
  const defaultEvalEvery = stoppingConfigFromParams({}).evalEvery;
  if (spec !== undefined) {
    const path = memberPath('$.params', EVAL_EVERY);
    checkSpec(spec, path);
    if (spec.when !== undefined && !onGrid(defaultEvalEvery)) {
      failAt(source, memberPath(path, 'when'), `where it is false a recipe takes the default evalEvery ${defaultEvalEvery}, which is not a multiple of ${grid}; drop the condition`);
    }
    return;
  }
  const expression = file.derived?.[EVAL_EVERY];
  if (expression !== undefined) {
    const path = memberPath('$.derived', EVAL_EVERY);
    for (const params of probeRecipes(space)) {
      const value = space.derive(params)[EVAL_EVERY] ?? defaultEvalEvery;
      if (!onGrid(value)) failAt(source, path, `gives ${show(value)} for the recipe ${show(params)}, which is not a multiple of ${grid}`);
    }
    return;
  }
  if (!onGrid(defaultEvalEvery)) {
    failAt(
      source,
      memberPath('$.params', EVAL_EVERY),
      `is required with a replay grid: recipes without it take the default evalEvery ${defaultEvalEvery}, which is not a multiple of ${grid} (e.g. ${suggestion(gridEvery, 0, Infinity)})`,
    );
  }

  function checkSpec(param: ParamSpec, path: string): void {
    if (param.type === 'categorical') {
      param.choices.forEach((choice, i) => {
        if (!onGrid(choice)) failAt(source, elementPath(memberPath(path, 'choices'), i), `${show(choice)} is not a multiple of ${grid}`);
      });
      return;
    }
    failAt(source, path, `a range of values cannot all be multiples of ${grid}; use a categorical of multiples, e.g. ${suggestion(gridEvery, param.low, param.high)}`);
  }
}

/** A categorical of multiples of `gridEvery` (doubling) within [low, high] when three fit, else from `gridEvery` on. */
function suggestion(gridEvery: number, low: number, high: number): string {
  const first = Math.max(1, Math.ceil(low / gridEvery)) * gridEvery;
  const inRange = [first, 2 * first, 4 * first, 8 * first].filter((value) => value <= high);
  const choices = inRange.length >= 3 ? inRange : [gridEvery, 2 * gridEvery, 4 * gridEvery, 8 * gridEvery];
  return `{"type": "categorical", "choices": [${choices.join(', ')}]}`;
}
