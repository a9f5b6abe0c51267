import { COMMANDS, type CommandSpec } from './parse-args.js';

/** The overview printed by `stopwise --help`. */
export function overviewHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = [
    'stopwise — find the cheapest way to stop training early (tokens vs exact match, Pareto front)',
    '',
    'usage: stopwise COMMAND [options]     (stopwise COMMAND --help for details)',
    '',
    'commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'exit codes: 0 success, 2 bad input or usage, 1 internal failure',
  ];
  return lines.join('\n') + '\n';
}

/** The help of one command: usage, options, examples. */
export function commandHelp(spec: CommandSpec): string {
  const optionLabels = Object.entries(spec.options).map(([name, option]) => {
    const short = option.short ? `-${option.short}, ` : '';
    const value = option.kind === 'boolean' ? '' : ` ${option.valueName ?? 'VALUE'}`;
    return { label: `${short}--${name}${value}`, option };
  });
  const width = Math.max(12, ...optionLabels.map((o) => o.label.length));
  const lines = [
    `stopwise ${spec.name} — ${spec.summary}`,
    '',
    `usage: ${spec.usage}`,
    '',
    'options:',
    ...optionLabels.map(({ label, option }) => `  ${label.padEnd(width)}  ${option.description}`),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
    '',
    'examples:',
    ...spec.examples.map((e) => `  ${e}`),
    ...(spec.details ? ['', ...spec.details] : []),
  ];
  return lines.join('\n') + '\n';
}
