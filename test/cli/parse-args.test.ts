import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { COMMANDS, topLevelNames } from '../../src/cli/command-table.js';
import { parseCommandLine, type ParsedCommandLine } from '../../src/cli/parse-args.js';
import { SAMPLER_NAMES } from '../../src/samplers/index.js';
import { DEFAULT_STORAGE_URL } from '../../src/storage/index.js';

/** The parsed command, failing the test when argv was read as something else. */
function parsedAs<Name extends ParsedCommandLine['command']>(name: Name, argv: string[]): Extract<ParsedCommandLine, { command: Name }> {
  const parsed = parseCommandLine(argv);
  expect(parsed.command).toBe(name);
  return parsed as Extract<ParsedCommandLine, { command: Name }>;
}

/** The one-line message parseCommandLine throws for argv. */
function errorOf(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} parsed without an error`);
}

describe('parseCommandLine', () => {
  it('parses search with defaults from the option table', () => {
    const { options, positionals } = parsedAs('search', ['search']);
    expect(options.storage).toBe(DEFAULT_STORAGE_URL);
    expect(options.workers).toBe(1);
    expect(options.trials).toBe(20);
    expect(options.sampler).toBe(SAMPLER_NAMES[0]);
    expect(options.backend).toBe('auto');
    expect(options.seed).toBeUndefined();
    expect(options['no-tui']).toBe(false);
    expect(positionals).toEqual([]);
  });

  it('parses typed values, positionals, short flags and --name=value', () => {
    const { options, positionals } = parsedAs('search', ['search', 'spaces/x.json', '--trials', '7', '--no-tui', '--study', 'mine', '--test-fraction=0.25', '--seed', '-3']);
    expect(options.trials).toBe(7);
    expect(options['no-tui']).toBe(true);
    expect(options.study).toBe('mine');
    expect(options['test-fraction']).toBe(0.25);
    expect(options.seed).toBe(-3);
    expect(positionals).toEqual(['spaces/x.json']);
    expect(parsedAs('export', ['export', '--study', 's', '--format', 'csv', '-o', 'f.csv']).options.output).toBe('f.csv');
  });

  it('reads `studies copy` as its own command with its own options', () => {
    const copy = parsedAs('studies copy', ['studies', 'copy', '--from', 'a.db', '--to', 'b.db']);
    expect(copy.options).toEqual({ from: 'a.db', to: 'b.db', study: undefined });
    expect(parsedAs('studies', ['studies', '--json']).options).toEqual({ storage: DEFAULT_STORAGE_URL, json: true });
    expect(errorOf(['studies', 'move'])).toBe('studies: unknown subcommand "move" (expected copy)');
    expect(errorOf(['studies', 'copy', '--from', 'a.db'])).toMatch(/^--to: required \(usage: stopwise studies copy --from URL --to URL \[--study NAME\]\)$/);
    expect(errorOf(['studies', '--from', 'a.db'])).toMatch(/^--from: unknown option of stopwise studies/);
  });

  it('rejects unknown commands, bad integers, bad choices, missing values and extra arguments with the option named', () => {
    expect(errorOf(['serch'])).toMatch(/^unknown command "serch" \(commands: search, train, confirm, studies, replay, show, export, seed, serve;/);
    expect(errorOf(['search', '--trials', 'many'])).toBe('--trials: expected an integer, got "many"');
    expect(errorOf(['search', '--trials', '0'])).toBe('--trials: expected a positive integer, got 0');
    expect(errorOf(['search', '--test-fraction', 'half'])).toBe('--test-fraction: expected a number, got "half"');
    expect(errorOf(['search', '--sampler', 'sobel'])).toBe('--sampler: expected gp-ehvi, random or sobol, got "sobel" (did you mean sobol?)');
    expect(errorOf(['train', '--params', '{}', '--backend', 'cuda'])).toBe('--backend: expected auto, tensorflow, wasm or cpu, got "cuda"');
    expect(errorOf(['export', '--study', 's', '--format', 'pdf'])).toBe('--format: expected json, csv, svg or html, got "pdf"');
    expect(errorOf(['search', '--study'])).toMatch(/^--study: expected a value \(--study NAME;/);
    expect(errorOf(['search', '--study', '--json'])).toMatch(/^--study: expected a value/);
    expect(errorOf(['search', '--json=yes'])).toBe('--json: takes no value (got "yes")');
    expect(errorOf(['show', '--study', 's', 'extra'])).toBe('show: unexpected argument "extra" (usage: stopwise show --study NAME [--storage URL] [--json])');
  });

  it('suggests the closest option for an unknown one', () => {
    expect(errorOf(['search', '--trails', '3'])).toBe('--trails: unknown option of stopwise search (did you mean --trials?); see stopwise search --help');
    expect(errorOf(['seed', '--study', 's', '--polcy', 'knee'])).toMatch(/^--polcy: unknown option of stopwise seed \(did you mean --policy\?\)/);
    expect(errorOf(['show', '--everything'])).toBe('--everything: unknown option of stopwise show; see stopwise show --help');
  });

  it('requires the options a command cannot run without, naming them and the usage', () => {
    expect(errorOf(['show'])).toBe('--study: required (usage: stopwise show --study NAME [--storage URL] [--json])');
    expect(errorOf(['show', '--study', ''])).toMatch(/^--study: required/);
    expect(errorOf(['export', '--study', 's'])).toMatch(/^--format: required \(usage: stopwise export --study NAME --format json\|csv\|svg\|html \[-o FILE\] \[--storage URL\]\)$/);
    expect(errorOf(['train'])).toMatch(/^--params: required/);
    expect(errorOf(['serve'])).toBe('--stdio: required (usage: stopwise serve --stdio)');
  });

  it('recognizes --help on every command, before any other check, and at top level', () => {
    for (const name of Object.keys(COMMANDS)) {
      expect(parseCommandLine([...name.split(' '), '--help'])).toEqual({ command: 'help', topic: name });
    }
    expect(parseCommandLine(['show', '--bogus', '-h'])).toEqual({ command: 'help', topic: 'show' });
    expect(parseCommandLine(['help', 'studies', 'copy'])).toEqual({ command: 'help', topic: 'studies copy' });
    expect(parseCommandLine([])).toEqual({ command: 'help' });
    expect(parseCommandLine(['--help'])).toEqual({ command: 'help' });
    expect(topLevelNames()).not.toContain('studies copy');
  });
});
