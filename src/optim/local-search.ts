import type { BatchScore, CanonicalPoint, SearchDomain } from './domain.js';

export interface LocalSearchOptions {
  /** First step for float (and wide int) coordinates, in units of the box side. */
  readonly initialStep?: number;
  /** The search stops once the step falls below this and no discrete move helps. */
  readonly minimumStep?: number;
  /** Step multiplier after a round without improvement. */
  readonly shrink?: number;
  /** Upper bound on scored points. */
  readonly maxEvaluations?: number;
  /** Recipe keys never moved to (already evaluated or already chosen). */
  readonly exclude?: ReadonlySet<string>;
}

export interface LocalSearchResult {
  readonly best: CanonicalPoint;
  readonly score: number;
  readonly evaluations: number;
}

/**
 * Gradient-free coordinate pattern search over canonical points, maximizing `score`. Each round scores, in one
 * batch, every single-coordinate move from the current point: floats step ±step (and jump to the faces 0 and 1
 * at the coarsest step), ints move to the neighbouring values (and ±step when the range is wide), categoricals
 * switch to each other choice. Every move is canonicalized, so conditional parameters and constraints are
 * respected (infeasible moves are dropped). The best strictly improving move is taken; otherwise the step
 * shrinks. A discrete analogue of the compass search of Kolda, Lewis & Torczon (SIAM Review 45, 2003), as used for
 * mixed spaces by Optuna's GP sampler (which alternates gradient steps with discrete line searches).
 * Cost: at most `maxEvaluations` scores plus O(d) canonicalizations per round.
 */
export function localSearch(
  domain: SearchDomain,
  start: CanonicalPoint,
  startScore: number,
  score: BatchScore,
  options: LocalSearchOptions = {},
): LocalSearchResult {
  const initialStep = options.initialStep ?? 0.1;
  const minimumStep = options.minimumStep ?? 1 / 256;
  const shrink = options.shrink ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 400;
  const exclude = options.exclude;
  const d = domain.d;

  let current = start;
  let currentScore = startScore;
  let step = initialStep;
  let evaluations = 0;
  while (evaluations < maxEvaluations) {
    const moves = neighbours(domain, current, step, step >= initialStep, exclude);
    const count = Math.min(moves.length, maxEvaluations - evaluations);
    let bestIndex = -1;
    if (count > 0) {
      const batch = new Float64Array(count * d);
      for (let i = 0; i < count; i++) batch.set(moves[i].point, i * d);
      const scores = score(batch, count);
      evaluations += count;
      let bestScore = currentScore;
      for (let i = 0; i < count; i++) {
        if (scores[i] > bestScore + 1e-12 * Math.abs(bestScore)) {
          bestScore = scores[i];
          bestIndex = i;
        }
      }
      if (bestIndex >= 0) {
        current = moves[bestIndex];
        currentScore = bestScore;
        continue;
      }
    }
    // The discrete moves (neighbouring ints, other choices) do not depend on the step, so one failed round at
    // the finest step means no single move improves.
    if (step <= minimumStep) break;
    step = Math.max(step * shrink, minimumStep);
  }
  return { best: current, score: currentScore, evaluations };
}

/** Distinct feasible single-coordinate moves from `from`. */
function neighbours(
  domain: SearchDomain,
  from: CanonicalPoint,
  step: number,
  includeFaces: boolean,
  exclude: ReadonlySet<string> | undefined,
): CanonicalPoint[] {
  const seen = new Set<string>([from.key]);
  const moves: CanonicalPoint[] = [];
  const x = from.point;
  const tryValue = (j: number, value: number): CanonicalPoint | null => {
    const u = Float64Array.from(x);
    u[j] = value < 0 ? 0 : value > 1 ? 1 : value;
    const moved = domain.canonicalize(u);
    if (!moved || seen.has(moved.key) || exclude?.has(moved.key)) return null;
    seen.add(moved.key);
    moves.push(moved);
    return moved;
  };
  for (let j = 0; j < domain.d; j++) {
    const kind = domain.kinds[j];
    if (kind === 'categorical') {
      const count = domain.choiceCounts[j];
      for (let c = 0; c < count; c++) tryValue(j, (c + 0.5) / count);
      continue;
    }
    if (kind === 'int') {
      nearestDifferentValue(domain, x, from.key, j, +1, tryValue);
      nearestDifferentValue(domain, x, from.key, j, -1, tryValue);
    }
    tryValue(j, x[j] + step);
    tryValue(j, x[j] - step);
    if (includeFaces) {
      tryValue(j, 0);
      tryValue(j, 1);
    }
  }
  return moves;
}

/**
 * Moves coordinate `j` in `direction` by doubling offsets (2^-12 … 1) until the recipe changes: the nearest
 * neighbouring integer value for linear int encodings (approximately so for log ones). Inactive dimensions
 * never change the recipe and yield nothing.
 */
function nearestDifferentValue(
  domain: SearchDomain,
  x: Float64Array,
  fromKey: string,
  j: number,
  direction: 1 | -1,
  tryValue: (j: number, value: number) => CanonicalPoint | null,
): void {
  const u = Float64Array.from(x);
  for (let offset = 1 / 4096; offset <= 1; offset *= 2) {
    const value = x[j] + direction * offset;
    if (value < 0 || value > 1) {
      tryValue(j, direction > 0 ? 1 : 0);
      return;
    }
    u[j] = value;
    const moved = domain.canonicalize(u);
    if (moved && moved.key !== fromKey) {
      tryValue(j, value);
      return;
    }
  }
}
