/** Moving studies between storages (SQLite ↔ PostgreSQL): read a whole study, write it in one transaction. */
import { InputError } from '../errors.js';
import type { Storage, StudyDump } from './types.js';

/** Everything stored about one study: its record, every trial and every saved fold. Null for an unknown name. */
export async function dumpStudy(storage: Storage, name: string): Promise<StudyDump | null> {
  const study = await storage.getStudy(name);
  if (study === null) return null;
  const trials = await storage.getTrials(study.id);
  const withFolds = [];
  for (const trial of trials) {
    withFolds.push({ trial, folds: trial.result?.folds ?? (await storage.getFolds(trial.id)) });
  }
  return { study, trials: withFolds };
}

export interface CopiedStudy {
  name: string;
  trials: number;
  /** False when the target already used some of the trial ids, so the copy's trials got new ids. */
  idsKept: boolean;
}

/**
 * Copies the named study (or every study, when `name` is undefined) from `from` to `to`. A study the target
 * already has is refused before anything is written; each study is written in one transaction.
 */
export async function copyStudies(from: Storage, to: Storage, name?: string): Promise<CopiedStudy[]> {
  const names = name === undefined ? (await from.listStudies()).map((study) => study.name) : [name];
  if (name !== undefined && (await from.getStudy(name)) === null) {
    const known = (await from.listStudies()).map((study) => study.name);
    throw new InputError(
      `--study: no study named "${name}" in ${from.url}${known.length ? ` (studies: ${known.join(', ')})` : ' (it has no studies)'}`,
    );
  }
  for (const each of names) {
    if ((await to.getStudy(each)) !== null) throw new InputError(`--to: a study named "${each}" already exists in ${to.url}`);
  }
  const copied: CopiedStudy[] = [];
  for (const each of names) {
    const dump = (await dumpStudy(from, each))!;
    const { idsKept } = await to.importStudy(dump);
    copied.push({ name: each, trials: dump.trials.length, idsKept });
  }
  return copied;
}
