export { createSobolSequence, type SobolOptions, type SobolSequence } from './sobol.js';
export { MAX_SOBOL_DIMENSION } from './joe-kuo-direction-numbers.js';
