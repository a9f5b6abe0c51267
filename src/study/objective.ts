import type { Params } from '../space/types.js';
import type { AskContext, AskedTrial } from './ask-recipes.js';
import { validateObjectiveNumbers } from './validate.js';

/** What an objective function returns: the values, or the values with their standard errors. */
export type ObjectiveResult = readonly number[] | { readonly values: readonly number[]; readonly stderr?: readonly number[] };

/** A user's objective: a recipe in, one value per objective out (in the objectives' order). */
export type Objective = (params: Params) => ObjectiveResult | Promise<ObjectiveResult>;

/**
 * Evaluates an asked trial with `objective` and tells the result: complete with the checked values, or failed with
 * the error. Returns whether the trial completed (false also when the storage no longer let it finish: it had been
 * marked stale). A throwing objective rethrows unless `catchErrors`; values that are not one finite number per
 * objective always do, so that a broken objective is not mistaken for an unlucky recipe.
 */
export async function evaluateObjective(study: AskContext, trial: AskedTrial, objective: Objective, catchErrors: boolean): Promise<boolean> {
  const fail = (error: unknown) =>
    study.storage.finishTrial(trial.id, { state: 'failed', error: error instanceof Error ? error.message : String(error) });
  let result: ObjectiveResult;
  try {
    result = await objective({ ...trial.params });
  } catch (error) {
    await fail(error);
    if (!catchErrors) throw error;
    return false;
  }
  const values = Array.isArray(result) ? (result as readonly number[]) : (result as { values: readonly number[] }).values;
  const stderr = Array.isArray(result) ? undefined : (result as { stderr?: readonly number[] }).stderr;
  const where = `trial ${trial.number}`;
  const { objectives } = study.record;
  let checked: { values: number[]; stderr?: number[] };
  try {
    checked = {
      values: validateObjectiveNumbers(values, objectives, `${where}: values`, 'values'),
      stderr: stderr === undefined ? undefined : validateObjectiveNumbers(stderr, objectives, `${where}: stderr`, 'stderr'),
    };
  } catch (error) {
    await fail(error);
    throw error;
  }
  return await study.storage.finishTrial(trial.id, { state: 'complete', ...checked });
}
