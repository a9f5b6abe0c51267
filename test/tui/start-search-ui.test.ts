import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CommandIo } from '../../src/cli/io.js';
import { createKeyActions, startSearchUi } from '../../src/tui/start-search-ui.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { UI_WAIT } from '../helpers/timeouts.js';
import { opened, result } from './fixtures.js';

/** A terminal for the UI; `rawMode` follows the UI's calls (ink leaves raw mode when the app exits). */
function fakeIo(): { io: CommandIo; terminal: { rawMode: boolean } } {
  const terminal = { rawMode: false };
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  stdout.resume();
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: (on: boolean) => ((terminal.rawMode = on), stdin),
    ref: () => stdin,
    unref: () => stdin,
  });
  return { io: { stdin, stdout, stderr: new PassThrough(), cwd: '/tmp', env: {} } as unknown as CommandIo, terminal };
}

describe('startSearchUi', () => {
  it('finish() returns even when the app already exited by itself at the end of the search', async () => {
    const { io, terminal } = fakeIo();
    const ui = startSearchUi({ io, control: { stopRequested: false, paused: false }, storage: {} as Storage, studyName: 'default', onQuitNow: () => {} });
    ui.listener(opened(1));
    await vi.waitFor(() => expect(terminal.rawMode).toBe(true), UI_WAIT);
    ui.listener({ type: 'done', complete: 1, target: 1, interrupted: false });
    // The app has exited by itself (it left raw mode) before anyone waits for it.
    await vi.waitFor(() => expect(terminal.rawMode).toBe(false), UI_WAIT);
    // A finish() that waited for an exit already past would hang until the test's time limit.
    await expect(ui.finish()).resolves.toBeUndefined();
  });
});

describe('the s key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stopwise-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the chosen recipe by the trial number the screens show (#N), as the config file does', async () => {
    const storage = await openStorage('sqlite::memory:');
    try {
      const objectives = [{ name: 'tokens', direction: 'minimize' as const }, { name: 'em', direction: 'maximize' as const }];
      const study = await storage.createStudy({ name: 'keys', space: {}, spaceHash: 'h', objectives, sampler: 'random', seed: 0 });
      const measured: [number, number][] = [[100_000, 0.3], [200_000, 0.85], [400_000, 0.9], [800_000, 0.91]];
      for (const [i, [tokens, em]] of measured.entries()) {
        const trial = (await storage.reserveTrial(study.id, { workerId: 'test' }))!;
        await storage.setTrialParams(trial.id, { 'stopping.rule': 'none', learningRate: 0.001 * (i + 1) });
        await storage.finishTrial(trial.id, { state: 'complete', values: [tokens, em], stderr: [0, 0.01], result: result(tokens, em) });
      }
      const message = await createKeyActions(storage, 'keys', dir).seedProductionConfig();
      const config = JSON.parse(readFileSync(join(dir, 'keys-production.json'), 'utf8')) as { provenance: { trialNumber: number }; recipe: { params: unknown } };
      expect(message).toBe(`wrote keys-production.json (knee: trial #${config.provenance.trialNumber})`);
      const stored = (await storage.getTrials(study.id)).find((t) => t.number === config.provenance.trialNumber)!;
      expect(stored.params).toEqual(config.recipe.params);
      // The knee of these four is the second trial created: number 1 (its storage id is 2).
      expect(config.provenance.trialNumber).toBe(1);
      expect(stored.id).not.toBe(stored.number);
    } finally {
      await storage.close();
    }
  });
});
