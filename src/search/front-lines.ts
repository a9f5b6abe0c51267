import type { EvaluatedRow, FrontReport } from '../export/front-report.js';
import { confirmationAgreement } from './confirm-front.js';
import { formatEm, formatEstimate, formatRecipe, formatTokens } from './format.js';

/**
 * The front as `show`, `confirm` and the end of `search` print it: a title line, one line per recipe (cheapest
 * first) with its cross-validated figures and, once confirmed, its confirmed ones, then how many confirmed EMs lie
 * within 2 SE of the cross-validated ones.
 */
export function frontLines(report: FrontReport): string[] {
  const hypervolume = report.hypervolume !== null ? ` · hypervolume ${report.hypervolume.toPrecision(4)}` : '';
  const anyConfirmed = report.front.some((row) => row.confirmed !== null);
  return [
    `front (${report.front.length} recipes, cheapest first)${hypervolume}`,
    ...(anyConfirmed ? ['  cross-validated (the search chose by it) → confirmed (retrained on the search part, EM on the unseen test part)'] : []),
    ...report.front.map((row) => frontRowLine(row, anyConfirmed)),
    ...agreementLines(report.front),
  ];
}

function frontRowLine(row: EvaluatedRow, showConfirmed: boolean): string {
  const crossValidated = `tokens ${formatEstimate(row.tokens, formatTokens)}, EM ${formatEstimate(row.em, formatEm)}`;
  const confirmed = !showConfirmed
    ? ''
    : row.confirmed
      ? ` → tokens ${formatEstimate(row.confirmed.tokens, formatTokens)}, test EM ${formatEstimate(row.confirmed.em, formatEm)} (${row.confirmed.runs} seeds${row.confirmed.diverged ? ', DIVERGED' : ''})`
      : ' → not confirmed';
  const replayed = row.replayedFrom === null ? '' : ` (replayed from #${row.replayedFrom})`;
  return `  #${row.number}: ${crossValidated}${confirmed}  ${formatRecipe(row.params, 80)}${replayed}`;
}

function agreementLines(front: readonly EvaluatedRow[]): string[] {
  const agreement = confirmationAgreement(front);
  if (agreement.confirmed === 0) return [];
  const share = Math.round((100 * agreement.within2Se) / agreement.confirmed);
  return [
    `confirmed EM within 2 SE of the cross-validated EM for ${agreement.within2Se} of ${agreement.confirmed} front recipes (${share} %); ` +
      `mean confirmed − cross-validated EM ${agreement.meanDifference >= 0 ? '+' : ''}${agreement.meanDifference.toFixed(3)}`,
  ];
}
