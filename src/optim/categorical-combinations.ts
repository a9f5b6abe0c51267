import type { BatchScore, CanonicalPoint, SearchDomain } from './domain.js';

/**
 * Every distinct feasible recipe that agrees with `from` on its numeric coordinates and takes any values of the
 * categorical ones, when the product of the categorical dims' choice counts is at most `limit` (else none).
 * Points that canonicalize to `from` itself, to an infeasible recipe or to a key in `exclude` are left out;
 * conditional categoricals that a combination leaves inactive collapse onto one recipe. The product counts
 * every categorical dim, active or not, so it bounds the number of canonicalizations.
 *
 * Why: with few choices, trying them all is cheaper and surer than hoping that sampled or perturbed candidates
 * happen to pair the right choices with good numeric values — a change of one categorical can pay only
 * together with another (the local search moves one coordinate at a time). Cost: at most `limit`
 * canonicalizations.
 */
export function categoricalCombinations(
  domain: SearchDomain,
  from: CanonicalPoint,
  limit: number,
  exclude?: ReadonlySet<string>,
): CanonicalPoint[] {
  const dims: number[] = [];
  let product = 1;
  for (let j = 0; j < domain.d; j++) {
    if (domain.kinds[j] !== 'categorical') continue;
    dims.push(j);
    product *= domain.choiceCounts[j];
  }
  if (dims.length === 0 || product > limit) return [];
  const seen = new Set<string>([from.key]);
  const combinations: CanonicalPoint[] = [];
  const u = Float64Array.from(from.point);
  for (let index = 0; index < product; index++) {
    // Mixed-radix digits of `index`, one per categorical dim.
    let rest = index;
    for (const j of dims) {
      const count = domain.choiceCounts[j];
      u[j] = ((rest % count) + 0.5) / count;
      rest = Math.floor(rest / count);
    }
    const point = domain.canonicalize(Float64Array.from(u));
    if (!point || seen.has(point.key) || exclude?.has(point.key)) continue;
    seen.add(point.key);
    combinations.push(point);
  }
  return combinations;
}

/**
 * The best of `start` and its categoricalCombinations under `score` (scored in one batch). Cost: up to `limit`
 * canonicalizations and scores.
 */
export function bestCategoricalCombination(
  domain: SearchDomain,
  start: CanonicalPoint,
  startScore: number,
  score: BatchScore,
  limit: number,
  exclude?: ReadonlySet<string>,
): { best: CanonicalPoint; score: number; evaluations: number } {
  const combinations = categoricalCombinations(domain, start, limit, exclude);
  if (combinations.length === 0) return { best: start, score: startScore, evaluations: 0 };
  const d = domain.d;
  const batch = new Float64Array(combinations.length * d);
  combinations.forEach((point, i) => batch.set(point.point, i * d));
  const scores = score(batch, combinations.length);
  let best = start;
  let bestScore = startScore;
  for (let i = 0; i < combinations.length; i++) {
    if (scores[i] > bestScore) {
      bestScore = scores[i];
      best = combinations[i];
    }
  }
  return { best, score: bestScore, evaluations: combinations.length };
}
