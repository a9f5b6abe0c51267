export { fitGaussianProcess } from './fit.js';
export { conditionGaussianProcess } from './posterior.js';
export { matern52 } from './matern52.js';
export { standardizationOf, type Standardization } from './standardize.js';
export type { GaussianProcess, GPFitOptions, GPHyperparameters, GPInputs, ObservationOptions } from './types.js';
