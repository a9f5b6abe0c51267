import { buildFrontReport } from '../../export/index.js';
import { formatEm, formatEstimate, formatRecipe, formatTokens, terminalText } from '../../search/format.js';
import { frontLines } from '../../search/front-lines.js';
import { searchCost, searchCostLine, studyFoldCount } from '../../search/search-cost.js';
import { write, type CommandIo } from '../io.js';
import type { CommandInvocation } from '../command-table.js';
import { openNamedStudy } from '../open-study.js';

/** `stopwise show`: a study's trials and front, as a table or as JSON (shape in DESIGN.md). */
export async function showCommand({ options }: CommandInvocation<'show'>, io: CommandIo): Promise<number> {
  const { storage, study, trials } = await openNamedStudy(options, io);
  try {
    const report = buildFrontReport(study, trials);
    const cost = searchCost(trials, studyFoldCount(study));
    if (options.json) {
      const body = {
        study: { name: study.name, createdAt: study.createdAt, objectives: study.objectives, sampler: study.sampler, seed: study.seed, spaceHash: study.spaceHash, meta: study.meta, hypervolume: report.hypervolume, refPoint: report.refPoint, cost },
        trials: report.trials.map((row) => ({
          number: row.number,
          state: row.state,
          params: row.params,
          values: row.tokens && row.em ? { tokens: row.tokens, em: row.em } : null,
          onFront: row.onFront,
          diverged: row.diverged,
          // Cross-validated `values` chose the front; `confirmed` is the test-part measurement (null until confirmed).
          confirmed: row.confirmed,
          // The trial whose recorded curves scored this one (no training of its own), or null.
          replayedFrom: row.replayedFrom,
        })),
      };
      await write(io.stdout, `${JSON.stringify(body)}\n`);
      return 0;
    }
    const lines = [`study ${terminalText(study.name)} · ${trials.length} trials · sampler ${terminalText(study.sampler)} · seed ${study.seed}`, ''];
    lines.push('EM: cross-validated on held-out folds (the search chose by it); test EM: confirmed on the unseen test part', '');
    lines.push('   #  state     tokens (±SE)        EM (±SE)         test EM (±SE)    front     recipe');
    for (const row of report.trials) {
      const tokens = row.tokens ? `${formatTokens(row.tokens.mean)} ± ${formatTokens(row.tokens.se)}` : '-';
      const em = row.em ? `${formatEm(row.em.mean)} ± ${formatEm(row.em.se)}` : '-';
      const confirmed = row.confirmed ? formatEstimate(row.confirmed.em, formatEm) : '-';
      lines.push(`${`#${row.number}`.padStart(4)}  ${row.state.padEnd(8)}  ${tokens.padEnd(18)}  ${em.padEnd(15)}  ${confirmed.padEnd(15)}  ${(row.onFront ? '  *' : row.diverged ? 'diverged' : '').padEnd(8)}  ${row.replayedFrom !== null ? `(replayed from #${row.replayedFrom}) ` : ''}${formatRecipe(row.params, 70)}`);
    }
    // The cost line comes before the front, so that `show` ends with the same front as `search`'s line output.
    lines.push('', searchCostLine(cost, formatTokens), '', ...frontLines(report));
    await write(io.stdout, lines.join('\n') + '\n');
    return 0;
  } finally {
    await storage.close();
  }
}
