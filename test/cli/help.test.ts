import { describe, expect, it } from 'vitest';
import { COMMANDS, topLevelNames, type CommandName } from '../../src/cli/command-table.js';
import { commandHelp, overviewHelp } from '../../src/cli/help.js';
import { main } from '../../src/cli/main.js';
import { SAMPLER_NAMES } from '../../src/samplers/index.js';
import { BACKEND_PREFERENCE } from '../../src/trainer/backend.js';
import { fakeIo } from '../helpers/fake-io.js';

const names = Object.keys(COMMANDS) as CommandName[];

describe('help', () => {
  it('lists every command in the overview, and every declared option with its description in the command help', () => {
    const overview = overviewHelp();
    for (const name of topLevelNames()) expect(overview).toContain(`  ${name}`);
    for (const name of names) {
      const help = commandHelp(name);
      expect(help).toContain(`usage: stopwise ${name}`);
      for (const [option, spec] of Object.entries(COMMANDS[name].options)) {
        expect(help, `${name} --${option}`).toMatch(new RegExp(`--${option}\\b.*  ${spec.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
    }
  });

  it('shows choices from the registries and defaults from the table', () => {
    const search = commandHelp('search');
    const lineOf = (flag: string) => search.split('\n').find((line) => line.trimStart().startsWith(flag)) ?? '';
    expect(lineOf('--sampler')).toMatch(new RegExp(`^  --sampler NAME\\s+how trials are proposed \\(.*; default ${SAMPLER_NAMES[0]}\\)$`));
    for (const sampler of SAMPLER_NAMES) expect(lineOf('--sampler')).toContain(sampler);
    for (const backend of ['auto', ...BACKEND_PREFERENCE]) expect(lineOf('--backend')).toContain(backend);
    expect(search).toMatch(/--trials N\s+trained trials wanted in total \(replayed trials come on top\) \(default 20\)/);
    expect(search).toMatch(/--storage URL\s+.*\(default sqlite:stopwise\.db\)/);
    expect(commandHelp('studies')).toContain('stopwise studies copy: copy studies');
  });

  it('names every option of a command in its usage line', () => {
    for (const name of names) {
      const spec = COMMANDS[name];
      const usage = /usage: (.*)/.exec(commandHelp(name))![1];
      for (const [option, declared] of Object.entries(spec.options)) {
        const flag = 'short' in declared && declared.short ? new RegExp(`-${declared.short} `) : new RegExp(`--${option}\\b`);
        expect(usage, `${name} --${option}`).toMatch(flag);
      }
    }
  });

  it('documents every op of the stdio protocol in serve --help', () => {
    const help = commandHelp('serve');
    for (const op of ['create', 'ask', 'tell', 'front']) expect(help).toContain(`{"op":"${op}"`);
    for (const field of ['"space"', '"objectives"', '"seed"', '"sampler"', '"refPoint"', '"n"', '"id"', '"values"', '"stderr"', '"state"', '"hypervolume"']) {
      expect(help).toContain(field);
    }
    expect(help).toMatch(/blank line/);
    expect(help).toMatch(/\{"ok":false,"error"/);
  });

  it('prints help for `stopwise --help`, `stopwise COMMAND --help` and `stopwise help COMMAND`, exit 0', async () => {
    for (const [argv, expected] of [
      [['--help'], overviewHelp()],
      [['search', '--help'], commandHelp('search')],
      [['help', 'studies', 'copy'], commandHelp('studies copy')],
    ] as const) {
      const io = fakeIo(process.cwd());
      expect(await main(argv, io)).toBe(0);
      expect(io.out()).toBe(expected);
      expect(io.err()).toBe('');
    }
  });
});
