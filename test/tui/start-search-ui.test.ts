import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/io.js';
import { startSearchUi } from '../../src/tui/start-search-ui.js';
import type { Storage } from '../../src/storage/index.js';
import { opened } from './fixtures.js';

function fakeIo(): CommandIo {
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  stdout.resume();
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  return { stdin, stdout, stderr: new PassThrough(), cwd: '/tmp', env: {} } as unknown as CommandIo;
}

describe('startSearchUi', () => {
  it('finish() returns even when the app already exited by itself at the end of the search', async () => {
    const ui = startSearchUi({ io: fakeIo(), control: { stopRequested: false, paused: false }, storage: {} as Storage, studyName: 'default', onQuitNow: () => {} });
    ui.listener(opened(1));
    ui.listener({ type: 'done', complete: 1, target: 1, interrupted: false });
    // Let React process 'done' and the app call exit() before anyone waits for it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const outcome = await Promise.race([ui.finish().then(() => 'finished'), new Promise((resolve) => setTimeout(() => resolve('hung'), 3000))]);
    expect(outcome).toBe('finished');
  });
});
