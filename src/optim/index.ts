export type { BatchScore, CanonicalPoint, DimensionKind, SearchDomain } from './domain.js';
export { perturbationCandidates, type PerturbationOptions } from './candidates.js';
export { bestCategoricalCombination, categoricalCombinations } from './categorical-combinations.js';
export { localSearch, type LocalSearchOptions, type LocalSearchResult } from './local-search.js';
export {
  canonicalCandidates,
  maximizeOverCandidates,
  type MaximizeOptions,
  type MaximizeResult,
} from './maximize.js';
export {
  confineToTrustRegion,
  insideTrustRegion,
  trustRegionCandidates,
  type TrustRegion,
} from './trust-region.js';
export {
  minimizeLbfgsBox,
  type BoundedObjective,
  type LbfgsOptions,
  type LbfgsResult,
  type LbfgsStop,
} from './lbfgs.js';
