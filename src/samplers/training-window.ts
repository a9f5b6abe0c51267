import { paretoFrontIndices } from '../multiobjective/index.js';

/**
 * Which observations the surrogates are conditioned on once a study has more than a model can afford.
 *
 * An exact GP costs n³/6 per factorization and n²/2 per predicted point, so past `size` observations the
 * models see only the `size` observations nearest the observed front (nearFrontOrder), plus every observation
 * told since that choice; the choice is renewed once `reselectEvery` observations have arrived since. Between
 * two choices the data only grows, so the models are extended instead of refactored (surrogate-cache.ts).
 * Observations far behind the front matter little to an acquisition that looks for improvements of the front,
 * and the sampler confines its search to the neighbourhood of the modelled observations, so the model is not
 * asked about the regions it no longer sees.
 */
export interface TrainingWindowPolicy {
  /** Observations modelled at most (right after a choice); every observation while there are no more. */
  readonly size: number;
  /** New observations after which the window is chosen again. */
  readonly reselectEvery: number;
}

/**
 * 1,000 observations: an exact GP that size answers an ask within the 2 s budget on one core (one n x n
 * factorization every few asks, O(n²) updates between), while n = 3,000 would cost 27× as much per
 * factorization. 50 new observations between choices keep the window at most 5 % over its size and put the
 * refactorization a choice costs on one ask in 50. Forced down to 40 observations (chosen again every 10) on
 * the benchmark problems (benchmarks/optimizer.ts --approximations, 5 seeds), the window cost DTLZ2 0.6 and
 * 1.3 points of hypervolume at 50 and 100 evaluations, ZDT3 4.9 points at 50 (none at 100), BraninCurrin 0.5
 * at 100; a window of 1,000 out of 3,000 drops a smaller share of the data.
 */
export const DEFAULT_TRAINING_WINDOW: TrainingWindowPolicy = { size: 1000, reselectEvery: 50 };

/**
 * Indices of the `count` rows (n rows of m minimized values) nearest the rows' Pareto front, nearest first (ties
 * by index). Rows containing NaN come last. The distance of a row is its additive ε-indicator to the front — the least amount by which it must
 * improve in every objective to be no longer dominated, max_j (row_j − front_j) minimized over the front — with
 * each objective divided by its range over the rows (Zitzler et al., IEEE TEC 7(2), 2003). Front rows have
 * distance 0. One objective: the best values. Cost O(n·k·m) for k front rows, plus a sort.
 */
export function nearFrontOrder(rows: readonly (readonly number[])[], count: number): number[] {
  const n = rows.length;
  const m = n > 0 ? rows[0].length : 0;
  const low = Array.from({ length: m }, (_, j) => Math.min(...rows.map((row) => row[j])));
  const high = Array.from({ length: m }, (_, j) => Math.max(...rows.map((row) => row[j])));
  const range = low.map((value, j) => (high[j] > value ? high[j] - value : 1));
  const front = paretoFrontIndices(Float64Array.from(rows.flat()), n, m);
  const distance = rows.map((row) => {
    let nearest = Number.POSITIVE_INFINITY;
    for (const f of front) {
      let worst = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < m; j++) worst = Math.max(worst, (row[j] - rows[f][j]) / range[j]);
      nearest = Math.min(nearest, worst);
    }
    return Math.max(0, nearest);
  });
  return rows
    .map((_, i) => i)
    .sort((a, b) => distance[a] - distance[b] || a - b)
    .slice(0, count);
}

/**
 * The window of one study (one per space, kept between asks). Observations are identified by trial id.
 */
export class TrainingWindow {
  /** Ids chosen at the last choice, and every id known then. */
  private chosen: Set<number> | null = null;
  private known: Set<number> = new Set();

  constructor(private readonly policy: TrainingWindowPolicy) {}

  /**
   * Indices (ascending) into `ids`/`rows` of the observations to model. `rows`: minimized values aligned with
   * `ids`. Cost O(n) between choices; a choice costs nearFrontOrder's.
   */
  select(ids: readonly number[], rows: readonly (readonly number[])[]): number[] {
    const all = ids.map((_, i) => i);
    if (ids.length <= this.policy.size) {
      this.chosen = null;
      return all;
    }
    const arrived = this.chosen ? ids.filter((id) => !this.known.has(id)).length : Number.POSITIVE_INFINITY;
    if (arrived >= this.policy.reselectEvery) {
      const nearest = nearFrontOrder(rows, this.policy.size);
      this.chosen = new Set(nearest.map((i) => ids[i]));
      this.known = new Set(ids);
    }
    const chosen = this.chosen!;
    return all.filter((i) => chosen.has(ids[i]) || !this.known.has(ids[i]));
  }
}
