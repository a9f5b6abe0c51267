/**
 * The maximum hypervolume of a mixed benchmark problem, searched exhaustively over its discrete part:
 *
 * 1. every categorical choice × every integer × `gridPoints` evenly spaced unit coordinates per active float
 *    (ends included; a log float's grid is even in log space), keeping the non-dominated recipes; an integer
 *    with more values than grid-recipes.ts's MAX_ENUMERATED_INTEGERS is searched like a float here and below;
 * 2. `refinements` rounds around each front recipe (with `--neighbours R`, first its discrete neighbours: see
 *    `neighbourRadius`): its active floats on a local grid of `refinePoints` per
 *    float spanning ± one step of the previous grid (the step shrinking by (refinePoints − 1)/2 a round), integers
 *    and categoricals kept.
 *
 * The result is the hypervolume of a set of real recipes, so it is a lower bound of the true maximum; the gap is
 * what a finer grid would still add, which the printed stages show (each problem's comment quotes them).
 *
 *   node bin/run-ts.js benchmarks/problems/max-hypervolume.ts EarlyStopping [--grid 41] [--refine 9] [--rounds 3] [--neighbours 2] [--write]
 *
 * `--write` stores the stages and up to STORED_FRONT_SIZE of the front's recipes (evenly spaced along it) in
 * benchmarks/problems/fronts/<name>.json, which the tests evaluate again to check the problem's `maxHypervolume`
 * against real recipes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scaleOf } from '../../src/space/param-scale.js';
import { compileSpace } from '../../src/space/index.js';
import type { Params, SpaceDefinition } from '../../src/space/types.js';
import { FrontArchive, type ScoredRecipe } from './front-archive.js';
import { evenCoordinates, forEachGridRecipe, isGridded } from './grid-recipes.js';
import { MIXED_TEST_PROBLEMS } from './index.js';
import type { MixedTestProblem } from './types.js';

export interface MaxHypervolumeOptions {
  /** Grid coordinates per float parameter in the exhaustive stage (≥ 2). */
  readonly gridPoints: number;
  /** Local grid coordinates per float in each refinement round (odd, ≥ 3). */
  readonly refinePoints: number;
  readonly refinements: number;
  /**
   * If set, each round first tries the front recipes' discrete neighbours (every choice of each categorical, each
   * integer within ± this radius, all combinations) with their floats at −1, 0 and +1 step: a recipe whose
   * discrete part missed the front on the coarse grid can join it this way.
   */
  readonly neighbourRadius?: number;
  /** Called after each stage with its name, the hypervolume so far, the front size and the recipes evaluated. */
  readonly report?: (stage: string, hypervolume: number, frontSize: number, evaluated: number) => void;
}

export interface MaxHypervolumeResult {
  readonly hypervolume: number;
  readonly front: readonly ScoredRecipe[];
  /** Hypervolume after the exhaustive stage and after each refinement round. */
  readonly stages: readonly number[];
}

export function searchMaxHypervolume(problem: MixedTestProblem, options: MaxHypervolumeOptions): MaxHypervolumeResult {
  const space = compileSpace(problem.space, problem.name);
  const names = Object.keys(problem.space.params);
  const floatIndices = names.flatMap((name, i) => (isGridded(problem.space.params[name]) ? [i] : []));
  const scales = names.map((name) => scaleOf(problem.space.params[name]));
  const archive = new FrontArchive(problem.refPoint);
  let evaluated = 0;
  const score = (params: Params) => {
    evaluated++;
    archive.add(params, problem.evaluate(params));
  };

  const grid = evenCoordinates(options.gridPoints);
  forEachGridRecipe(space, () => grid, score);
  const stages = [archive.hypervolume()];
  options.report?.(`grid of ${options.gridPoints} per float`, stages[0], archive.front().length, evaluated);

  let step = 1 / (options.gridPoints - 1);
  const half = (options.refinePoints - 1) / 2;
  for (let round = 1; round <= options.refinements; round++) {
    if (options.neighbourRadius) {
      for (const { params } of [...archive.front()]) {
        for (const neighbour of discreteNeighbours(params, problem.space, options.neighbourRadius)) {
          if (!space.isFeasible(neighbour)) continue;
          const centre = space.encode(neighbour);
          forEachOffset(centre, floatIndices.filter((i) => names[i] in neighbour), step, 1, (unit, active) => {
            const recipe: Params = { ...neighbour };
            for (const i of active) recipe[names[i]] = scales[i].decode(unit[i]);
            score(recipe);
          });
        }
      }
    }
    for (const { params } of [...archive.front()]) {
      forEachOffset(space.encode(params), floatIndices.filter((i) => names[i] in params), step, half, (unit, active) => {
        const recipe: Params = { ...params };
        for (const i of active) recipe[names[i]] = scales[i].decode(unit[i]);
        score(recipe);
      });
    }
    step /= half;
    stages.push(archive.hypervolume());
    options.report?.(`refinement ${round}`, stages[round], archive.front().length, evaluated);
  }
  return { hypervolume: stages[stages.length - 1], front: archive.front(), stages };
}

/**
 * Calls `visit` with `centre` moved on a local grid: each of the coordinates `active` at centre + k·step/half for
 * k = −half … half (clamped to [0, 1]), all combinations. The array passed is reused between calls.
 */
function forEachOffset(
  centre: Float64Array,
  active: readonly number[],
  step: number,
  half: number,
  visit: (unit: Float64Array, active: readonly number[]) => void,
): void {
  const unit = Float64Array.from(centre);
  const vary = (k: number): void => {
    if (k === active.length) {
      visit(unit, active);
      return;
    }
    const i = active[k];
    for (let offset = -half; offset <= half; offset++) {
      unit[i] = Math.min(1, Math.max(0, centre[i] + (offset * step) / half));
      vary(k + 1);
    }
    unit[i] = centre[i];
  };
  vary(0);
}

/**
 * The recipes one discrete move or several away from `params`: every choice of each categorical and each integer
 * within ± radius (all combinations, floats kept). Some are not valid recipes (a changed rule needs other
 * conditional parameters): the caller filters them.
 */
function* discreteNeighbours(params: Params, definition: SpaceDefinition, radius: number): Generator<Params> {
  const names = Object.keys(params).filter((name) => !isGridded(definition.params[name]));
  const recipe: Params = { ...params };
  function* vary(k: number): Generator<Params> {
    if (k === names.length) {
      yield { ...recipe };
      return;
    }
    const name = names[k];
    const spec = definition.params[name];
    const values =
      spec.type === 'categorical'
        ? spec.choices
        : Array.from({ length: 2 * radius + 1 }, (_, j) => (params[name] as number) + j - radius).filter((v) => v >= spec.low && v <= spec.high);
    for (const value of values) {
      recipe[name] = value;
      yield* vary(k + 1);
    }
    recipe[name] = params[name];
  }
  yield* vary(0);
}

/** Most front recipes a stored front keeps. */
export const STORED_FRONT_SIZE = 300;

/** What `--write` stores: the search's settings and stages, and a thinned front. */
export interface StoredFront {
  readonly problem: string;
  readonly refPoint: readonly [number, number];
  readonly options: Omit<MaxHypervolumeOptions, 'report'>;
  readonly stages: readonly number[];
  /** Hypervolume of the whole front (the last stage). */
  readonly hypervolume: number;
  readonly frontSize: number;
  /** Up to STORED_FRONT_SIZE recipes of the front, evenly spaced along it, ends included. */
  readonly front: readonly ScoredRecipe[];
}

export function storedFront(problem: MixedTestProblem, result: MaxHypervolumeResult, options: MaxHypervolumeOptions): StoredFront {
  const size = result.front.length;
  const kept =
    size <= STORED_FRONT_SIZE
      ? result.front
      : Array.from({ length: STORED_FRONT_SIZE }, (_, k) => result.front[Math.round((k * (size - 1)) / (STORED_FRONT_SIZE - 1))]);
  return {
    problem: problem.name,
    refPoint: problem.refPoint,
    options: {
      gridPoints: options.gridPoints,
      refinePoints: options.refinePoints,
      refinements: options.refinements,
      neighbourRadius: options.neighbourRadius,
    },
    stages: result.stages,
    hypervolume: result.hypervolume,
    frontSize: size,
    front: kept,
  };
}

/** `stored` as JSON text with one front recipe per line (the file stays readable and diffs by recipe). */
export function formatStoredFront(stored: StoredFront): string {
  const { front, ...header } = stored;
  const head = JSON.stringify(header, null, 1).replace(/\n\}$/, '');
  return `${head},\n "front": [\n${front.map((entry) => `  ${JSON.stringify(entry)}`).join(',\n')}\n ]\n}\n`;
}

function parseArguments(argv: readonly string[]): { problems: MixedTestProblem[]; options: MaxHypervolumeOptions; write: boolean } {
  let write = false;
  let gridPoints = 41;
  let refinePoints = 9;
  let refinements = 3;
  let neighbourRadius: number | undefined;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grid') gridPoints = Number(argv[++i]);
    else if (argv[i] === '--refine') refinePoints = Number(argv[++i]);
    else if (argv[i] === '--rounds') refinements = Number(argv[++i]);
    else if (argv[i] === '--write') write = true;
    else if (argv[i] === '--neighbours') neighbourRadius = Number(argv[++i]);
    else names.push(argv[i]);
  }
  const problems = names.length === 0 ? [...MIXED_TEST_PROBLEMS] : names.map((name) => {
    const problem = MIXED_TEST_PROBLEMS.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!problem) throw new Error(`max-hypervolume: unknown mixed problem ${name}`);
    return problem;
  });
  return { problems, options: { gridPoints, refinePoints, refinements, neighbourRadius }, write };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { problems, options, write } = parseArguments(process.argv.slice(2));
  for (const problem of problems) {
    const started = performance.now();
    const result = searchMaxHypervolume(problem, {
      ...options,
      report: (stage, hypervolume, size, evaluated) =>
        console.log(`${problem.name}: ${stage}: hypervolume ${hypervolume.toPrecision(8)}, front of ${size}, ${evaluated} recipes evaluated`),
    });
    console.log(`${problem.name}: max hypervolume ${result.hypervolume.toPrecision(8)} against [${problem.refPoint.join(', ')}] (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    const shown = result.front.filter((_, i) => i % Math.max(1, Math.floor(result.front.length / 12)) === 0);
    if (write) {
      const file = fileURLToPath(new URL(`fronts/${problem.name}.json`, import.meta.url));
      const stored = storedFront(problem, result, options);
      writeFileSync(file, formatStoredFront(stored));
      console.log(`${problem.name}: front written to ${file}`);
    }
    for (const entry of shown) console.log(`  ${entry.values.map((v) => v.toPrecision(5)).join(' ')}  ${JSON.stringify(entry.params)}`);
  }
}
