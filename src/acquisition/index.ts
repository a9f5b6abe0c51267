export { normalPdf, normalCdf, complementaryErrorFunction } from './normal.js';
export { expectedShortfall } from './expected-shortfall.js';
export { expectedHypervolumeImprovement2d } from './ehvi-2d.js';
