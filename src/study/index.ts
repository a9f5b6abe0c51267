export {
  createStudy,
  type ObjectiveResult,
  type OptimizeOptions,
  type Study,
  type StudyOptions,
  type TellOptions,
  type Trial,
} from './study.js';
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
