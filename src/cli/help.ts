import { COMMANDS, subcommandsOf, topLevelNames, type CommandName } from './command-table.js';
import { listWithOr, optionLabel, usageLine, type CommandSpec, type OptionSpec } from './option-table.js';

/** The overview printed by `stopwise --help`. */
export function overviewHelp(): string {
  const names = topLevelNames();
  const width = Math.max(...names.map((name) => name.length));
  const lines = [
    'stopwise — find the cheapest way to stop training early (tokens vs exact match, Pareto front)',
    '',
    'usage: stopwise COMMAND [options]     (stopwise COMMAND --help for details)',
    '',
    'commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
    '',
    'exit codes: 0 success, 2 bad input or usage, 1 internal failure',
  ];
  return lines.join('\n') + '\n';
}

/** The help of one command, from its table: usage, options with their choices and defaults, subcommands, examples. */
export function commandHelp(name: CommandName): string {
  const spec: CommandSpec = COMMANDS[name];
  const options = Object.entries(spec.options).map(([optionName, option]) => ({ label: optionLabel(optionName, option, true), option }));
  const width = Math.max(12, ...options.map((o) => o.label.length));
  const subcommands = subcommandsOf(name);
  const lines = [
    `stopwise ${spec.name} — ${spec.summary}`,
    '',
    `usage: ${usageLine(spec)}`,
    '',
    'options:',
    ...options.map(({ label, option }) => `  ${label.padEnd(width)}  ${describeOption(option)}`),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
    ...(subcommands.length > 0
      ? ['', 'subcommands:', ...subcommands.map((sub) => `  stopwise ${sub}: ${COMMANDS[sub].summary} (stopwise ${sub} --help)`)]
      : []),
    '',
    'examples:',
    ...spec.examples.map((example) => `  ${example}`),
    ...(spec.details ? ['', ...spec.details] : []),
  ];
  return lines.join('\n') + '\n';
}

/** The description with what the table adds: choices, required, default. */
function describeOption(option: OptionSpec): string {
  const notes: string[] = [];
  if (option.type === 'choice' && option.valueName !== undefined) notes.push(listWithOr(option.choices));
  if ('required' in option && option.required) notes.push('required');
  if ('default' in option && option.default !== undefined) notes.push(`default ${option.default}`);
  else if ('defaultNote' in option && option.defaultNote !== undefined) notes.push(`default: ${option.defaultNote}`);
  return notes.length === 0 ? option.description : `${option.description} (${notes.join('; ')})`;
}
