import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { nonDominatedTrials } from '../study/front.js';
import type { Estimate } from '../storage/records.js';
import { TOKENS_EM } from './front-report.js';

/** A recipe on the front, as a production config stores it. */
export interface FrontPoint {
  /** The trial's 0-based number in its study, the label every screen and export shows as `#number`. */
  trialNumber: number;
  params: Params;
  /** Tokens used per run: mean and standard error over folds (cross-validated). */
  tokens: Estimate;
  /** Exact match on held-out folds: mean and standard error over folds (cross-validated, what the search chose by). */
  em: Estimate;
  /** Tokens and test-part EM confirmed by retraining on the search part over `runs` seeds, when confirmed. */
  confirmed?: { tokens: Estimate; em: Estimate; runs: number };
}

/** Which figures a selection used: confirmed ones when every front point has them, else cross-validated ones. */
export type SelectionFigures = 'confirmed' | 'cross-validated';

/** The figures `selectRecipe` chooses by for this front (see SelectionFigures). */
export function selectionFigures(front: readonly FrontPoint[]): SelectionFigures {
  return front.length > 0 && front.every((p) => p.confirmed !== undefined) ? 'confirmed' : 'cross-validated';
}

/** How to pick one recipe from the front. */
export type SelectionPolicy =
  | { kind: 'knee' }
  | { kind: 'within'; tolerance: number }
  | { kind: 'within-se' }
  | { kind: 'budget'; tokens: number; minEm?: number };

const EXPECTED = 'expected knee, within:TOL, within-se, budget:TOKENS or budget:TOKENS,minEm:EM';
const SUFFIXES: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 };

/**
 * Parses `--policy`: `knee`, `within:TOL` (EM tolerance, e.g. 0.005), `within-se`, `budget:TOKENS` (a positive
 * number, optionally with k/M/G: `budget:200k`), optionally with a floor on EM: `budget:1M,minEm:0.95`. Throws
 * InputError naming `--policy` otherwise.
 */
export function parsePolicy(text: string): SelectionPolicy {
  const trimmed = text.trim();
  if (trimmed === 'knee') return { kind: 'knee' };
  if (trimmed === 'within-se') return { kind: 'within-se' };
  if (trimmed === 'within' || trimmed.startsWith('within:')) {
    const tolerance = parseNumber(trimmed.slice('within:'.length));
    if (tolerance === null || tolerance < 0) {
      throw new InputError(`--policy: ${JSON.stringify(text)}: TOL must be a number ≥ 0, e.g. within:0.005`);
    }
    return { kind: 'within', tolerance };
  }
  if (trimmed === 'budget' || trimmed.startsWith('budget:')) {
    const [body, ...options] = trimmed.slice('budget:'.length).split(',');
    const multiplier = SUFFIXES[body.slice(-1)] ?? 1;
    const tokens = parseNumber(multiplier === 1 ? body : body.slice(0, -1));
    if (tokens === null || !(tokens * multiplier > 0)) {
      throw new InputError(`--policy: ${JSON.stringify(text)}: TOKENS must be a positive number, e.g. budget:200000 or budget:200k`);
    }
    if (options.length === 0) return { kind: 'budget', tokens: tokens * multiplier };
    const minEm = options.length === 1 && options[0].startsWith('minEm:') ? parseNumber(options[0].slice('minEm:'.length)) : null;
    if (minEm === null || minEm > 1) {
      throw new InputError(`--policy: ${JSON.stringify(text)}: expected budget:TOKENS,minEm:EM with EM from 0 to 1, e.g. budget:1M,minEm:0.95`);
    }
    return { kind: 'budget', tokens: tokens * multiplier, minEm };
  }
  throw new InputError(`--policy: unknown policy ${JSON.stringify(text)} (${EXPECTED})`);
}

/** The policy in the form `parsePolicy` reads. */
export function policyToString(policy: SelectionPolicy): string {
  switch (policy.kind) {
    case 'knee':
    case 'within-se':
      return policy.kind;
    case 'within':
      return `within:${policy.tolerance}`;
    case 'budget':
      return policy.minEm === undefined ? `budget:${policy.tokens}` : `budget:${policy.tokens},minEm:${policy.minEm}`;
  }
}

/**
 * Picks a recipe from a front of (tokens ↓, EM ↑), by mean values:
 * - `knee`: the point farthest above the chord joining the front's extremes once log tokens and EM are each
 *   scaled to [0, 1] — the maximum of Kneedle's difference curve (Satopää et al., "Finding a 'Kneedle' in a
 *   Haystack", ICDCS workshops 2011), which is the distance-to-chord definition of a knee. Taking log tokens
 *   because a token budget is a multiplicative choice. With no point strictly above the chord (two points, or a
 *   front with no bend) it returns the best-EM point.
 * - `within:TOL`: the cheapest point whose EM ≥ best EM − TOL.
 * - `within-se`: the cheapest point whose EM ≥ best EM − SE(best), the one-standard-error rule (Hastie, Tibshirani
 *   & Friedman, "The Elements of Statistical Learning", 2nd ed., §7.10).
 * - `budget:T`: the best EM among points with tokens ≤ T; `budget:T,minEm:E` also requires EM ≥ E, so that a
 *   budget too small for a useful recipe is an error rather than a recipe that barely learns.
 * `tokenBudget` first restricts the front to points using at most that many tokens, then applies the policy
 * (default: best EM within the budget), so a production loop can move along the front when its budget changes;
 * `minEm` likewise drops the points with EM below it first. Without any of these, the knee. Dominated points in
 * `front` are ignored; ties go to the cheaper point, then the lower trial number. Throws InputError when the front
 * is empty or nothing fits the budget and EM floor. Figures: the confirmed ones when every point has them (they
 * were measured on data that did not choose the front), else the cross-validated ones; never a mix, which would
 * compare optimistic figures with unbiased ones. Cost: O(n log n).
 */
export function selectRecipe(
  front: readonly FrontPoint[],
  options: { policy?: SelectionPolicy; tokenBudget?: number; minEm?: number } = {},
): FrontPoint {
  if (selectionFigures(front) === 'confirmed') {
    const byConfirmed = front.map((point) => ({ ...point, tokens: point.confirmed!.tokens, em: point.confirmed!.em, original: point }));
    return (selectByFigures(byConfirmed, options) as (typeof byConfirmed)[number]).original;
  }
  return selectByFigures(front, options);
}

function selectByFigures(front: readonly FrontPoint[], options: { policy?: SelectionPolicy; tokenBudget?: number; minEm?: number }): FrontPoint {
  let points = nonDominated(front);
  if (points.length === 0) throw new InputError('the front is empty: no complete trial to choose a recipe from');
  const budgets: [string, number | undefined][] = [
    ['token budget', options.tokenBudget],
    ['--policy budget:', options.policy?.kind === 'budget' ? options.policy.tokens : undefined],
  ];
  for (const [source, budget] of budgets) {
    if (budget === undefined) continue;
    const fitting = points.filter((p) => p.tokens.mean <= budget);
    if (fitting.length === 0) {
      const where = source.endsWith(':') ? `${source}${budget}` : `${source} ${budget}`;
      throw new InputError(
        `${where}: no recipe on the front uses that few tokens (the cheapest uses ${Math.ceil(points[0].tokens.mean)})`,
      );
    }
    points = fitting;
  }
  const floors: [string, number | undefined][] = [
    [`minEm ${options.minEm}`, options.minEm],
    [`--policy ${options.policy ? policyToString(options.policy) : ''}`, options.policy?.kind === 'budget' ? options.policy.minEm : undefined],
  ];
  for (const [source, floor] of floors) {
    if (floor === undefined) continue;
    const reaching = points.filter((p) => p.em.mean >= floor - EPSILON);
    if (reaching.length === 0) {
      const best = bestEm(points).em.mean.toFixed(3);
      throw new InputError(`${source}: no recipe on the front within the budget reaches EM ${floor} (the best there reaches ${best})`);
    }
    points = reaching;
  }
  const policy = options.policy ?? (options.tokenBudget !== undefined || options.minEm !== undefined ? { kind: 'budget', tokens: Infinity } : { kind: 'knee' });
  switch (policy.kind) {
    case 'budget':
      return bestEm(points);
    case 'within':
      return cheapestWithin(points, bestEm(points).em.mean - policy.tolerance);
    case 'within-se': {
      const best = bestEm(points);
      return cheapestWithin(points, best.em.mean - (Number.isFinite(best.em.se) ? best.em.se : 0));
    }
    case 'knee':
      return knee(points);
  }
}

/** The non-dominated points with finite means (src/study/front), sorted by tokens (ties: trial number). */
function nonDominated(front: readonly FrontPoint[]): FrontPoint[] {
  const valued = front.map((point) => ({ id: point.trialNumber, params: point.params, values: [point.tokens.mean, point.em.mean], point }));
  return nonDominatedTrials(valued, TOKENS_EM).map((entry) => entry.point);
}

/** Highest EM; the sorted order makes the first such point the cheapest. */
function bestEm(points: readonly FrontPoint[]): FrontPoint {
  return points.reduce((best, p) => (p.em.mean > best.em.mean ? p : best));
}

// Means that differ by float rounding only (0.9 − 0.005 vs 0.895) must count as within.
const EPSILON = 1e-12;

function cheapestWithin(points: readonly FrontPoint[], floor: number): FrontPoint {
  return points.find((p) => p.em.mean >= floor - EPSILON) ?? bestEm(points);
}

function knee(points: readonly FrontPoint[]): FrontPoint {
  const logTokens = points.map((p) => Math.log(Math.max(p.tokens.mean, Number.MIN_VALUE)));
  const ems = points.map((p) => p.em.mean);
  const scale = (values: number[]): number[] => {
    const low = Math.min(...values);
    const range = Math.max(...values) - low;
    return values.map((v) => (range > 0 ? (v - low) / range : 0));
  };
  const u = scale(logTokens);
  const v = scale(ems);
  // On a front sorted by tokens both u and v rise from (0, 0) to (1, 1); the chord is v = u, and a point's
  // distance above it is (v − u)/√2, so the largest v − u is the knee.
  let bestIndex = -1;
  let bestGap = EPSILON;
  for (let i = 0; i < points.length; i++) {
    const gap = v[i] - u[i];
    if (gap > bestGap + EPSILON) {
      bestGap = gap;
      bestIndex = i;
    }
  }
  return bestIndex === -1 ? bestEm(points) : points[bestIndex];
}

function parseNumber(text: string): number | null {
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
