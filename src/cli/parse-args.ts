import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { PROTOCOL_HELP } from '../serve/protocol-help.js';

/**
 * Command-line parsing, kept apart from the command actions so it is tested alone (as vitest's CLI does).
 * Each command declares a typed option table; `parseCommandLine` turns argv into `{ command, options, positionals }`
 * or throws InputError naming the flag.
 */

export type OptionKind = 'string' | 'boolean' | 'integer' | 'number';

export interface OptionSpec {
  kind: OptionKind;
  description: string;
  /** Placeholder for the value in help, e.g. `NAME`. */
  valueName?: string;
  short?: string;
  default?: string | boolean | number;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Names of positional arguments, in order (all optional unless `requiredPositionals`). */
  positionals: string[];
  requiredPositionals?: number;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Further reference printed after the examples (e.g. the stdio protocol). */
  details?: readonly string[];
}

export type ParsedOptions = Record<string, string | boolean | number | undefined>;

export interface ParsedCommandLine {
  command: string;
  options: ParsedOptions;
  positionals: string[];
  help: boolean;
}

const storageOption: OptionSpec = {
  kind: 'string',
  valueName: 'URL',
  description: 'where studies live: sqlite:PATH or postgresql://USER@HOST:PORT/DB (default sqlite:stopwise.db)',
  default: 'sqlite:stopwise.db',
};
const jsonOption: OptionSpec = { kind: 'boolean', description: 'machine-readable JSON output' };

export const COMMANDS: Record<string, CommandSpec> = {
  search: {
    name: 'search',
    summary: 'run (or resume) a multi-objective search over stopping rules and hyperparameters',
    usage: 'stopwise search [SPACE] [--study NAME] [--storage URL] [--trials N] [--workers N] [--seed S] [--sampler NAME] [--backend NAME] [--test-fraction F] [--confirm-seeds R] [--no-confirm] [--no-tui] [--json]',
    positionals: ['SPACE'],
    options: {
      study: { kind: 'string', valueName: 'NAME', description: "study name (default: the space's name)" },
      storage: storageOption,
      trials: { kind: 'integer', valueName: 'N', description: 'complete trials wanted in total (default 20)', default: 20 },
      workers: { kind: 'integer', valueName: 'N', description: 'worker processes sharing the study (default 1)', default: 1 },
      seed: { kind: 'integer', valueName: 'S', description: 'seed for the sampler and the folds (default: the space file seed, else 0)' },
      sampler: { kind: 'string', valueName: 'NAME', description: 'gp-ehvi (default), random or sobol', default: 'gp-ehvi' },
      'test-fraction': {
        kind: 'number',
        valueName: 'F',
        description: 'share of the task held out as the test part, in (0, 0.5] (default 0.2; a study keeps its own)',
      },
      'confirm-seeds': { kind: 'integer', valueName: 'R', description: 'confirmation runs per front recipe (default 3)', default: 3 },
      'no-confirm': { kind: 'boolean', description: 'skip confirming the front on the test part at the end' },
      'no-tui': { kind: 'boolean', description: 'plain line output even on a terminal' },
      json: { kind: 'boolean', description: 'one JSON object per finished trial' },
      backend: { kind: 'string', valueName: 'NAME', description: 'force a tfjs backend: tensorflow, wasm or cpu (default: best available)' },
    },
    examples: ['stopwise search', 'stopwise search search-spaces/hyperparams-only.json --trials 12 --no-tui'],
  },
  train: {
    name: 'train',
    summary: 'evaluate one recipe over the folds and print its tokens and EM',
    usage: 'stopwise train [SPACE] --params JSON [--seed S] [--backend NAME] [--json]',
    positionals: ['SPACE'],
    options: {
      params: {
        kind: 'string',
        valueName: 'JSON',
        description: "the recipe's parameters; those left out take the trainer's defaults, moved to the nearest value of the space",
      },
      json: jsonOption,
      seed: { kind: 'integer', valueName: 'S', description: 'seed for the folds and the model (default: the space file seed, else 0)' },
      backend: { kind: 'string', valueName: 'NAME', description: 'force a tfjs backend: tensorflow, wasm or cpu' },
    },
    examples: ['stopwise train --params \'{"stopping.rule":"threshold","stopping.target":0.9}\''],
  },
  confirm: {
    name: 'confirm',
    summary: "retrain the front's recipes on the search part over several seeds and measure them on the test part",
    usage: 'stopwise confirm --study NAME [--storage URL] [--seeds R] [--backend NAME] [--json]',
    positionals: [],
    options: {
      study: { kind: 'string', valueName: 'NAME', description: 'study name (required)' },
      storage: storageOption,
      seeds: { kind: 'integer', valueName: 'R', description: 'confirmation runs (seeds) per recipe (default 3)', default: 3 },
      backend: { kind: 'string', valueName: 'NAME', description: 'force a tfjs backend: tensorflow, wasm or cpu' },
      json: jsonOption,
    },
    examples: ['stopwise confirm --study default'],
  },
  studies: {
    name: 'studies',
    summary: 'list the studies in a storage, or copy studies between storages',
    usage: 'stopwise studies [--storage URL] [--json] | stopwise studies copy --from URL --to URL [--study NAME]',
    positionals: ['copy'],
    options: {
      storage: storageOption,
      json: jsonOption,
      from: { kind: 'string', valueName: 'URL', description: 'copy: the storage to read the studies from' },
      to: { kind: 'string', valueName: 'URL', description: 'copy: the storage to write them to' },
      study: { kind: 'string', valueName: 'NAME', description: 'copy: only this study (default: every study)' },
    },
    examples: [
      'stopwise studies',
      'stopwise studies copy --from sqlite:stopwise.db --to postgresql://stopwise@db.lan:5432/stopwise --study default',
    ],
  },
  show: {
    name: 'show',
    summary: "show a study's trials and front",
    usage: 'stopwise show --study NAME [--storage URL] [--json]',
    positionals: [],
    options: {
      study: { kind: 'string', valueName: 'NAME', description: 'study name (required)' },
      storage: storageOption,
      json: jsonOption,
    },
    examples: ['stopwise show --study default', 'stopwise show --study default --json'],
  },
  export: {
    name: 'export',
    summary: 'export the front and all trials as JSON, CSV, SVG or HTML',
    usage: 'stopwise export --study NAME --format json|csv|svg|html [-o FILE] [--storage URL]',
    positionals: [],
    options: {
      study: { kind: 'string', valueName: 'NAME', description: 'study name (required)' },
      format: { kind: 'string', valueName: 'FORMAT', description: 'json, csv, svg or html (required)' },
      output: { kind: 'string', short: 'o', valueName: 'FILE', description: 'write to FILE instead of stdout' },
      storage: storageOption,
    },
    examples: ['stopwise export --study default --format html -o front.html'],
  },
  seed: {
    name: 'seed',
    summary: 'write a production config: a recipe chosen from the front, with the front itself',
    usage: 'stopwise seed --study NAME [--policy knee|within:0.005|within-se|budget:TOKENS[,minEm:EM]] [-o FILE] [--storage URL]',
    positionals: [],
    options: {
      study: { kind: 'string', valueName: 'NAME', description: 'study name (required)' },
      policy: { kind: 'string', valueName: 'POLICY', description: 'knee (default), within:TOL, within-se, budget:TOKENS or budget:TOKENS,minEm:EM', default: 'knee' },
      output: { kind: 'string', short: 'o', valueName: 'FILE', description: 'write to FILE instead of stdout' },
      storage: storageOption,
    },
    examples: ['stopwise seed --study default --policy within-se -o production.json', 'stopwise seed --study default --policy budget:1M,minEm:0.95 -o production.json'],
  },
  serve: {
    name: 'serve',
    summary: 'language-neutral ask/tell: one JSON object per line on stdin/stdout',
    usage: 'stopwise serve --stdio',
    positionals: [],
    options: { stdio: { kind: 'boolean', description: 'speak the protocol on stdin/stdout (required)' } },
    examples: [
      'stopwise serve --stdio < requests.jsonl',
      'echo \'{"op":"create","space":{"params":{"x":{"type":"float","low":0,"high":1}}},"objectives":[{"name":"f","direction":"minimize"}]}\' | stopwise serve --stdio',
    ],
    details: PROTOCOL_HELP,
  },
};

/** Parses argv (without `node` and the script). Throws InputError naming the flag or command. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help', options: {}, positionals: rest.filter((a) => !a.startsWith('-')), help: true };
  }
  if (command === '--version' || command === '-v') {
    return { command: 'version', options: {}, positionals: [], help: false };
  }
  const spec = COMMANDS[command];
  if (!spec) {
    throw new InputError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see stopwise --help)`);
  }
  const tableForNode: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, option] of Object.entries(spec.options)) {
    tableForNode[name] = { type: option.kind === 'boolean' ? 'boolean' : 'string', ...(option.short ? { short: option.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: tableForNode, allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError(`${command}: ${describeParseError(error)}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { command, options: {}, positionals: [], help: true };

  const options: ParsedOptions = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const raw = values[name];
    if (raw === undefined) {
      options[name] = option.default;
      continue;
    }
    if (option.kind === 'integer') {
      const text = String(raw);
      if (!/^-?\d+$/.test(text)) throw new InputError(`--${name}: expected an integer, got "${text}"`);
      options[name] = Number(text);
    } else if (option.kind === 'number') {
      const text = String(raw);
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) throw new InputError(`--${name}: expected a number, got "${text}"`);
      options[name] = value;
    } else {
      options[name] = raw;
    }
  }
  if (parsed.positionals.length > spec.positionals.length) {
    throw new InputError(`${command}: unexpected argument "${parsed.positionals[spec.positionals.length]}" (usage: ${spec.usage})`);
  }
  return { command, options, positionals: parsed.positionals, help: false };
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages are multi-line and mention internals; keep the first sentence, one line.
  return message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
}

/** Requires a string option, throwing `--name: required (usage: …)` when absent. */
export function requireString(parsed: ParsedCommandLine, name: string): string {
  const value = parsed.options[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`--${name}: required (usage: ${COMMANDS[parsed.command].usage})`);
  }
  return value;
}

/** Requires a positive integer option. */
export function positiveInteger(parsed: ParsedCommandLine, name: string): number {
  const value = parsed.options[name];
  if (typeof value !== 'number' || value < 1) throw new InputError(`--${name}: expected a positive integer, got ${String(value)}`);
  return value;
}
