import { InputError } from '../errors.js';
import { COMMANDS, isCommandName, subcommandsOf, topLevelNames, type CommandInvocation, type CommandName } from './command-table.js';
import { asksForHelp, parseOptions, type CommandSpec } from './option-table.js';

/**
 * Command-line parsing, kept apart from the command actions so it is tested alone (as vitest's CLI does): argv
 * becomes a help request, a version request, or one command with the options its table declares, typed by it.
 */

/** One command to run; `command` tells which, and so the type of `options`. */
export type ParsedCommand = { [Name in CommandName]: { command: Name } & CommandInvocation<Name> }[CommandName];

export type ParsedCommandLine =
  | { command: 'help'; topic?: CommandName }
  | { command: 'version' }
  | ParsedCommand;

/** Parses argv (without `node` and the script). Throws InputError naming the option or command. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = commandNamed(rest.filter((arg) => !arg.startsWith('-')));
    return topic === undefined ? { command: 'help' } : { command: 'help', topic };
  }
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (!isCommandName(first)) {
    throw new InputError(`unknown command "${first}" (commands: ${topLevelNames().join(', ')}; see stopwise --help)`);
  }
  const subcommand = `${first} ${rest[0]}`;
  const name: CommandName = isCommandName(subcommand) ? subcommand : first;
  const args = name === first ? rest : rest.slice(1);
  if (asksForHelp(args)) return { command: 'help', topic: name };
  const subcommands = subcommandsOf(name).map((subcommand) => subcommand.slice(name.length + 1));
  if (subcommands.length > 0 && args[0] !== undefined && !args[0].startsWith('-')) {
    throw new InputError(`${name}: unknown subcommand "${args[0]}" (expected ${subcommands.join(', ')})`);
  }
  return parseCommand(name, args);
}

/** One command's arguments against its table. */
function parseCommand(name: CommandName, args: readonly string[]): ParsedCommand {
  const spec: CommandSpec = COMMANDS[name];
  const { options, positionals } = parseOptions(spec, args);
  // Parsed by the table of `name`, so the options have the types that table declares.
  return { command: name, options, positionals } as ParsedCommand;
}

/** The command `stopwise help WORDS` asks about: `studies copy`, else `studies`, else none. */
function commandNamed(words: readonly string[]): CommandName | undefined {
  const [first, second] = words;
  if (first === undefined) return undefined;
  const pair = `${first} ${second}`;
  if (second !== undefined && isCommandName(pair)) return pair;
  return isCommandName(first) ? first : undefined;
}
