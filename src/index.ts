/**
 * The stopwise library, for code that imports it (`npm run build` compiles it to dist/, which `stopwise` resolves to).
 *
 * - Ask/tell and an optimize loop: `createStudy` (kept in memory unless given a storage from `openStorage`).
 * - Production: `loadProductionConfig`, `selectRecipe` (move along the front when the token budget changes) and
 *   `createStopper` (the very stopping-rule code the search used).
 * - Stored studies: `openStorage`, `buildFrontReport`; `openSharedStudy` runs workers (here or on other machines)
 *   on one study in SQLite or PostgreSQL with an objective of your own.
 * Importing this entry loads neither TensorFlow, ink, SQLite nor PostgreSQL's client: `openStorage` loads the driver
 * of the backend it opens, and mathjs is loaded by the first space with an expression.
 */
export {
  createStudy,
  type FrontEntry,
  type Objective,
  type ObjectiveResult,
  type OptimizeOptions,
  type Study,
  type StudyOptions,
  type TellOptions,
  type Trial,
} from './study/index.js';
export {
  buildFrontReport,
  buildProductionConfig,
  loadProductionConfig,
  parsePolicy,
  selectRecipe,
  toCsv,
  toHtml,
  toJson,
  toSvg,
  type FrontPoint,
  type FrontReport,
  type ProductionConfig,
  type SelectionPolicy,
} from './export/index.js';
export {
  createStopper,
  decide,
  replay,
  stoppingConfigFromParams,
  type CurvePoint,
  type LearningCurve,
  type StoppingConfig,
} from './stopping/index.js';
export { openStorage, type Storage } from './storage/index.js';
export { openSharedStudy, type SharedOptimizeOptions, type SharedStudy, type SharedStudyOptions } from './search/shared-study.js';
export { compileSpace, loadSpaceFile, parseSpaceFile } from './space/index.js';
export type { Params, SpaceDefinition, ObjectiveSpec } from './space/types.js';
export type { Estimate, TrialResult, FoldResult } from './storage/records.js';
