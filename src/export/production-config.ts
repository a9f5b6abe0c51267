import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { splitRecipeParams, stoppingConfigFromParams, validateStoppingConfig } from '../stopping/config.js';
import { STOPPING_RULE_KEY } from '../stopping/recipe-keys.js';
import type { StoppingConfig } from '../stopping/rule.js';
import type { LearningCurve } from '../stopping/types.js';
import { defaultModelForTask } from '../trainer/defaults.js';
import type { ModelName } from '../trainer/hyperparameters.js';
import { trainingConfigFromParams } from '../trainer/training-config.js';
import type { Estimate, StudyRecord, TrialRecord } from '../storage/records.js';
import { buildFrontReport, type FrontReport } from './front-report.js';
import { parsePolicy, policyToString, selectionFigures, selectRecipe, type FrontPoint, type SelectionFigures, type SelectionPolicy } from './policy.js';

/** A chosen recipe split the way a training loop uses it. */
export interface Recipe {
  /** Give to `createStopper(recipe.stopping, { budgetTokens })`. */
  stopping: StoppingConfig;
  /**
   * Every training hyperparameter the run used: the recipe's own, and the trainer's defaults for those the search
   * space left out (so a production loop never has to know those defaults).
   */
  hyperparameters: Params;
  /** All of the recipe's parameters, as the search stored them. */
  params: Params;
}

/** What `stopwise seed` writes and a production training loop loads (JSON, versioned). */
export interface ProductionConfig {
  version: 1;
  recipe: Recipe;
  /** What the search measured for this recipe: cross-validated means over folds with standard errors. */
  expected: { tokens: Estimate; em: Estimate };
  /**
   * What confirmation measured: retrained on the whole search part over `runs` seeds, EM on the test part the
   * search never saw (null when the recipe was not confirmed). The figures to rely on.
   */
  confirmed: { tokens: Estimate; em: Estimate; runs: number } | null;
  /** The selection policy, as `--policy` takes it. */
  policy: string;
  /** Which figures the policy chose by: confirmed when every front recipe was confirmed, else cross-validated. */
  selectedBy: SelectionFigures;
  /**
   * Dev curves the `median` rule compares against (the study's recorded runs), present when a front recipe uses it:
   * pass them as `createStopper(stopping, { budgetTokens, peers: config.peers })`.
   */
  peers?: LearningCurve[];
  provenance: {
    study: string;
    /** The chosen trial's 0-based number in the study (shown as `#number` by show, export and the TUI). */
    trialNumber: number;
    spaceHash: string;
    task: unknown;
    /** When this config was built. */
    createdAt: string;
    studyCreatedAt: string;
  };
  /** The whole front, so that a production loop can move along it (`selectRecipe(config.front, { tokenBudget })`). */
  front: FrontPoint[];
}

/**
 * The recipe of a set of parameters: the stopping config (`stoppingConfigFromParams`) and the complete training
 * config (`trainingConfigFromParams`: the recipe's hyperparameters, the trainer's defaults for the rest, those of
 * `defaultModel` — the task's, defaultModelForTask — when the recipe names no model).
 * Use it on `selectRecipe(config.front, …).params` when moving along the front.
 */
export function recipeFromParams(params: Params, source = 'params', defaultModel: ModelName = 'slot'): Recipe {
  return {
    stopping: stoppingConfigFromParams(params, source),
    hyperparameters: { ...trainingConfigFromParams(splitRecipeParams(params).hyperparameters, source, defaultModel) },
    params: { ...params },
  };
}

/** The report's front as production front points (cheapest first). */
export function frontPoints(report: FrontReport): FrontPoint[] {
  return report.front.map((row) => ({
    trialNumber: row.number,
    params: { ...row.params },
    tokens: { ...row.tokens },
    em: { ...row.em },
    ...(row.confirmed ? { confirmed: { tokens: { ...row.confirmed.tokens }, em: { ...row.confirmed.em }, runs: row.confirmed.runs } } : {}),
  }));
}

/**
 * Chooses a recipe from the report's front with `policy` and writes it up with what the search expects of it
 * (cross-validated and, when confirmed, confirmed figures), its provenance (task: `extras.task`, else the
 * study's), the front, and, when a front recipe uses `median`, the peer curves it needs (`extras.peers`, the
 * study's recorded dev curves). `extras.now` fixes `createdAt` (tests). Throws InputError when the front is empty,
 * nothing fits a budget policy, the recipe's stopping parameters are invalid, or a `median` recipe was chosen
 * without peer curves (its rule could never stop a run in production).
 */
export function buildProductionConfig(
  report: FrontReport,
  policy: SelectionPolicy,
  extras: { task?: unknown; now?: Date; peers?: readonly LearningCurve[] } = {},
): ProductionConfig {
  const front = frontPoints(report);
  const chosen = selectRecipe(front, { policy });
  const task = (extras.task ?? report.study.task) as { name?: unknown } | null | undefined;
  const taskModel = defaultModelForTask(typeof task?.name === 'string' ? task.name : '');
  const recipe = recipeFromParams(chosen.params, `study "${report.study.name}", trial #${chosen.trialNumber}`, taskModel);
  const usesMedian = front.some((point) => point.params[STOPPING_RULE_KEY] === 'median');
  const peers = extras.peers ?? [];
  if (recipe.stopping.rule === 'median' && peers.length === 0) {
    throw new InputError(
      `study "${report.study.name}", trial #${chosen.trialNumber}: the chosen recipe stops by the median rule, which needs other runs' curves to compare against, and the study has none to carry; choose another policy`,
    );
  }
  return {
    version: 1,
    recipe,
    expected: { tokens: { ...chosen.tokens }, em: { ...chosen.em } },
    confirmed: chosen.confirmed ? { tokens: { ...chosen.confirmed.tokens }, em: { ...chosen.confirmed.em }, runs: chosen.confirmed.runs } : null,
    policy: policyToString(policy),
    selectedBy: selectionFigures(front),
    ...(usesMedian && peers.length > 0 ? { peers: peers.map((curve) => curve.map((point) => ({ ...point }))) } : {}),
    provenance: {
      study: report.study.name,
      trialNumber: chosen.trialNumber,
      spaceHash: report.study.spaceHash,
      task: extras.task ?? report.study.task ?? null,
      createdAt: (extras.now ?? new Date()).toISOString(),
      studyCreatedAt: report.study.createdAt,
    },
    front,
  };
}

/**
 * The production config of a stored study, as `seed` and the TUI's `s` key write it: its front report, the recipe
 * `policy` picks, the study's task, and its recorded dev curves (studyCurves) as peers for `median` recipes.
 */
export function studyProductionConfig(
  study: StudyRecord,
  trials: readonly TrialRecord[],
  policy: SelectionPolicy,
  now?: Date,
): ProductionConfig {
  return buildProductionConfig(buildFrontReport(study, trials), policy, { peers: studyCurves(trials), ...(now ? { now } : {}) });
}

/**
 * Dev curves of the study's complete trials, every fold, diverged runs left out: the peers `median` compares
 * against outside the search (confirmation, production configs), where no same-fold peers exist.
 */
export function studyCurves(trials: readonly TrialRecord[]): LearningCurve[] {
  const curves: LearningCurve[] = [];
  for (const trial of trials) {
    if (trial.state !== 'complete') continue;
    for (const fold of trial.result?.folds ?? []) if (!fold.diverged && fold.curve.length > 0) curves.push(fold.curve);
  }
  return curves;
}

/** The config as the JSON file `seed` and the TUI write (pretty-printed, one trailing newline). */
export function productionConfigToJson(config: ProductionConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Reads and checks a production config file: JSON, `version` 1, and every field's shape (the stopping config
 * through `validateStoppingConfig`, so missing rule parameters take their defaults). Throws InputError
 * `FILE: $.recipe.stopping.patience: expected an integer ≥ 1, got 0`, naming the file and the field.
 */
export async function loadProductionConfig(path: string): Promise<ProductionConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read the production config (${code === 'ENOENT' ? 'no such file' : code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseProductionConfig(json, path);
}

/** Checks the shape of a parsed production config; `source` names the file in messages. Pure. */
export function parseProductionConfig(json: unknown, source: string): ProductionConfig {
  const at = (path: string): string => `${source}: ${path}`;
  const root = expectObject(json, at('$'));
  if (root.version !== 1) {
    throw new InputError(`${at('$.version')}: expected 1 (this stopwise reads version 1), got ${JSON.stringify(root.version) ?? 'nothing'}`);
  }
  const recipe = expectObject(root.recipe, at('$.recipe'));
  const expected = expectObject(root.expected, at('$.expected'));
  const provenance = expectObject(root.provenance, at('$.provenance'));
  const policy = expectString(root.policy, at('$.policy'));
  try {
    parsePolicy(policy);
  } catch {
    throw new InputError(`${at('$.policy')}: unknown policy ${JSON.stringify(policy)} (expected knee, within:TOL, within-se, budget:TOKENS[,minEm:EM])`);
  }
  if (!Array.isArray(root.front) || root.front.length === 0) {
    throw new InputError(`${at('$.front')}: expected a non-empty array of front points`);
  }
  return {
    version: 1,
    recipe: {
      stopping: validateStoppingConfig(recipe.stopping, at('$.recipe.stopping')),
      hyperparameters: expectParams(recipe.hyperparameters, at('$.recipe.hyperparameters')),
      params: expectParams(recipe.params, at('$.recipe.params')),
    },
    expected: {
      tokens: expectEstimate(expected.tokens, at('$.expected.tokens')),
      em: expectEstimate(expected.em, at('$.expected.em')),
    },
    confirmed: root.confirmed === undefined || root.confirmed === null ? null : expectConfirmed(root.confirmed, at('$.confirmed')),
    policy,
    selectedBy: root.selectedBy === 'confirmed' ? 'confirmed' : 'cross-validated',
    ...(root.peers !== undefined ? { peers: expectCurves(root.peers, at('$.peers')) } : {}),
    provenance: {
      study: expectString(provenance.study, at('$.provenance.study')),
      trialNumber: expectInteger(provenance.trialNumber, at('$.provenance.trialNumber')),
      spaceHash: expectString(provenance.spaceHash, at('$.provenance.spaceHash')),
      task: provenance.task ?? null,
      createdAt: expectString(provenance.createdAt, at('$.provenance.createdAt')),
      studyCreatedAt: provenance.studyCreatedAt === undefined ? '' : expectString(provenance.studyCreatedAt, at('$.provenance.studyCreatedAt')),
    },
    front: root.front.map((point, i) => {
      const where = at(`$.front[${i}]`);
      const record = expectObject(point, where);
      return {
        trialNumber: expectInteger(record.trialNumber, `${where}.trialNumber`),
        params: expectParams(record.params, `${where}.params`),
        tokens: expectEstimate(record.tokens, `${where}.tokens`),
        em: expectEstimate(record.em, `${where}.em`),
        ...(record.confirmed !== undefined ? { confirmed: expectConfirmed(record.confirmed, `${where}.confirmed`) } : {}),
      };
    }),
  };
}

function expectConfirmed(value: unknown, where: string): { tokens: Estimate; em: Estimate; runs: number } {
  const record = expectObject(value, where);
  return {
    tokens: expectEstimate(record.tokens, `${where}.tokens`),
    em: expectEstimate(record.em, `${where}.em`),
    runs: expectInteger(record.runs, `${where}.runs`),
  };
}

function expectCurves(value: unknown, where: string): LearningCurve[] {
  if (!Array.isArray(value)) throw new InputError(`${where}: expected an array of learning curves, got ${describe(value)}`);
  return value.map((curve, i) => {
    if (!Array.isArray(curve)) throw new InputError(`${where}[${i}]: expected an array of points, got ${describe(curve)}`);
    return curve.map((point, j) => {
      const record = expectObject(point, `${where}[${i}][${j}]`);
      for (const key of ['tokens', 'devEm', 'devLoss'] as const) {
        if (typeof record[key] !== 'number') throw new InputError(`${where}[${i}][${j}].${key}: expected a number, got ${describe(record[key])}`);
      }
      return { tokens: record.tokens as number, devEm: record.devEm as number, devLoss: record.devLoss as number };
    });
  });
}

function expectObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${where}: expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new InputError(`${where}: expected a string, got ${describe(value)}`);
  return value;
}

function expectInteger(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InputError(`${where}: expected an integer, got ${describe(value)}`);
  }
  return value;
}

function expectEstimate(value: unknown, where: string): Estimate {
  const record = expectObject(value, where);
  const mean = record.mean;
  const se = record.se;
  if (typeof mean !== 'number' || !Number.isFinite(mean)) {
    throw new InputError(`${where}.mean: expected a finite number, got ${describe(mean)}`);
  }
  if (typeof se !== 'number' || !Number.isFinite(se) || se < 0) {
    throw new InputError(`${where}.se: expected a finite number ≥ 0, got ${describe(se)}`);
  }
  return { mean, se };
}

function expectParams(value: unknown, where: string): Params {
  const record = expectObject(value, where);
  const params: Params = {};
  for (const [key, entry] of Object.entries(record)) {
    if (typeof entry !== 'string' && typeof entry !== 'boolean' && !(typeof entry === 'number' && Number.isFinite(entry))) {
      throw new InputError(`${where}.${key}: expected a number, string or boolean, got ${describe(entry)}`);
    }
    params[key] = entry;
  }
  return params;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
