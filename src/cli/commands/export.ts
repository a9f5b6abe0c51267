import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildFrontReport, toCsv, toHtml, toJson, toSvg } from '../../export/index.js';
import { write, type CommandIo } from '../io.js';
import type { CommandInvocation, ExportFormat } from '../command-table.js';
import { openNamedStudy } from '../open-study.js';

const WRITERS = { json: toJson, csv: toCsv, svg: toSvg, html: toHtml } satisfies Record<ExportFormat, unknown>;

/** `stopwise export`: the front and all trials as JSON, CSV, SVG or HTML. */
export async function exportCommand({ options }: CommandInvocation<'export'>, io: CommandIo): Promise<number> {
  const { format, output } = options;
  const { storage, study, trials } = await openNamedStudy(options, io);
  try {
    const text = await WRITERS[format](buildFrontReport(study, trials));
    if (output) {
      await writeFile(resolve(io.cwd, output), text.endsWith('\n') ? text : `${text}\n`);
      await write(io.stderr, `wrote ${format.toUpperCase()} of study ${study.name} to ${output}\n`);
    } else {
      await write(io.stdout, text.endsWith('\n') ? text : `${text}\n`);
    }
    return 0;
  } finally {
    await storage.close();
  }
}
