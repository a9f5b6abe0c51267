import { readFileSync } from 'node:fs';
import { InputError, StoppedError } from '../errors.js';
import { terminalText } from '../search/format.js';
import type { CommandInvocation, CommandName } from './command-table.js';
import { commandHelp, overviewHelp } from './help.js';
import { processIo, write, type CommandIo } from './io.js';
import { parseCommandLine, type ParsedCommand } from './parse-args.js';

type Action<Name extends CommandName> = (invocation: CommandInvocation<Name>, io: CommandIo) => Promise<number>;

// Each command's module loads only when that command runs: help and `serve --stdio` never pull in TensorFlow or ink.
const ACTIONS: { [Name in CommandName]: () => Promise<Action<Name>> } = {
  search: async () => (await import('./commands/search.js')).searchCommand,
  train: async () => (await import('./commands/train.js')).trainCommand,
  confirm: async () => (await import('./commands/confirm.js')).confirmCommand,
  studies: async () => (await import('./commands/studies.js')).studiesCommand,
  'studies copy': async () => (await import('./commands/studies.js')).studiesCopyCommand,
  replay: async () => (await import('./commands/replay.js')).replayCommand,
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
      await write(io.stdout, parsed.topic === undefined ? overviewHelp() : commandHelp(parsed.topic));
      return 0;
    }
    if (parsed.command === 'version') {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      await write(io.stdout, `stopwise ${pkg.version}\n`);
      return 0;
    }
    return await runCommand(parsed, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function runCommand<Name extends CommandName>(parsed: ParsedCommand & { command: Name }, io: CommandIo): Promise<number> {
  const action = await ACTIONS[parsed.command]();
  return action(parsed, io);
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
