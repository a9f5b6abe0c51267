import { describe, expect, expectTypeOf, it } from 'vitest';
import { COMMANDS, type CommandInvocation } from '../../src/cli/command-table.js';
import { defineCommand, parseOptions, usageLine } from '../../src/cli/option-table.js';

const PLOT = defineCommand({
  name: 'plot',
  summary: 'a table with one option of each type',
  positionals: ['FILE'],
  options: {
    title: { type: 'string', valueName: 'TEXT', description: 'title' },
    width: { type: 'integer', valueName: 'N', min: 10, default: 80, description: 'columns' },
    scale: { type: 'number', valueName: 'X', description: 'scale' },
    legend: { type: 'boolean', description: 'draw a legend' },
    palette: { type: 'choice', choices: ['light', 'dark'], default: 'light', description: 'colours' },
    series: { type: 'repeatable', valueName: 'NAME', description: 'a series to draw' },
  },
  examples: [],
});

describe('parseOptions', () => {
  it('gives each option the type and default its declaration says', () => {
    const { options, positionals } = parseOptions(PLOT, ['data.csv', '--series', 'a', '--width', '120', '--series=b', '--legend', '--palette', 'dark']);
    expect(options).toEqual({ title: undefined, width: 120, scale: undefined, legend: true, palette: 'dark', series: ['a', 'b'] });
    expect(positionals).toEqual(['data.csv']);
    expect(parseOptions(PLOT, []).options).toEqual({ title: undefined, width: 80, scale: undefined, legend: false, palette: 'light', series: [] });
  });

  it('infers the type of the parsed options from the table', () => {
    const { options } = parseOptions(PLOT, []);
    expectTypeOf(options.title).toEqualTypeOf<string | undefined>();
    expectTypeOf(options.width).toEqualTypeOf<number>();
    expectTypeOf(options.scale).toEqualTypeOf<number | undefined>();
    expectTypeOf(options.legend).toEqualTypeOf<boolean>();
    expectTypeOf(options.palette).toEqualTypeOf<'light' | 'dark'>();
    expectTypeOf(options.series).toEqualTypeOf<string[]>();
    // tsc checks these lines: reading an undeclared option, or an option as another type, does not compile.
    // @ts-expect-error: plot declares no --height
    expect(options.height).toBeUndefined();
    // @ts-expect-error: --width is a number
    const width: string = options.width;
    expect(width).toBe(80);
  });

  it("types each command's options by its own table", () => {
    expectTypeOf<CommandInvocation<'search'>['options']['sampler']>().toEqualTypeOf<'gp-ehvi' | 'random' | 'sobol'>();
    expectTypeOf<CommandInvocation<'search'>['options']['trials']>().toEqualTypeOf<number>();
    expectTypeOf<CommandInvocation<'export'>['options']['format']>().toEqualTypeOf<'json' | 'csv' | 'svg' | 'html'>();
    expectTypeOf<CommandInvocation<'show'>['options']['study']>().toEqualTypeOf<string>();
    expectTypeOf<CommandInvocation<'studies copy'>['options']['study']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error: show declares no --trials
    expectTypeOf<CommandInvocation<'show'>['options']['trials']>().toBeNever();
  });

  it('names the option in a one-line error for a mistyped value', () => {
    expect(() => parseOptions(PLOT, ['--width', 'wide'])).toThrow(/^--width: expected an integer, got "wide"$/);
    expect(() => parseOptions(PLOT, ['--width', '4'])).toThrow(/^--width: expected an integer ≥ 10, got 4$/);
    expect(() => parseOptions(PLOT, ['--scale', '1e999'])).toThrow(/^--scale: expected a number, got "1e999"$/);
    expect(() => parseOptions(PLOT, ['--palette', 'drak'])).toThrow(/^--palette: expected light or dark, got "drak" \(did you mean dark\?\)$/);
    expect(() => parseOptions(PLOT, ['--legnd'])).toThrow(/^--legnd: unknown option of stopwise plot \(did you mean --legend\?\)/);
  });

  it('takes everything after -- as positionals', () => {
    expect(parseOptions(PLOT, ['--', '--legend']).positionals).toEqual(['--legend']);
  });

  it('builds the usage line from the table', () => {
    expect(usageLine(PLOT)).toBe('stopwise plot [FILE] [--title TEXT] [--width N] [--scale X] [--legend] [--palette light|dark] [--series NAME]');
    expect(usageLine(COMMANDS.seed)).toBe('stopwise seed --study NAME [--policy POLICY] [-o FILE] [--storage URL]');
  });
});
