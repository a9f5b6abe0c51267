import { terminalText } from '../../search/format.js';
import { openStorage } from '../../storage/index.js';
import { write, type CommandIo } from '../io.js';
import type { ParsedCommandLine } from '../parse-args.js';
import { reportUnreadable, storageUrlOf } from '../open-study.js';

/** `stopwise studies`: one line per study with its trial counts. */
export async function studiesCommand(parsed: ParsedCommandLine, io: CommandIo): Promise<number> {
  const storage = await openStorage(storageUrlOf(parsed), { readOnly: true });
  try {
    const studies = await storage.listStudies();
    await reportUnreadable(storage, io);
    if (parsed.options.json) {
      await write(io.stdout, `${JSON.stringify({ storage: storage.url, studies: studies.map((s) => ({ name: s.name, createdAt: s.createdAt, sampler: s.sampler, seed: s.seed, counts: s.counts })) })}\n`);
      return 0;
    }
    if (studies.length === 0) {
      await write(io.stdout, `no studies in ${storage.url}\n`);
      return 0;
    }
    const names = new Map(studies.map((s) => [s, terminalText(s.name)]));
    const width = Math.max(5, ...[...names.values()].map((name) => name.length));
    const lines = [`${'study'.padEnd(width)}  complete  running  failed  stale  created`];
    for (const s of studies) {
      lines.push(`${names.get(s)!.padEnd(width)}  ${String(s.counts.complete).padStart(8)}  ${String(s.counts.running).padStart(7)}  ${String(s.counts.failed).padStart(6)}  ${String(s.counts.stale).padStart(5)}  ${s.createdAt}`);
    }
    await write(io.stdout, lines.join('\n') + '\n');
    return 0;
  } finally {
    await storage.close();
  }
}
