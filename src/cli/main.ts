import { readFileSync } from 'node:fs';
import { InputError, StoppedError } from '../errors.js';
import { terminalText } from '../search/format.js';
import { commandHelp, overviewHelp } from './help.js';
import { processIo, write, type CommandIo } from './io.js';
import { COMMANDS, parseCommandLine, type ParsedCommandLine } from './parse-args.js';

type Action = (parsed: ParsedCommandLine, io: CommandIo) => Promise<number>;

// Actions load lazily so that `serve --stdio` and `studies` never pull in TensorFlow or ink.
const ACTIONS: Record<string, () => Promise<Action>> = {
  search: async () => (await import('./commands/search.js')).searchCommand,
  train: async () => (await import('./commands/train.js')).trainCommand,
  confirm: async () => (await import('./commands/confirm.js')).confirmCommand,
  studies: async () => (await import('./commands/studies.js')).studiesCommand,
  show: async () => (await import('./commands/show.js')).showCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  seed: async () => (await import('./commands/seed.js')).seedCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
};

/** Runs the CLI; returns the exit code (0 success, 2 bad input or usage, 1 internal failure). */
export async function main(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.command === 'help') {
      const topic = parsed.positionals[0];
      await write(io.stdout, topic && COMMANDS[topic] ? commandHelp(COMMANDS[topic]) : overviewHelp());
      return 0;
    }
    if (parsed.command === 'version') {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      await write(io.stdout, `stopwise ${pkg.version}\n`);
      return 0;
    }
    if (parsed.help) {
      await write(io.stdout, commandHelp(COMMANDS[parsed.command]));
      return 0;
    }
    const load = ACTIONS[parsed.command];
    if (!load) throw new InputError(`${parsed.command}: not available in this build`);
    const action = await load();
    return await action(parsed, io);
  } catch (error) {
    return reportError(error, io);
  }
}

export async function reportError(error: unknown, io: CommandIo): Promise<number> {
  // Messages quote names and values users wrote (or stored); escaped, they cannot drive the terminal.
  if (error instanceof InputError) {
    await write(io.stderr, `stopwise: ${terminalText(error.message)}\n`);
    return 2;
  }
  if (error instanceof StoppedError) {
    await write(io.stderr, `stopwise: ${terminalText(error.message)}\n`);
    return 1;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  await write(io.stderr, `stopwise: internal error: ${message}\n`);
  return 1;
}
