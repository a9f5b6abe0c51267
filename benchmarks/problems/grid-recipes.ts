import { scaleOf } from '../../src/space/param-scale.js';
import type { CompiledSpace, ParamSpec, Params } from '../../src/space/types.js';

/** Integer parameters with more values than this are gridded like floats instead of enumerated. */
export const MAX_ENUMERATED_INTEGERS = 1000;

/**
 * Whether a grid search takes coordinates for this parameter (a float, or an integer with more than
 * MAX_ENUMERATED_INTEGERS values, such as a warmup in tokens) rather than enumerating its values.
 */
export function isGridded(spec: ParamSpec): boolean {
  return spec.type === 'float' || (spec.type === 'int' && spec.high - spec.low + 1 > MAX_ENUMERATED_INTEGERS);
}

/**
 * Visits every recipe of a grid over `space`: each categorical choice, each integer of an int parameter, and for
 * each float (and each integer too wide to enumerate, see `isGridded`) the unit coordinates
 * `floatCoordinates(name, recipe so far)` (through the parameter's own scale, so a log float's grid is even in log
 * space and an integer's coordinates are rounded to integers). Inactive parameters are left out, so each branch of a conditional space
 * is enumerated once. Parameters are assigned in definition order, so a `when` may read only parameters listed
 * before its own (true of the benchmark problems; compileSpace itself allows any order).
 *
 * Cost: the number of grid recipes, each built once, plus one decode per assignment of a conditional parameter.
 */
export function forEachGridRecipe(
  space: CompiledSpace,
  floatCoordinates: (name: string, partial: Params) => readonly number[],
  visit: (params: Params) => void,
): void {
  const names = Object.keys(space.definition.params);
  const specs = names.map((name) => space.definition.params[name]);
  const scales = specs.map((spec) => scaleOf(spec));
  const unit = new Float64Array(names.length).fill(0.5);
  const params: Params = {};

  const assign = (i: number): void => {
    if (i === names.length) {
      visit({ ...params });
      return;
    }
    const name = names[i];
    const spec = specs[i];
    if (spec.when !== undefined && !(name in space.decode(unit))) {
      unit[i] = scales[i].inactiveCoordinate;
      assign(i + 1);
      return;
    }
    const values: number[] =
      spec.type === 'categorical'
        ? spec.choices.map((_, c) => (c + 0.5) / spec.choices.length)
        : isGridded(spec)
          ? [...floatCoordinates(name, params)]
          : Array.from({ length: spec.high - spec.low + 1 }, (_, k) => scales[i].encode(spec.low + k));
    for (const u of values) {
      unit[i] = u;
      params[name] = scales[i].decode(u);
      assign(i + 1);
    }
    delete params[name];
    unit[i] = 0.5;
  };
  assign(0);
}

/** n evenly spaced coordinates covering [0, 1], ends included (n ≥ 2). */
export function evenCoordinates(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k / (n - 1));
}
