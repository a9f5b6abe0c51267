export { dominates } from './dominance.js';
export { paretoFrontIndices } from './pareto-front.js';
export { hypervolume2d } from './hypervolume-2d.js';
export { staircaseInsideReference, type Staircase2d } from './staircase-2d.js';
export { inferReferencePoint } from './reference-point.js';
