/** Longest input or target a task may hold, in characters: the widest slot the trainer builds. */
export const MAX_FIELD_LENGTH = 256;

/** Share of a field's lengths the default limit is read from (nearest-rank quantile). */
export const LENGTH_QUANTILE = 0.99;
/** How far beyond that quantile a length may go and still count as the data's own spread. */
export const LENGTH_FACTOR = 2;

/**
 * The nearest-rank quantile of `values` (the smallest value with at least q·n values at or below it; Hyndman &
 * Fan 1996, definition 1). It is always one of the values, so below 1/(1−q) values it is the largest one.
 * Cost: O(n log n).
 */
export function nearestRankQuantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/**
 * The default longest length of one field (inputs, or targets) of a user's file: LENGTH_FACTOR × the
 * LENGTH_QUANTILE nearest-rank quantile of its lengths, at most MAX_FIELD_LENGTH.
 *
 * Why from the data: every example of a batch is padded to the longest one kept (the slot model's slots are as
 * wide as the longest field; attention costs grow with the square of the padded length), so one stray line — a
 * pasted paragraph, two records run together — makes every step pay for its length. The 99th percentile ignores
 * up to 1 % of such lines; twice it leaves room for the natural spread of a field ("3rd of September 2021" is
 * twice "2021.09.03"). Below 100 lines the quantile is the longest line, so a small file loses nothing.
 * Cost: O(n log n).
 */
export function defaultLengthLimit(lengths: readonly number[]): number {
  return Math.min(MAX_FIELD_LENGTH, LENGTH_FACTOR * nearestRankQuantile(lengths, LENGTH_QUANTILE));
}
