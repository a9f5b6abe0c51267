import type { StudyRecord, TrialRecord } from '../storage/records.js';

/** What a study's search spent on training, from its stored trials. */
export interface SearchCost {
  /** Trained trials that completed (replayed ones excluded). */
  trained: number;
  /** Trials stopped by fold racing. */
  pruned: number;
  /** Trials scored on recorded curves, at no training cost. */
  replayed: number;
  /** Tokens the folds of trained and pruned trials used (training plus their recipes' own dev evaluations). */
  foldTokens: number;
  /** Tokens the curve grids' measurements read beyond the recipes' own evaluations (GridCurve.measurementTokens). */
  measurementTokens: number;
  /** foldTokens + measurementTokens. */
  totalTokens: number;
  /** Folds that racing skipped: `folds` less the folds each pruned trial ran. */
  skippedFolds: number;
  /** Tokens the pruned trials' finished folds used (part of foldTokens). */
  prunedFoldTokens: number;
}

/**
 * The search cost of a study: the tokens its trained and pruned trials' folds used, plus the grid measurements,
 * counted from each trial's stored result (folds of failed or abandoned trials are not counted). `folds` is the k of
 * the study's cross-validation. Pure. Cost: O(trials · folds).
 */
export function searchCost(trials: readonly TrialRecord[], folds: number): SearchCost {
  const cost: SearchCost = { trained: 0, pruned: 0, replayed: 0, foldTokens: 0, measurementTokens: 0, totalTokens: 0, skippedFolds: 0, prunedFoldTokens: 0 };
  for (const trial of trials) {
    if (trial.state === 'complete' && trial.replayedFrom !== null) {
      cost.replayed++;
      continue;
    }
    if (trial.state !== 'complete' && trial.state !== 'pruned') continue;
    if (trial.state === 'complete') cost.trained++;
    else cost.pruned++;
    const runs = trial.result?.folds ?? [];
    for (const fold of runs) {
      cost.foldTokens += fold.tokens;
      cost.measurementTokens += fold.grid?.measurementTokens ?? 0;
      if (trial.state === 'pruned') cost.prunedFoldTokens += fold.tokens;
    }
    if (trial.state === 'pruned') cost.skippedFolds += Math.max(0, folds - runs.length);
  }
  cost.totalTokens = cost.foldTokens + cost.measurementTokens;
  return cost;
}

/**
 * The search cost in one line, as the end of `search` and `show` print it, e.g. `search cost: 12.3M tokens (11.9M in
 * the folds of 20 trained and 3 pruned trials, 412k in grid measurements); racing skipped 4 folds (the pruned trials'
 * finished folds used 1.2M); 64 trials replayed at no training cost`.
 */
export function searchCostLine(cost: SearchCost, formatTokens: (tokens: number) => string): string {
  const trials = `${cost.trained} trained${cost.pruned > 0 ? ` and ${cost.pruned} pruned` : ''} trial${cost.trained + cost.pruned === 1 ? '' : 's'}`;
  const grid = cost.measurementTokens > 0 ? `, ${formatTokens(cost.measurementTokens)} in grid measurements` : '';
  const racing = cost.pruned > 0 ? `; racing skipped ${cost.skippedFolds} fold${cost.skippedFolds === 1 ? '' : 's'} (the pruned trials' finished folds used ${formatTokens(cost.prunedFoldTokens)})` : '';
  const replayed = cost.replayed > 0 ? `; ${cost.replayed} trial${cost.replayed === 1 ? '' : 's'} replayed at no training cost` : '';
  return `search cost: ${formatTokens(cost.totalTokens)} tokens (${formatTokens(cost.foldTokens)} in the folds of ${trials}${grid})${racing}${replayed}`;
}

/** k of a study's cross-validation, as the search recorded it (meta.folds, else its space's `folds`); 0 if unknown. */
export function studyFoldCount(study: StudyRecord): number {
  const fromMeta = study.meta.folds;
  if (typeof fromMeta === 'number') return fromMeta;
  const space = study.space as { folds?: unknown } | null;
  return typeof space?.folds === 'number' ? space.folds : 0;
}
