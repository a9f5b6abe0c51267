/**
 * Scoring recipes without training them: a stopping rule decides only where a run is cut, so a run recorded at a
 * fine grid of tokens (FoldResult.grid) scores every rule that stops within it (scoreRecipeOnFolds), a search can
 * learn from many such rules per trained run (replayCandidates), and a recipe's remaining folds can be skipped once
 * its first ones put it beyond doubt behind a complete recipe (raceVerdict). Pure: no I/O, no training.
 */
export { scoreRecipeOnFolds, type ReplayedResult, type ScoreOptions } from './score-recipe.js';
export { replayCandidates, DEFAULT_REPLAY_SAMPLES, type ReplayCandidatesOptions } from './replay-candidates.js';
export { raceVerdict, DEFAULT_RACE_MARGIN, type RaceOptions } from './race-verdict.js';
