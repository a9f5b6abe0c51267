import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { COMMANDS, parseCommandLine, requireString } from '../../src/cli/parse-args.js';
import { commandHelp } from '../../src/cli/help.js';

describe('parseCommandLine', () => {
  it('parses search with defaults from the option table', () => {
    const parsed = parseCommandLine(['search']);
    expect(parsed.command).toBe('search');
    expect(parsed.options.storage).toBe('sqlite:stopwise.db');
    expect(parsed.options.workers).toBe(1);
    expect(parsed.positionals).toEqual([]);
  });

  it('parses typed values, positionals and short flags', () => {
    const parsed = parseCommandLine(['search', 'spaces/x.json', '--trials', '7', '--no-tui', '--study', 'mine']);
    expect(parsed.options.trials).toBe(7);
    expect(parsed.options['no-tui']).toBe(true);
    expect(parsed.options.study).toBe('mine');
    expect(parsed.positionals).toEqual(['spaces/x.json']);
    expect(parseCommandLine(['export', '--study', 's', '--format', 'csv', '-o', 'f.csv']).options.output).toBe('f.csv');
  });

  it('rejects unknown commands, unknown flags, bad integers and extra arguments with the flag named', () => {
    expect(() => parseCommandLine(['serch'])).toThrow(/unknown command "serch"/);
    expect(() => parseCommandLine(['search', '--trails', '3'])).toThrow(InputError);
    expect(() => parseCommandLine(['search', '--trials', 'many'])).toThrow(/--trials: expected an integer/);
    expect(() => parseCommandLine(['show', 'extra'])).toThrow(/unexpected argument "extra"/);
  });

  it('recognizes --help on every command and at top level', () => {
    for (const name of Object.keys(COMMANDS)) {
      expect(parseCommandLine([name, '--help']).help).toBe(true);
      expect(commandHelp(COMMANDS[name])).toContain(`usage: stopwise ${name}`);
    }
    expect(parseCommandLine([]).command).toBe('help');
  });

  it("names every option of a command in its usage line", () => {
    for (const spec of Object.values(COMMANDS)) {
      for (const [name, option] of Object.entries(spec.options)) {
        const flag = option.short ? new RegExp(`--${name}\\b|-${option.short} `) : new RegExp(`--${name}\\b`);
        expect(spec.usage, `${spec.name} --${name}`).toMatch(flag);
      }
    }
  });

  it('documents every op of the stdio protocol in serve --help', () => {
    const help = commandHelp(COMMANDS.serve);
    for (const op of ['create', 'ask', 'tell', 'front']) expect(help).toContain(`{"op":"${op}"`);
    for (const field of ['"space"', '"objectives"', '"seed"', '"sampler"', '"refPoint"', '"n"', '"id"', '"values"', '"stderr"', '"state"', '"hypervolume"']) {
      expect(help).toContain(field);
    }
    expect(help).toMatch(/blank line/);
    expect(help).toMatch(/\{"ok":false,"error"/);
  });

  it('requireString names the missing flag', () => {
    expect(() => requireString(parseCommandLine(['show']), 'study')).toThrow(/^--study: required/);
  });
});
