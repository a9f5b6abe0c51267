import { InputError } from '../errors.js';
import { DEFAULT_STORAGE_URL, openStorage, type Storage } from '../storage/index.js';
import type { StudyRecord, TrialRecord } from '../study/types.js';
import { write, type CommandIo } from './io.js';
import type { ParsedCommandLine } from './parse-args.js';
import { requireString } from './parse-args.js';

/** `--storage` as given (openStorage reads `sqlite:PATH`, bare `.db` paths, and names what it does not support). */
export function storageUrlOf(parsed: ParsedCommandLine): string {
  return String(parsed.options.storage ?? DEFAULT_STORAGE_URL);
}

/**
 * Opens the storage and the study named by `--study`; unknown study → InputError listing the known ones. Read-only
 * unless `options.write` (a command that stores something, like `confirm`).
 */
export async function openNamedStudy(
  parsed: ParsedCommandLine,
  io: Pick<CommandIo, 'stderr'>,
  options: { write?: boolean } = {},
): Promise<{ storage: Storage; study: StudyRecord; trials: TrialRecord[] }> {
  const name = requireString(parsed, 'study');
  const storage = await openStorage(storageUrlOf(parsed), { readOnly: !options.write });
  try {
    const study = await storage.getStudy(name);
    if (!study) {
      const known = (await storage.listStudies()).map((s) => s.name);
      throw new InputError(`--study: no study named "${name}" in ${storage.url}${known.length ? ` (studies: ${known.join(', ')})` : ' (it has no studies yet)'}`);
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
