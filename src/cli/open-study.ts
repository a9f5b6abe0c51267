import { InputError } from '../errors.js';
import { openStorage, type Storage } from '../storage/index.js';
import type { StudyRecord, TrialRecord } from '../storage/records.js';
import { write, type CommandIo } from './io.js';

/**
 * Opens the storage `--storage` names and the study `--study` names; unknown study → InputError listing the known
 * ones. Read-only unless `options.write` (a command that stores something, like `confirm`).
 */
export async function openNamedStudy(
  named: { readonly study: string; readonly storage: string },
  io: Pick<CommandIo, 'stderr'>,
  options: { write?: boolean } = {},
): Promise<{ storage: Storage; study: StudyRecord; trials: TrialRecord[] }> {
  const storage = await openStorage(named.storage, { readOnly: !options.write });
  try {
    const study = await storage.getStudy(named.study);
    if (!study) {
      const known = (await storage.listStudies()).map((s) => s.name);
      throw new InputError(`--study: no study named "${named.study}" in ${storage.url}${known.length ? ` (studies: ${known.join(', ')})` : ' (it has no studies yet)'}`);
    }
    const trials = await storage.getTrials(study.id);
    await reportUnreadable(storage, io);
    return { storage, study, trials };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** Prints one warning line per stored record the reads had to leave out (a damaged row), on stderr. */
export async function reportUnreadable(storage: Storage, io: Pick<CommandIo, 'stderr'>): Promise<void> {
  for (const line of storage.unreadable) await write(io.stderr, `stopwise: warning: ${line}\n`);
}
