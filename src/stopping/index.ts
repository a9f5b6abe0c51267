export type { CurvePoint, LearningCurve } from './types.js';
export type {
  DevMetric,
  ParametersOf,
  RuleDefinition,
  RuleName,
  RuleParameter,
  RuleParametersByName,
  SharedStoppingParameters,
  StopDecision,
  StoppingConfig,
  StoppingConfigInput,
  StoppingConfigOf,
  StoppingContext,
  StoppingRule,
} from './rule.js';
export { RULES, RULE_NAMES, decide, deciderFor, isRuleName, learningHasStarted, type Decider } from './registry.js';
export { SHARED_PARAMETERS, START_GAIN_PARAMETER, checkParameter, describeParameter } from './parameters.js';
export { STOPPING_PREFIX, STOPPING_RULE_KEY, isStoppingKey, stoppingKey, stoppingParameterName } from './recipe-keys.js';
export {
  defaultStoppingConfig,
  splitRecipeParams,
  stoppingParameterSpecs,
  STOPPING_PARAMETER_NAMES,
  stoppingConfigFromParams,
  validateStoppingConfig,
} from './config.js';
export { bestCheckpointIndex } from './best-checkpoint.js';
export { replay, type ReplayResult } from './replay.js';
export { createStopper, type Stopper } from './stopper.js';
export { fitSaturatingCurve, type SaturatingFit, type SaturatingModel } from './saturating-fit.js';
export { fitLogLogisticCurve, type LogLogisticFit } from './log-logistic-fit.js';
