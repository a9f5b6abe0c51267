export {
  createStudy,
  studyOver,
  type Objective,
  type ObjectiveResult,
  type OptimizeOptions,
  type Study,
  type StudyOptions,
  type TellOptions,
  type Trial,
} from './study.js';
export { askRecipes, reserveAndAsk, snapshotOf, type AskContext, type AskedTrial } from './ask-recipes.js';
export { evaluateObjective } from './objective.js';
export { DEFAULT_LOOP_TIMING, runTrialLoop, type TrialLoopOptions, type TrialWork } from './trial-loop.js';
export { requeueDeadWorkers } from './stale-trials.js';
export { trialRng } from './trial-rng.js';
export { currentWorkerId, isWorkerKnownDead } from './worker-identity.js';
export {
  evaluatedTrials,
  hypervolumeReferencePoint,
  minimizedValues,
  paretoFront,
  studyHypervolume,
  type FrontEntry,
  type ValuedTrial,
} from './front.js';
export { validateObjectiveNumbers, validateObjectives, validateRefPoint } from './validate.js';
