export { fitGaussianProcess } from './fit.js';
export { conditionGaussianProcess } from './posterior.js';
export { matern52 } from './matern52.js';
export type { Standardization } from './standardize.js';
export type { GaussianProcess, GPFitOptions, GPHyperparameters, GPInputs } from './types.js';
