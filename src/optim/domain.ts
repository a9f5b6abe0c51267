/**
 * The box [0,1]^d as an acquisition optimizer sees a search space: every point maps (through the recipe it
 * decodes to) to a canonical point, and moves between canonical points respect each dimension's kind.
 * Kept free of the space module so the optimizer can be tested with small hand-made domains.
 */
export type DimensionKind = 'float' | 'int' | 'categorical';

export interface CanonicalPoint {
  /** The canonical point in [0,1]^d (length d). */
  readonly point: Float64Array;
  /** Identifies the recipe: two points with the same key decode to the same recipe. */
  readonly key: string;
}

export interface SearchDomain {
  readonly d: number;
  /** Kind of each dimension (length d). */
  readonly kinds: readonly DimensionKind[];
  /** Number of choices of each categorical dimension (0 for the others; length d). */
  readonly choiceCounts: readonly number[];
  /**
   * The canonical point of the recipe `u` decodes to, or null when that recipe is infeasible (violates a
   * constraint). Canonicalization snaps ints and categoricals to their values and holds inactive conditional
   * dimensions at their fixed value.
   */
  canonicalize(u: Float64Array): CanonicalPoint | null;
}

/** Larger is better. Scores `m` points given as an `m x d` row-major array; returns `m` scores. */
export type BatchScore = (points: Float64Array, m: number) => Float64Array;
