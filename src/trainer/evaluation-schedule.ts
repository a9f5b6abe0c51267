/**
 * Whether a training batch that took a run from `before` to `after` training tokens reaches a new multiple of
 * `every`: measurements fall at the first batch boundary at or past each multiple of their spacing, counted in
 * training tokens from the start of the run. Anchoring the points to multiples (rather than counting `every` tokens
 * from the previous point) puts the points of spacing m·g exactly at every m-th point of spacing g, so a curve
 * recorded at spacing g holds the evaluations of every run whose spacing is a multiple of g, at the same weights.
 * A batch that passes several multiples at once gives one point. Cost: O(1).
 */
export function reachesMultiple(before: number, after: number, every: number): boolean {
  return Math.floor(after / every) > Math.floor(before / every);
}
