import type { BatchScore, CanonicalPoint, SearchDomain } from './domain.js';
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
 * Cost: candidates.length scores + localStarts × the local search budget.
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
  const order = Array.from(candidates.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  let best: MaximizeResult = { best: candidates[order[0]], score: scores[order[0]], evaluations: candidates.length };
  let evaluations = candidates.length;
  for (let s = 0; s < localStarts; s++) {
    const index = order[s];
    const refined = localSearch(domain, candidates[index], scores[index], score, options.localSearch);
    evaluations += refined.evaluations;
    if (refined.score > best.score) best = { best: refined.best, score: refined.score, evaluations };
  }
  return { ...best, evaluations };
}
