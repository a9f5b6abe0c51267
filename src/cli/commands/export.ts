import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { buildFrontReport, toCsv, toHtml, toJson, toSvg } from '../../export/index.js';
import { write, type CommandIo } from '../io.js';
import { requireString, type ParsedCommandLine } from '../parse-args.js';
import { openNamedStudy } from '../open-study.js';

const FORMATS = { json: toJson, csv: toCsv, svg: toSvg, html: toHtml } as const;

/** `stopwise export`: the front and all trials as JSON, CSV, SVG or HTML. */
export async function exportCommand(parsed: ParsedCommandLine, io: CommandIo): Promise<number> {
  const format = requireString(parsed, 'format');
  if (!(format in FORMATS)) throw new InputError(`--format: unknown format "${format}" (expected json, csv, svg or html)`);
  const { storage, study, trials } = await openNamedStudy(parsed, io);
  try {
    const text = await FORMATS[format as keyof typeof FORMATS](buildFrontReport(study, trials));
    const output = parsed.options.output as string | undefined;
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
