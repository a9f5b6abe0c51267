import type { FrontReport } from '../export/front-report.js';
import { formatEm, formatRecipe, formatTokens } from '../search/format.js';

/** The front as `show` and the end of `search` print it: a title line, then one line per recipe, cheapest first. */
export function frontLines(report: FrontReport): string[] {
  const hypervolume = report.hypervolume !== null ? ` · hypervolume ${report.hypervolume.toPrecision(4)}` : '';
  return [
    `front (${report.front.length} recipes, cheapest first)${hypervolume}`,
    ...report.front.map(
      (row) =>
        `  #${row.number}: tokens ${formatTokens(row.tokens!.mean)} ± ${formatTokens(row.tokens!.se)}, EM ${formatEm(row.em!.mean)} ± ${formatEm(row.em!.se)}  ${formatRecipe(row.params, 80)}`,
    ),
  ];
}
