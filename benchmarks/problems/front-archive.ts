import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import type { Params } from '../../src/space/types.js';

/** One evaluated recipe. */
export interface ScoredRecipe {
  readonly params: Params;
  readonly values: [number, number];
}

/**
 * The non-dominated recipes (two minimized objectives) among those added, inside the box below `ref`: enough to
 * score a grid of millions of recipes without keeping them. Additions are buffered and pruned in batches,
 * so adding costs O(log n) amortized.
 */
export class FrontArchive {
  private entries: ScoredRecipe[] = [];
  private pending = 0;

  constructor(private readonly ref: readonly [number, number]) {}

  add(params: Params, values: [number, number]): void {
    if (!(values[0] < this.ref[0] && values[1] < this.ref[1])) return;
    this.entries.push({ params, values });
    if (++this.pending >= 4096) this.prune();
  }

  /** The front, sorted by the first objective. */
  front(): ScoredRecipe[] {
    this.prune();
    return this.entries;
  }

  hypervolume(): number {
    const front = this.front();
    return hypervolume2d(Float64Array.from(front.flatMap((entry) => entry.values)), front.length, this.ref);
  }

  private prune(): void {
    this.pending = 0;
    const sorted = this.entries.sort((a, b) => a.values[0] - b.values[0] || a.values[1] - b.values[1]);
    const kept: ScoredRecipe[] = [];
    let lowestSecond = Number.POSITIVE_INFINITY;
    for (const entry of sorted) {
      if (entry.values[1] < lowestSecond) {
        kept.push(entry);
        lowestSecond = entry.values[1];
      }
    }
    this.entries = kept;
  }
}
