import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatEm, formatTokens } from '../../src/search/format.js';
import { CLI, ROOT, runCli, sleep, TINY_SPACE } from '../helpers/cli.js';

// Real processes (training, browsers, terminals) on a shared 2-core machine: generous per-test limits.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// The terminal UI in a real pseudo-terminal: tmux (Debian's, installed by .ci/run) runs a short real search.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-tui-'));
const sessions: string[] = [];
afterAll(() => {
  for (const session of sessions) spawnSync('tmux', ['kill-session', '-t', session]);
  rmSync(dir, { recursive: true, force: true });
});

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function capture(session: string): string {
  return tmux('capture-pane', '-p', '-t', session);
}

async function waitFor(session: string, predicate: (screen: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = capture(session);
    if (predicate(screen)) return screen;
    await sleep(250);
  }
  throw new Error(`timed out; last screen:\n${screen}`);
}

function startSearch(name: string, columns: number, rows: number, db: string, trials: number, seed = 2): string {
  const session = `stopwise-${name}-${process.pid}`;
  sessions.push(session);
  // CI=true (as .ci/run sets it) makes ink draw only the last frame and stopwise choose line output: unset it.
  const command = `cd ${ROOT} && env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} search ${TINY_SPACE} --storage sqlite:${db} --trials ${trials} --seed ${seed} 2>${db}.stderr; echo "EXITED $?"; sleep 120`;
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
  return session;
}

function stderrOf(db: string): string {
  try {
    return `search stderr:\n${readFileSync(`${db}.stderr`, 'utf8')}`;
  } catch {
    return 'no stderr file';
  }
}

interface FrontRow {
  label: string;
  tokens: string;
  em: string;
}

/** The front as `show --json` has it, formatted as the terminal UI's front table prints it. */
async function shownFront(storage: string): Promise<FrontRow[]> {
  const shown = await runCli(['show', '--study', 'tiny', '--storage', storage, '--json']);
  expect(shown.status, shown.stderr).toBe(0);
  const { trials } = JSON.parse(shown.stdout) as {
    trials: { number: number; onFront: boolean; values: { tokens: { mean: number; se: number }; em: { mean: number; se: number } } | null }[];
  };
  return trials
    .filter((t) => t.onFront)
    .sort((a, b) => a.values!.tokens.mean - b.values!.tokens.mean || b.values!.em.mean - a.values!.em.mean || a.number - b.number)
    .map((t) => ({
      label: `#${t.number}`,
      tokens: `${formatTokens(t.values!.tokens.mean)}±${formatTokens(t.values!.tokens.se)}`,
      em: `${formatEm(t.values!.em.mean)}±${formatEm(t.values!.em.se)}`,
    }));
}

function frontRows(screen: string): FrontRow[] {
  return [...screen.matchAll(/(#\d+) +(\S+±\S+) +(\d\.\d{3}±\d\.\d{3})/g)].map((m) => ({ label: m[1], tokens: m[2], em: m[3] }));
}

/** A screen captured after a whole frame was drawn: the keys line at its foot, as many front rows as its title says. */
function wholeFrame(screen: string): boolean {
  const title = /front \((\d+)\)/.exec(screen);
  return title !== null && /keys: q stop/.test(screen) && frontRows(screen).length === Number(title[1]);
}

/** The rows of the front table on a screen, checked against the count in its title. */
function frontOnScreen(screen: string): FrontRow[] {
  const rows = frontRows(screen);
  expect(rows).toHaveLength(Number(/front \((\d+)\)/.exec(screen)?.[1]));
  return rows;
}

/** A frame is garbled when a redraw left parts of an older frame behind: the live block appears twice. */
function assertClean(screen: string, columns: number): void {
  const lines = screen.split('\n');
  expect(lines.filter((l) => l.startsWith('stopwise · study tiny')).length).toBeLessThanOrEqual(1);
  expect(lines.filter((l) => l.startsWith('keys: q stop')).length).toBeLessThanOrEqual(1);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
}

describe('terminal UI in tmux', () => {
  it('tmux is installed', () => {
    expect(spawnSync('tmux', ['-V']).status, 'apt-get install tmux').toBe(0);
  });

  // One retry: a rare failure on a loaded CI machine (seen once, not reproduced in 8 runs) is under investigation;
  // the search's stderr is kept next to its database and shown when an exit code is wrong.
  it('at 80×24 shows progress, tokens, EM and the front; q stops, saves, and the study resumes', { retry: 1 }, async () => {
    const db = join(dir, 'tui80.db');
    // Far more trials than it will run: `q` must arrive while the search is still going.
    const session = startSearch('80', 80, 24, db, 200);
    const screens: string[] = [];
    const live = await waitFor(
      session,
      (screen) => {
        screens.push(screen);
        return /\d+\/200 trials/.test(screen) && /front \([1-9]\d*\)/.test(screen);
      },
      180_000,
    );
    expect(live).toContain('stopwise · study tiny');
    expect(live).toMatch(/\d+\/200 trials · ETA/);
    expect(live).toMatch(/±/);
    expect(live).toMatch(/tokens/);
    expect(live).toMatch(/EM/);
    for (const screen of screens) assertClean(screen, 80);

    tmux('send-keys', '-t', session, 'q');
    const ended = await waitFor(session, (screen) => /EXITED \d+/.test(screen), 120_000);
    expect(ended, stderrOf(db)).toMatch(/EXITED 0/);
    expect(ended).toMatch(/stopped with \d+\/200 complete trials saved; run the same command to resume/);
    expect(ended).not.toMatch(/stopping after the running trials finish/);

    const shown = JSON.parse((await runCli(['show', '--study', 'tiny', '--storage', `sqlite:${db}`, '--json'])).stdout) as { trials: { state: string }[] };
    const complete = shown.trials.filter((t) => t.state === 'complete').length;
    expect(complete).toBeGreaterThanOrEqual(1);
    expect(complete).toBeLessThan(200);
    expect(shown.trials.filter((t) => t.state === 'running')).toHaveLength(0);
    const resumed = await runCli(['search', TINY_SPACE, '--storage', `sqlite:${db}`, '--trials', String(complete + 1), '--seed', '2', '--no-tui']);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`resumed, ${complete} complete`));
  });

  it('a resumed study shows the stored front at once, and at the end the same front as show --json', async () => {
    const db = join(dir, 'resume.db');
    const storage = `sqlite:${db}`;
    const first = await runCli(['search', TINY_SPACE, '--storage', storage, '--trials', '4', '--seed', '3', '--no-tui']);
    expect(first.status, first.stderr).toBe(0);
    const before = await shownFront(storage);
    expect(before.length).toBeGreaterThan(0);

    const session = startSearch('resume', 120, 40, db, 5, 3);
    // The first screen that shows the study: no new trial has finished yet (4/5), so its front is the stored one.
    const opened = await waitFor(session, (screen) => /4\/5 trials/.test(screen) && wholeFrame(screen), 180_000);
    expect(opened).toContain('resumed study tiny with 4 complete trials');
    expect(frontOnScreen(opened)).toEqual(before);

    const ended = await waitFor(session, (screen) => /EXITED \d+/.test(screen) && wholeFrame(screen), 180_000);
    expect(ended, stderrOf(db)).toMatch(/EXITED 0/);
    expect(ended).toMatch(/5\/5 trials/);
    expect(frontOnScreen(ended)).toEqual(await shownFront(storage));
  });

  it('at 160×48 draws without garbled frames to the end', { retry: 1 }, async () => {
    const db = join(dir, 'tui160.db');
    const session = startSearch('160', 160, 48, db, 3);
    const screens: string[] = [];
    const ended = await waitFor(
      session,
      (screen) => {
        screens.push(screen);
        return /EXITED \d+/.test(screen);
      },
      180_000,
    );
    expect(ended, stderrOf(db)).toMatch(/EXITED 0/);
    expect(screens.some((s) => /front \([1-9]/.test(s))).toBe(true);
    for (const screen of screens) assertClean(screen, 160);
  });
});
