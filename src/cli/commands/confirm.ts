import { InputError } from '../../errors.js';
import { readSpaceFile } from '../../space/parse-space-file.js';
import { confirmationAgreement, confirmFront } from '../../search/confirm-front.js';
import { buildFrontReport } from '../../export/front-report.js';
import { frontLines } from '../../search/front-lines.js';
import { createLineReporter } from '../../search/line-reporter.js';
import { studyTestFraction } from '../../search/run-search.js';
import { createTrainerEvaluator } from '../../search/trainer-evaluator.js';
import type { StudyRecord } from '../../storage/records.js';
import { write, type CommandIo } from '../io.js';
import { openNamedStudy } from '../open-study.js';
import type { CommandInvocation } from '../command-table.js';

/** `stopwise confirm`: confirms a study's front on its test part (see confirmFront) and prints both figures. */
export async function confirmCommand({ options }: CommandInvocation<'confirm'>, io: CommandIo): Promise<number> {
  const repeats = options.seeds;
  const { storage, study } = await openNamedStudy(options, io, { write: true });
  try {
    const testFraction = studyTestFraction(study, undefined);
    const { spaceFile, spacePath } = studySpace(study);
    const evaluator = await createTrainerEvaluator({
      spaceFile,
      spacePath,
      seed: study.seed,
      testFraction,
      backend: options.backend,
      parallelFolds: true,
    });
    const json = options.json;
    try {
      const outcome = await confirmFront({
        storage,
        study,
        confirm: evaluator.confirm,
        repeats,
        listener: json ? undefined : createLineReporter((text) => io.stdout.write(text), { json: false }),
      });
      if (json) {
        await write(io.stdout, `${JSON.stringify({ study: study.name, repeats, front: outcome.front, agreement: confirmationAgreement(outcome.front) })}\n`);
      } else {
        await write(io.stdout, `${frontLines(buildFrontReport(study, await storage.getTrials(study.id))).join('\n')}\n`);
      }
      return 0;
    } finally {
      await evaluator.close();
    }
  } finally {
    await storage.close();
  }
}

/**
 * The search-space file a study was created from (stored with it) and the path its data is read relative to (the
 * file's location when the search ran, kept in the study's meta). Throws InputError for a study without one (a
 * `serve --stdio` study has no task to train).
 */
function studySpace(study: StudyRecord): { spaceFile: ReturnType<typeof readSpaceFile>['file']; spacePath: string } {
  const source = `study ${study.name}`;
  const space = study.space as { task?: unknown } | null;
  if (typeof space !== 'object' || space === null || space.task === undefined) {
    throw new InputError(`--study ${study.name}: has no training task (it was not created by \`stopwise search\`), so there is nothing to retrain`);
  }
  const { file } = readSpaceFile(JSON.stringify(study.space), source);
  const spacePath = study.meta.spacePath;
  if (typeof spacePath !== 'string') {
    throw new InputError(`--study ${study.name}: does not record where its search-space file was, so its task's data cannot be found`);
  }
  return { spaceFile: file, spacePath };
}
