import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli, TINY_SPACE } from '../helpers/cli.js';
import { timeoutFor, tinySearchWork, type Work } from '../helpers/timeouts.js';
import { killTmuxServer, searchStderr, startSearchSession, tmux, waitForPane } from '../helpers/tmux.js';

// Ctrl-C in the terminal UI (raw mode: it arrives as a key, not as SIGINT) and SIGINT under --json.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-interrupt-'));
afterAll(() => {
  killTmuxServer();
  rmSync(dir, { recursive: true, force: true });
});

/** Reading a study back (`show --json`): one CLI start, no training. */
const SHOW: Work = { trainings: 0, tokens: 0, starts: 1 };
/** Up to the first complete trial. */
const FIRST_TRIAL = tinySearchWork(1);
/** After a stop: the running trial, and confirming a front of the few trials done by then. */
const WIND_DOWN: Work = { ...tinySearchWork(3), starts: 0 };
/** Quitting at once: no training, only the exit. */
const QUIT: Work = { trainings: 0, tokens: 0 };

const startSearch = (name: string, db: string): string => startSearchSession({ name: `interrupt-${name}`, columns: 100, rows: 30, db, trials: 200, seed: 3 });

async function trialStates(db: string): Promise<string[]> {
  const shown = await runCli(['show', '--study', 'tiny', '--storage', `sqlite:${db}`, '--json'], { timeoutMs: timeoutFor(SHOW) });
  return (JSON.parse(shown.stdout) as { trials: { state: string }[] }).trials.map((trial) => trial.state);
}

const someTrialDone = (screen: string): boolean => /[1-9]\d*\/200 trials/.test(screen);

describe('interrupting a search', () => {
  it('Ctrl-C in the terminal UI stops as q does: the running trial finishes, the search exits 0', { timeout: timeoutFor(FIRST_TRIAL, WIND_DOWN, SHOW) }, async () => {
    const db = join(dir, 'once.db');
    const session = startSearch('once', db);
    await waitForPane(session, someTrialDone, timeoutFor(FIRST_TRIAL));
    tmux('send-keys', '-t', session, 'C-c');
    await waitForPane(session, (screen) => screen.includes('press Ctrl-C again to quit now') || /EXITED \d+/.test(screen), timeoutFor(WIND_DOWN));
    const ended = await waitForPane(session, (screen) => /EXITED \d+/.test(screen), timeoutFor(WIND_DOWN));
    expect(ended, searchStderr(db)).toMatch(/EXITED 0/);
    const states = await trialStates(db);
    expect(states).not.toContain('running');
    expect(states.filter((state) => state === 'complete').length).toBeLessThan(200);
  });

  it('a second Ctrl-C quits at once: exit 130, the running trial abandoned (stale), nothing left running', { timeout: timeoutFor(FIRST_TRIAL, QUIT, QUIT, SHOW) }, async () => {
    const db = join(dir, 'twice.db');
    const session = startSearch('twice', db);
    await waitForPane(session, someTrialDone, timeoutFor(FIRST_TRIAL));
    tmux('send-keys', '-t', session, 'C-c');
    await waitForPane(session, (screen) => screen.includes('press Ctrl-C again to quit now'), timeoutFor(QUIT));
    tmux('send-keys', '-t', session, 'C-c');
    const ended = await waitForPane(session, (screen) => /EXITED \d+/.test(screen), timeoutFor(QUIT));
    expect(ended, searchStderr(db)).toMatch(/EXITED 130/);
    expect(await trialStates(db)).not.toContain('running');
  });

  it('--json ends with a "done" event marked interrupted when SIGINT arrives', { timeout: timeoutFor(FIRST_TRIAL, WIND_DOWN) }, async () => {
    const db = join(dir, 'json.db');
    const child = startCli(['search', TINY_SPACE, '--storage', `sqlite:${db}`, '--trials', '200', '--seed', '4', '--json']);
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        if ((JSON.parse(line) as { event: string }).event === 'trial') {
          child.kill('SIGINT');
          resolve();
        }
      });
    });
    expect(await exited).toBe(130);
    const last = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    expect(last).toMatchObject({ event: 'done', interrupted: true, target: 200 });
    expect(last.complete).toBeGreaterThanOrEqual(1);
  });
});
