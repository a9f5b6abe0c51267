import { InputError } from '../errors.js';
import { closestName } from '../space/closest-name.js';

/**
 * Typed option tables, in the manner of vitest's `cli-config.ts`: a command declares each option once (type,
 * description, default, value name), and the same declaration drives parsing, the type of the parsed options, the
 * usage line and the help text. `parseOptions` knows nothing of any command; it is tested alone.
 */

interface OptionBase {
  description: string;
  /** Placeholder for the value in usage and help, e.g. `NAME`; choices show their values instead. */
  valueName?: string;
  /** One-letter alias, e.g. `o` for `-o`. */
  short?: string;
}

export interface StringOption extends OptionBase {
  type: 'string';
  default?: string;
  /** Absent or empty is an error naming the option and the command's usage. */
  required?: boolean;
  /** The default in words when no constant expresses it, e.g. "the space's name". */
  defaultNote?: string;
}

export interface NumberOption extends OptionBase {
  type: 'number';
  default?: number;
  defaultNote?: string;
}

export interface IntegerOption extends OptionBase {
  type: 'integer';
  default?: number;
  /** Smallest value accepted. */
  min?: number;
  defaultNote?: string;
}

export interface BooleanOption extends OptionBase {
  type: 'boolean';
  /** Must be given (a command with one mode, named for clarity, like `serve --stdio`). */
  required?: boolean;
}

export interface ChoiceOption<Choice extends string = string> extends OptionBase {
  type: 'choice';
  choices: readonly Choice[];
  default?: Choice;
  required?: boolean;
}

/** May be given several times; the values in order (none when absent). */
export interface RepeatableOption extends OptionBase {
  type: 'repeatable';
}

export type OptionSpec = StringOption | NumberOption | IntegerOption | BooleanOption | ChoiceOption | RepeatableOption;
export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<Option> = Option extends { type: 'boolean' }
  ? boolean
  : Option extends { type: 'repeatable' }
    ? string[]
    : Option extends { type: 'choice'; choices: readonly (infer Choice)[] }
      ? Choice
      : Option extends { type: 'string' }
        ? string
        : number;

/** Options that always have a value: booleans, repeatables, and those with a default or marked required. */
type AlwaysPresent = { type: 'boolean' } | { type: 'repeatable' } | { default: string | number } | { required: true };

/** The parsed options of a table: one property per declared option, typed by its declaration. */
export type OptionValues<Table extends OptionTable> = {
  readonly [Name in keyof Table]: Table[Name] extends AlwaysPresent ? ValueOf<Table[Name]> : ValueOf<Table[Name]> | undefined;
};

export interface CommandSpec<Table extends OptionTable = OptionTable> {
  /** What the user types after `stopwise`, e.g. `search` or `studies copy`. */
  name: string;
  summary: string;
  /** Positional arguments, all optional, in order: their placeholders, e.g. `SPACE`. */
  positionals: readonly string[];
  options: Table;
  examples: readonly string[];
  /** Further reference printed after the examples (e.g. the stdio protocol). */
  details?: readonly string[];
}

/** Declares a command; the `const` parameter keeps each option's literal type for `OptionValues`. */
export function defineCommand<const Table extends OptionTable>(spec: CommandSpec<Table>): CommandSpec<Table> {
  return spec;
}

/** One run of a command: its typed options and its positional arguments. */
export interface Invocation<Table extends OptionTable> {
  options: OptionValues<Table>;
  positionals: string[];
}

/** `a`, `a or b`, `a, b or c`. */
export function listWithOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `--name VALUE` (or `-o, --output FILE` with `withShort`): how an option is written. */
export function optionLabel(name: string, option: OptionSpec, withShort = false): string {
  const flag = withShort && option.short ? `-${option.short}, --${name}` : option.short ? `-${option.short}` : `--${name}`;
  if (option.type === 'boolean') return flag;
  if (option.type === 'choice' && option.valueName === undefined) return `${flag} ${option.choices.join('|')}`;
  return `${flag} ${option.valueName ?? 'VALUE'}`;
}

/** The one-line usage: `stopwise show --study NAME [--storage URL] [--json]`. */
export function usageLine(spec: CommandSpec): string {
  const parts = [`stopwise ${spec.name}`, ...spec.positionals.map((name) => `[${name}]`)];
  for (const [name, option] of Object.entries(spec.options)) {
    const label = optionLabel(name, option);
    parts.push('required' in option && option.required ? label : `[${label}]`);
  }
  return parts.join(' ');
}

/** True for `--help` or `-h` before a `--`. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/**
 * Parses a command's arguments (after the command name) against its table: `--name VALUE`, `--name=VALUE`, `-o VALUE`,
 * booleans as bare flags, `--` before positionals that start with `-`. Throws InputError `--name: …` naming the option
 * for an unknown option (with the closest declared name), a missing or mistyped value, or a missing required option.
 */
export function parseOptions<const Table extends OptionTable>(spec: CommandSpec<Table>, argv: readonly string[]): Invocation<Table> {
  const given = new Map<string, string[]>();
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(spec.options).flatMap(([name, option]) => (option.short ? [[option.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || isNumber(arg)) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const written = equals < 0 ? arg : arg.slice(0, equals);
    const name = written.startsWith('--') ? written.slice(2) : byShort.get(written.slice(1));
    const option = name === undefined ? undefined : spec.options[name];
    if (name === undefined || option === undefined) throw unknownOption(spec, written);
    let value: string;
    if (option.type === 'boolean') {
      if (equals >= 0) throw new InputError(`--${name}: takes no value (got "${arg.slice(equals + 1)}")`);
      value = 'true';
    } else if (equals >= 0) {
      value = arg.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !isNumber(next))) {
        throw new InputError(`--${name}: expected a value (${optionLabel(name, option)}; write --${name}=VALUE for a value that starts with "-")`);
      }
      value = next;
      i++;
    }
    given.set(name, [...(given.get(name) ?? []), value]);
  }
  if (positionals.length > spec.positionals.length) {
    throw new InputError(`${spec.name}: unexpected argument "${positionals[spec.positionals.length]}" (usage: ${usageLine(spec)})`);
  }
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    options[name] = optionValue(spec, name, option, given.get(name) ?? []);
  }
  // The object was filled from the same table, option by option, with values of the declared types.
  return { options: options as OptionValues<Table>, positionals };
}

/** The value of one option from what was written for it (the last one wins, except for repeatables). */
function optionValue(spec: CommandSpec, name: string, option: OptionSpec, written: readonly string[]): unknown {
  if (option.type === 'boolean') {
    if (option.required && written.length === 0) throw new InputError(`--${name}: required (usage: ${usageLine(spec)})`);
    return written.length > 0;
  }
  if (option.type === 'repeatable') return [...written];
  const text = written[written.length - 1];
  if (text === undefined || (text === '' && 'required' in option && option.required)) {
    if ('required' in option && option.required) throw new InputError(`--${name}: required (usage: ${usageLine(spec)})`);
    return option.default;
  }
  switch (option.type) {
    case 'string':
      return text;
    case 'choice':
      if (!option.choices.includes(text)) {
        const guess = closestName(text, option.choices);
        throw new InputError(`--${name}: expected ${listWithOr(option.choices)}, got "${text}"${guess === undefined ? '' : ` (did you mean ${guess}?)`}`);
      }
      return text;
    case 'integer': {
      if (!/^-?\d+$/.test(text)) throw new InputError(`--${name}: expected an integer, got "${text}"`);
      const value = Number(text);
      if (option.min !== undefined && value < option.min) {
        throw new InputError(`--${name}: expected ${option.min === 1 ? 'a positive integer' : `an integer ≥ ${option.min}`}, got ${value}`);
      }
      return value;
    }
    case 'number': {
      const value = Number(text);
      if (!isNumber(text)) throw new InputError(`--${name}: expected a number, got "${text}"`);
      return value;
    }
  }
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

function unknownOption(spec: CommandSpec, written: string): InputError {
  const flags = Object.entries(spec.options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
  const guess = closestName(written, [...flags, '--help']);
  return new InputError(`${written}: unknown option of stopwise ${spec.name}${guess === undefined ? '' : ` (did you mean ${guess}?)`}; see stopwise ${spec.name} --help`);
}
