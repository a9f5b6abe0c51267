import { InputError } from '../../errors.js';
import { loadSearchSpaceFile } from '../../search/check-space-file.js';
import type { Params } from '../../space/types.js';
import { formatEm, formatRecipe, formatTokens } from '../../search/format.js';
import { defaultModelForTask } from '../../trainer/defaults.js';
import { trainerDefault } from '../../trainer/recipe-defaults.js';
import { write, type CommandIo } from '../io.js';
import type { CommandInvocation } from '../command-table.js';
import { resolveSpacePath } from '../resolve-space.js';

/**
 * `stopwise train`: evaluates one recipe over the space's folds and prints tokens and EM (mean ± SE) per fold.
 * Parameters the recipe leaves out take the trainer's defaults, moved to the nearest value of the space
 * (CompiledSpace.complete with trainerDefault); the recipe is complete and checked before TensorFlow loads.
 */
export async function trainCommand({ options, positionals }: CommandInvocation<'train'>, io: CommandIo): Promise<number> {
  const spacePath = resolveSpacePath(positionals[0], io.cwd);
  let params: Params;
  try {
    params = JSON.parse(options.params) as Params;
  } catch (error) {
    throw new InputError(`--params: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new InputError('--params: expected a JSON object of recipe parameters');
  const { file, space } = await loadSearchSpaceFile(spacePath);
  const taskModel = defaultModelForTask(file.task.name);
  const completed = space.complete(params, (name, recipe) => trainerDefault(name, recipe, taskModel));
  if (completed.missing.length > 0) {
    throw new InputError(
      `--params: give ${completed.missing.map((name) => JSON.stringify(name)).join(', ')}: the trainer has no default for ${completed.missing.length === 1 ? 'it' : 'them'} among the values of ${spacePath}`,
    );
  }
  params = completed.params;
  space.validate(params, '--params');
  // Trained as a search would store it: with the space's derived values.
  const recipe = space.withDerived(params);
  const seed = options.seed ?? file.seed ?? 0;
  // Loaded only now: it brings in TensorFlow, whose start-up takes seconds.
  const { createTrainerEvaluator } = await import('../../search/trainer-evaluator.js');
  const evaluator = await createTrainerEvaluator({
    spaceFile: file,
    spacePath,
    seed,
    backend: options.backend,
    parallelFolds: true,
  });
  try {
    if (!options.json) {
      const defaults = completed.filled.map((name) => `${name}=${JSON.stringify(params[name])}`).join(', ');
      if (defaults) await write(io.stdout, `defaults for the parameters left out: ${defaults}\n`);
      await write(io.stdout, `training ${formatRecipe(recipe, 200)}\non ${file.task.name} · ${file.folds} folds · budget ${formatTokens(file.budget.maxTokensPerRun)} tokens/run · backend ${evaluator.backend} · seed ${seed}\n`);
      // What the data holds, as `search` prints it: lines the task left out, duplicates, the test part set aside.
      await write(io.stdout, evaluator.dataNotes.map((note) => `data: ${note}\n`).join(''));
    }
    const result = await evaluator.evaluate({
      params: recipe,
      trialNumber: 0,
      peersByFold: [],
      onEvaluation: () => {},
      onFoldFinished: async () => {},
    });
    if (options.json) {
      await write(io.stdout, `${JSON.stringify({ params: recipe, ...result })}\n`);
      return 0;
    }
    const lines = result.folds.map(
      (fold) => `  fold ${fold.fold}: tokens ${formatTokens(fold.tokens)}  EM ${formatEm(fold.em)}  (${fold.stopReason}, ${fold.curve.length} dev evaluations, ${fold.seconds.toFixed(1)}s)`,
    );
    lines.push(
      `tokens ${formatTokens(result.tokens.mean)} ± ${formatTokens(result.tokens.se)}  EM ${formatEm(result.em.mean)} ± ${formatEm(result.em.se)}  (${result.paramCount} parameters, ${result.seconds.toFixed(1)}s${result.diverged ? ', DIVERGED' : ''})`,
    );
    await write(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  } finally {
    await evaluator.close();
  }
}
