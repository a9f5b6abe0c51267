import type { FrontReport, TrialRow } from './front-report.js';

/** What a row's figures are, written into the JSON export so that a reader of the file need not guess. */
export const FIGURES_LEGEND = {
  'tokens, em': 'cross-validated: mean ± SE over the held-out folds of the search part; the search chose the front by these',
  confirmed: 'retrained on the whole search part over `runs` seeds, EM measured on the test part the search never saw (null until confirmed)',
} as const;

/**
 * The report as pretty-printed JSON (one trailing newline), with FIGURES_LEGEND as `figures`; trials are named by
 * `number`, not the storage id.
 */
export function toJson(report: FrontReport): string {
  const labelled = (row: TrialRow): Omit<TrialRow, 'id'> => {
    const { id: _storageId, ...rest } = row;
    return rest;
  };
  const body = { ...report, figures: FIGURES_LEGEND, trials: report.trials.map(labelled), front: report.front.map(labelled) };
  return `${JSON.stringify(body, null, 2)}\n`;
}
