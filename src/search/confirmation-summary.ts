import type { TrialRow } from '../export/front-report.js';
import { confirmationAgreement } from './confirm-front.js';
import { formatEm, formatEstimate, formatRecipe, formatTokens } from './format.js';

/**
 * The front with both figures, one recipe a line, then how many confirmed EMs lie within 2 SE of the
 * cross-validated ones: what `confirm` and the end of a search print.
 */
export function confirmationSummary(front: readonly TrialRow[]): string {
  const lines = ['front: cross-validated (the search chose by it) → confirmed (test part, retrained on the search part)'];
  for (const row of front) {
    const cv = `tokens ${formatEstimate(row.tokens!, formatTokens)}  EM ${formatEstimate(row.em!, formatEm)}`;
    const confirmed = row.confirmed
      ? `tokens ${formatEstimate(row.confirmed.tokens, formatTokens)}  EM ${formatEstimate(row.confirmed.em, formatEm)} (${row.confirmed.runs} seeds${row.confirmed.diverged ? ', DIVERGED' : ''})`
      : 'not confirmed';
    lines.push(`  #${row.number}: ${cv} → ${confirmed}  ${formatRecipe(row.params, 70)}`);
  }
  const agreement = confirmationAgreement(front);
  if (agreement.confirmed > 0) {
    const share = Math.round((100 * agreement.within2Se) / agreement.confirmed);
    lines.push(
      `confirmed EM within 2 SE of the cross-validated EM for ${agreement.within2Se} of ${agreement.confirmed} front recipes (${share} %); ` +
        `mean confirmed − cross-validated EM ${agreement.meanDifference >= 0 ? '+' : ''}${agreement.meanDifference.toFixed(3)}`,
    );
  }
  return lines.join('\n');
}
