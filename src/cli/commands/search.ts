import { hashSpace } from '../../space/index.js';
import { loadSearchSpaceFile } from '../../search/check-space-file.js';
import { studyTestFraction } from '../../search/run-search.js';
import { createTrainerEvaluator, loadSearchTask } from '../../search/trainer-evaluator.js';
import { WORKER_EVENTS_ENV } from '../../search/worker-pool.js';
import { explainStorageError, openStorage } from '../../storage/index.js';
import type { CommandInvocation } from '../command-table.js';
import type { CommandIo } from '../io.js';
import { resolveSpacePath } from '../resolve-space.js';
import { searchSettings, type SearchContext } from './search/context.js';
import { runAsPoolWorker } from './search/pool-worker-flow.js';
import { runSingleProcessSearch } from './search/single-process-flow.js';
import { runWorkerPoolSearch } from './search/worker-pool-flow.js';

/**
 * `stopwise search`: run or resume a study until N trials are trained (replayed ones come on top), then confirm its front. Checks the space
 * file and its task, opens the storage, and hands over to one of three flows: this process alone, a pool of
 * `--workers N` processes, or one worker of such a pool.
 */
export async function searchCommand({ options, positionals }: CommandInvocation<'search'>, io: CommandIo): Promise<number> {
  const spacePath = resolveSpacePath(positionals[0], io.cwd);
  const { file: spaceFile, space } = await loadSearchSpaceFile(spacePath);
  const settings = searchSettings(options, spacePath, spaceFile, io);
  studyTestFraction(null, settings.requestedTestFraction);
  // The task is checked against the folds before the storage is opened: a refused file leaves nothing behind.
  const task = await loadSearchTask(spaceFile, spacePath, settings.seed, settings.requestedTestFraction);
  const storage = await openStorage(settings.storageUrl);
  try {
    const testFraction = studyTestFraction(await storage.getStudy(settings.studyName), settings.requestedTestFraction);
    const context: SearchContext = {
      settings,
      io,
      storage,
      spaceFile,
      space,
      spaceHash: hashSpace(spaceFile),
      testFraction,
      createEvaluator: (parallelFolds) =>
        createTrainerEvaluator({ spaceFile, spacePath, seed: settings.seed, testFraction, backend: settings.backend, parallelFolds, task }),
    };
    if (io.env[WORKER_EVENTS_ENV] === '1') return await runAsPoolWorker(context);
    if (settings.workers > 1) return await runWorkerPoolSearch(context);
    return await runSingleProcessSearch(context);
  } catch (error) {
    throw explainStorageError(error, storage.url);
  } finally {
    await storage.close();
  }
}
