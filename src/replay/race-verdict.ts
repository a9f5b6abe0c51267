import type { Estimate, FoldResult } from '../trainer/results.js';

export interface RaceOptions {
  /**
   * How many between-fold standard deviations an unfinished fold may lie beyond the finished folds, and how many
   * standard errors a reference's mean EM must clear (default DEFAULT_RACE_MARGIN).
   */
  margin?: number;
}

/** Default `margin`: two standard deviations / standard errors. */
export const DEFAULT_RACE_MARGIN = 2;

/**
 * Fold racing (in the spirit of F-Race, Birattari et al. 2002, and Hoeffding races, Maron & Moore 1994): after
 * `finished` folds of a recipe (of `folds` in all), is it dominated beyond doubt by one of the `reference` recipes
 * (complete, not raced; their estimates over all `folds` folds)? If so its remaining folds need not be trained.
 *
 * The test, with n finished folds, r = folds − n remaining, and z = `margin`:
 * - Spread. s_em and s_tokens are the between-fold standard deviations pooled (root mean square of the variances)
 *   over the references (each one's SE × √folds, where finite) and over the finished folds themselves (their
 *   sample SD, when n ≥ 2). With neither, nothing bounds an unfinished fold but the physical limits.
 * - The most the recipe can still reach. Each unfinished fold is taken at its best plausible value: EM at
 *   min(1, max finished EM + z·s_em), tokens at max(0, min finished tokens − z·s_tokens); the recipe's highest
 *   plausible final mean EM and lowest plausible final mean tokens are the means over all folds with those values
 *   (the finished folds at their measured values). Without a spread the bounds are EM 1 and tokens 0.
 * - Dominated beyond doubt: some reference has mean tokens ≤ that lowest plausible mean, and mean EM − z·SE above
 *   that highest plausible mean EM (a reference with a non-finite SE does not count).
 * So a raced recipe is worse than a reference in EM, and no cheaper, under every completion of its folds within
 * those bounds; it is never better than what raced it, and must never be put on a front. Never races a recipe with
 * no finished fold or none left. Cost: O(finished + references).
 */
export function raceVerdict(
  finished: readonly FoldResult[],
  folds: number,
  reference: readonly { tokens: Estimate; em: Estimate }[],
  options: RaceOptions = {},
): { raced: boolean; reason?: string } {
  const remaining = folds - finished.length;
  if (finished.length === 0 || remaining <= 0 || reference.length === 0) return { raced: false };
  const z = options.margin ?? DEFAULT_RACE_MARGIN;
  const ems = finished.map((fold) => fold.em);
  const tokens = finished.map((fold) => fold.tokens);
  const emSpread = pooledSpread(ems, reference.map((recipe) => recipe.em.se), folds);
  const tokensSpread = pooledSpread(tokens, reference.map((recipe) => recipe.tokens.se), folds);
  const bestFoldEm = emSpread === null ? 1 : Math.min(1, Math.max(...ems) + z * emSpread);
  const cheapestFoldTokens = tokensSpread === null ? 0 : Math.max(0, Math.min(...tokens) - z * tokensSpread);
  const highestEm = (sum(ems) + remaining * bestFoldEm) / folds;
  const lowestTokens = (sum(tokens) + remaining * cheapestFoldTokens) / folds;
  for (const recipe of reference) {
    if (!Number.isFinite(recipe.em.se)) continue;
    if (recipe.tokens.mean <= lowestTokens && recipe.em.mean - z * recipe.em.se > highestEm) {
      return {
        raced: true,
        reason:
          `raced when ${finished.length} of ${folds} folds had finished: a recipe with ${Math.round(recipe.tokens.mean)} tokens and EM ` +
          `${recipe.em.mean.toFixed(3)} ± ${recipe.em.se.toFixed(3)} beats its best plausible EM ${highestEm.toFixed(3)} ` +
          `at no more than its fewest plausible tokens ${Math.round(lowestTokens)}`,
      };
    }
  }
  return { raced: false };
}

/** Root mean square of the between-fold SDs: the references' (SE × √folds) and the finished folds' own. */
function pooledSpread(finished: readonly number[], referenceSes: readonly number[], folds: number): number | null {
  const variances = referenceSes.filter((se) => Number.isFinite(se)).map((se) => se * se * folds);
  if (finished.length >= 2) {
    const mean = sum(finished) / finished.length;
    variances.push(finished.reduce((total, value) => total + (value - mean) ** 2, 0) / (finished.length - 1));
  }
  if (variances.length === 0) return null;
  return Math.sqrt(sum(variances) / variances.length);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
