import type { BatchScore, CanonicalPoint, SearchDomain } from './domain.js';
import { bestCategoricalCombination } from './categorical-combinations.js';
import { localSearch, type LocalSearchOptions } from './local-search.js';

/**
 * Canonicalizes raw candidates (`count x d`, row-major, in [0,1]^d) and keeps the distinct feasible ones whose
 * recipe is not in `exclude`. Cost: `count` canonicalizations.
 */
export function canonicalCandidates(
  domain: SearchDomain,
  candidates: Float64Array,
  count: number,
  exclude?: ReadonlySet<string>,
): CanonicalPoint[] {
  const d = domain.d;
  const seen = new Set<string>();
  const points: CanonicalPoint[] = [];
  for (let i = 0; i < count; i++) {
    const canonical = domain.canonicalize(candidates.slice(i * d, (i + 1) * d));
    if (!canonical || seen.has(canonical.key) || exclude?.has(canonical.key)) continue;
    seen.add(canonical.key);
    points.push(canonical);
  }
  return points;
}

/** Scores canonical points in one batch. */
function scorePoints(points: readonly CanonicalPoint[], d: number, score: BatchScore): Float64Array {
  const batch = new Float64Array(points.length * d);
  for (let i = 0; i < points.length; i++) batch.set(points[i].point, i * d);
  return points.length === 0 ? new Float64Array(0) : score(batch, points.length);
}

export interface MaximizeOptions {
  /** How many of the best-scoring candidates start a local search. */
  readonly localStarts?: number;
  readonly localSearch?: LocalSearchOptions;
  /**
   * When the categorical dims have at most this many combinations of values (product of their choice counts),
   * each local start first moves to the best of its combinations, and each local search's result is checked
   * against its combinations again (see categorical-combinations.ts). 0 (the default) leaves categoricals to
   * the candidates and the local search's one-at-a-time switches.
   */
  readonly enumerateCategoricalsUpTo?: number;
}

export interface MaximizeResult {
  readonly best: CanonicalPoint;
  readonly score: number;
  readonly evaluations: number;
}

/**
 * Maximizes `score` over canonical `candidates`: scores all of them, then refines the `localStarts` best by
 * local search ("multi-start": screen a space-filling set, polish the winners — the scheme of BoTorch's
 * `optimize_acqf` raw samples and of Optuna's GP sampler). `scores`, when given, are the candidates' scores
 * already computed with the same function. Returns null when there is no candidate.
 * Cost: candidates.length scores + localStarts × (the local search budget + twice the enumeration limit).
 */
export function maximizeOverCandidates(
  domain: SearchDomain,
  candidates: readonly CanonicalPoint[],
  score: BatchScore,
  options: MaximizeOptions = {},
  scores: Float64Array = scorePoints(candidates, domain.d, score),
): MaximizeResult | null {
  if (candidates.length === 0) return null;
  const localStarts = Math.min(options.localStarts ?? 5, candidates.length);
  const limit = options.enumerateCategoricalsUpTo ?? 0;
  const exclude = options.localSearch?.exclude;
  const order = Array.from(candidates.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  let best: MaximizeResult = { best: candidates[order[0]], score: scores[order[0]], evaluations: candidates.length };
  let evaluations = candidates.length;
  const started = new Set<string>();
  for (let s = 0; s < localStarts; s++) {
    const index = order[s];
    let start = { best: candidates[index], score: scores[index] };
    if (limit > 0) {
      const combined = bestCategoricalCombination(domain, start.best, start.score, score, limit, exclude);
      evaluations += combined.evaluations;
      start = combined;
      // Two starts whose best combination is the same recipe would repeat one search.
      if (started.has(start.best.key)) continue;
      started.add(start.best.key);
    }
    let refined = localSearch(domain, start.best, start.score, score, options.localSearch);
    evaluations += refined.evaluations;
    if (limit > 0 && refined.best !== start.best) {
      const combined = bestCategoricalCombination(domain, refined.best, refined.score, score, limit, exclude);
      evaluations += combined.evaluations;
      refined = { ...combined, evaluations: refined.evaluations };
    }
    if (refined.score > best.score) best = { best: refined.best, score: refined.score, evaluations };
  }
  return { ...best, evaluations };
}
