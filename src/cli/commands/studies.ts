import { InputError } from '../../errors.js';
import { terminalText } from '../../search/format.js';
import { copyStudies } from '../../storage/copy-study.js';
import { openStorage } from '../../storage/index.js';
import { write, type CommandIo } from '../io.js';
import type { CommandInvocation } from '../command-table.js';
import { reportUnreadable } from '../open-study.js';

/** `stopwise studies`: one line per study with its trial counts. */
export async function studiesCommand({ options }: CommandInvocation<'studies'>, io: CommandIo): Promise<number> {
  const storage = await openStorage(options.storage, { readOnly: true });
  try {
    const studies = await storage.listStudies();
    await reportUnreadable(storage, io);
    if (options.json) {
      await write(io.stdout, `${JSON.stringify({ storage: storage.url, studies: studies.map((s) => ({ name: s.name, createdAt: s.createdAt, sampler: s.sampler, seed: s.seed, counts: s.counts })) })}\n`);
      return 0;
    }
    if (studies.length === 0) {
      await write(io.stdout, `no studies in ${storage.url}\n`);
      return 0;
    }
    const names = new Map(studies.map((s) => [s, terminalText(s.name)]));
    const width = Math.max(5, ...[...names.values()].map((name) => name.length));
    // `replayed` counts the complete trials scored on another trial's recorded curves, without training.
    const columns = ['complete', 'replayed', 'pruned', 'running', 'failed', 'stale'] as const;
    const lines = [`${'study'.padEnd(width)}  ${columns.join('  ')}  created`];
    for (const s of studies) {
      const counts = columns.map((column) => String(s.counts[column]).padStart(column.length));
      lines.push(`${names.get(s)!.padEnd(width)}  ${counts.join('  ')}  ${s.createdAt}`);
    }
    await write(io.stdout, lines.join('\n') + '\n');
    return 0;
  } finally {
    await storage.close();
  }
}

/** `stopwise studies copy --from URL --to URL [--study NAME]`: one line per copied study. */
export async function studiesCopyCommand({ options }: CommandInvocation<'studies copy'>, io: CommandIo): Promise<number> {
  const from = await openStorage(options.from, { readOnly: true });
  try {
    const to = await openStorage(options.to);
    try {
      if (from.url === to.url && from.url !== 'sqlite::memory:') throw new InputError('--to: names the same storage as --from');
      const copied = await copyStudies(from, to, options.study);
      const lines = copied.map(
        (study) =>
          `copied study ${study.name} (${study.trials} trials) from ${from.url} to ${to.url}` +
          (study.idsKept ? '' : ' with new trial ids (the target already used some of them)'),
      );
      await write(io.stdout, lines.length === 0 ? `no studies in ${from.url}\n` : lines.join('\n') + '\n');
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
