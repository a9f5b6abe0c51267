import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { searchSettings } from '../../../../src/cli/commands/search/context.js';
import { workerArgs } from '../../../../src/cli/commands/search/worker-pool-flow.js';
import type { CommandIo } from '../../../../src/cli/io.js';
import { parseCommandLine } from '../../../../src/cli/parse-args.js';
import { loadSearchSpaceFile } from '../../../../src/search/check-space-file.js';
import { TINY_SPACE } from '../../../helpers/cli.js';

const { file } = await loadSearchSpaceFile(TINY_SPACE);

function terminal(env: NodeJS.ProcessEnv = {}, isTTY = true): CommandIo {
  return { stdin: new PassThrough(), stdout: Object.assign(new PassThrough(), { isTTY }), stderr: new PassThrough(), cwd: '/home/user', env };
}

function settingsFor(args: string[], io: CommandIo = terminal()) {
  const parsed = parseCommandLine(['search', ...args]);
  if (parsed.command !== 'search') throw new Error(`parsed as ${parsed.command}`);
  return searchSettings(parsed.options, 'spaces/tiny.json', file, io);
}

describe('searchSettings', () => {
  it("takes the space's replay block unless --no-replay, and --time-limit in minutes", () => {
    const replay = { gridEvery: 3000, maxPerRun: 4, racing: true };
    const withBlock = { ...file, replay };
    const settings = (args: string[]) => {
      const parsed = parseCommandLine(['search', ...args]);
      if (parsed.command !== 'search') throw new Error(`parsed as ${parsed.command}`);
      return searchSettings(parsed.options, 'spaces/tiny.json', withBlock, terminal());
    };
    expect(settings([])).toMatchObject({ replay, noReplay: false, timeLimitMinutes: undefined });
    expect(settings(['--no-replay', '--time-limit', '2.5'])).toMatchObject({ replay: null, noReplay: true, timeLimitMinutes: 2.5 });
    expect(settingsFor([]).replay).toBeNull();
    expect(() => settings(['--time-limit', '0'])).toThrow('--time-limit: must be a positive number of minutes, got 0');
    // Each worker of a pool searches the same way: without replay, and starting no trial after the limit.
    const args = workerArgs(settings(['--no-replay', '--time-limit', '2.5', '--workers', '2']), 'sqlite:x.db');
    expect(args.slice(-3)).toEqual(['--no-replay', '--time-limit', '2.5']);
    expect(workerArgs(settings([]), 'sqlite:x.db')).not.toContain('--no-replay');
  });

  it("takes the study name and seed from the space file unless given, and keeps the space's absolute path", () => {
    const defaults = settingsFor([]);
    expect(defaults.studyName).toBe(file.name);
    expect(defaults.seed).toBe(file.seed ?? 0);
    expect(defaults.meta).toEqual({ spacePath: '/home/user/spaces/tiny.json' });
    const given = settingsFor(['--study', 'mine', '--seed', '9', '--workers', '3', '--no-confirm', '--test-fraction', '0.3']);
    expect(given).toMatchObject({ studyName: 'mine', seed: 9, workers: 3, confirm: false, requestedTestFraction: 0.3 });
  });

  it('draws the terminal UI only on a terminal, outside CI, without --json or --no-tui', () => {
    expect(settingsFor([]).useTui).toBe(true);
    expect(settingsFor(['--json']).useTui).toBe(false);
    expect(settingsFor(['--no-tui']).useTui).toBe(false);
    expect(settingsFor([], terminal({}, false)).useTui).toBe(false);
    expect(settingsFor([], terminal({ CI: 'true' })).useTui).toBe(false);
    expect(settingsFor([], terminal({ CI: 'false' })).useTui).toBe(true);
  });

  it('refuses a study name with control characters', () => {
    expect(() => settingsFor(['--study', 'a\u001b[2Jb'])).toThrow(/^--study: must not contain control characters/);
  });
});
