import { InputError } from '../../errors.js';
import { loadSearchSpaceFile } from '../../search/check-space-file.js';
import { formatEm, formatEstimate, formatRecipe, formatTokens, terminalText } from '../../search/format.js';
import { checkEvalEveryOnGrid } from '../../search/grid-spacing.js';
import { recordedTrials, replayStudy } from '../../search/replay-study.js';
import type { StudyRecord } from '../../storage/records.js';
import type { CommandInvocation } from '../command-table.js';
import { write, type CommandIo } from '../io.js';
import { openNamedStudy } from '../open-study.js';
import { resolveSpacePath } from '../resolve-space.js';

/**
 * `stopwise replay`: scores another space's stopping rules on a study's recorded curves (every trained trial with a
 * curve grid, keeping its hyperparameters), at no training cost, and prints the front they make. Writes nothing.
 */
export async function replayCommand({ options }: CommandInvocation<'replay'>, io: CommandIo): Promise<number> {
  const spacePath = resolveSpacePath(options.space, io.cwd);
  const { file, space } = await loadSearchSpaceFile(spacePath);
  const { storage, study, trials } = await openNamedStudy(options, io);
  try {
    const { trials: sources, gridSpacings } = recordedTrials(trials);
    if (sources.length === 0) {
      throw new InputError(
        `--study ${study.name}: no trained trial of this study recorded its curves (its search ran without a curve grid: give the space a "replay" block and search without --no-replay)`,
      );
    }
    for (const every of gridSpacings) checkEvalEveryOnGrid(file, space, every, options.space, `the study's curve grid (${every} training tokens)`);
    const budgetTokens = studyBudget(study);
    const replay = replayStudy(study, trials, space, { budgetTokens });
    if (options.json) {
      const body = {
        study: study.name,
        space: options.space,
        gridEvery: replay.gridEvery,
        budgetTokens,
        sources: replay.sources,
        scored: replay.scored,
        front: replay.front.map((row) => ({ tokens: row.result.tokens, em: row.result.em, params: row.params, replayedFrom: row.from })),
      };
      await write(io.stdout, `${JSON.stringify(body)}\n`);
      return 0;
    }
    const lines = [
      `replayed ${terminalText(options.space)}'s stopping rules on the curves of ${replay.sources} trained trials of study ${terminalText(study.name)} ` +
        `(grid ${formatTokens(replay.gridEvery)} training tokens, budget ${formatTokens(budgetTokens)} tokens/run): ${replay.scored} recipes scored, at no training cost`,
      `front (${replay.front.length} recipes, cheapest first; EM cross-validated on the held-out folds)`,
      ...replay.front.map(
        (row) =>
          `  tokens ${formatEstimate(row.result.tokens, formatTokens)}, EM ${formatEstimate(row.result.em, formatEm)}  from trial #${row.from}  ${formatRecipe(row.params, 100)}`,
      ),
    ];
    await write(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  } finally {
    await storage.close();
  }
}

/** The budget per run the study's trials trained with (the curves end there). */
function studyBudget(study: StudyRecord): number {
  const fromMeta = (study.meta.budget as { maxTokensPerRun?: unknown } | undefined)?.maxTokensPerRun;
  const fromSpace = (study.space as { budget?: { maxTokensPerRun?: unknown } } | null)?.budget?.maxTokensPerRun;
  const budget = typeof fromMeta === 'number' ? fromMeta : fromSpace;
  if (typeof budget !== 'number') throw new InputError(`--study ${study.name}: the study does not record its budget per run`);
  return budget;
}
