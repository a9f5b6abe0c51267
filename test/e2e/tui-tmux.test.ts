import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatEm, formatTokens } from '../../src/search/format.js';
import { runCli, TINY_SPACE } from '../helpers/cli.js';
import { timeoutFor, tinySearchWork, type Work } from '../helpers/timeouts.js';
import { killTmuxServer, searchStderr, startSearchSession, tmux, waitForPane } from '../helpers/tmux.js';

// The terminal UI in a real pseudo-terminal: tmux (Debian's, installed by .ci/run) runs a short real search, on a
// tmux server of this file's own.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-tui-'));
afterAll(() => {
  killTmuxServer();
  rmSync(dir, { recursive: true, force: true });
});

/** Reading a study back (`show --json`): one CLI start, no training. */
const SHOW: Work = { trainings: 0, tokens: 0, starts: 1 };

const startSearch = (name: string, columns: number, rows: number, db: string, trials: number, seed = 2): string =>
  startSearchSession({ name, columns, rows, db, trials, seed });

interface FrontRow {
  label: string;
  tokens: string;
  em: string;
}

/** The front as `show --json` has it, formatted as the terminal UI's front table prints it. */
async function shownFront(storage: string): Promise<FrontRow[]> {
  const shown = await runCli(['show', '--study', 'tiny', '--storage', storage, '--json'], { timeoutMs: timeoutFor(SHOW) });
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

  // `q` arrives after the first trial or so: the search then finishes its running trial and confirms its front, and
  // the resumed run trains one trial more. The limits assume at most EARLY trials complete before `q` is seen.
  const EARLY = 3;
  const quitWork: Work[] = [tinySearchWork(1), { ...tinySearchWork(EARLY), starts: 0 }, SHOW, tinySearchWork(EARLY + 1)];
  it('at 80×24 shows progress, tokens, EM and the front; q stops, saves, and the study resumes', { timeout: timeoutFor(...quitWork) }, async () => {
    const db = join(dir, 'tui80.db');
    // Far more trials than it will run: `q` must arrive while the search is still going.
    const session = startSearch('80', 80, 24, db, 200);
    const screens: string[] = [];
    const live = await waitForPane(
      session,
      (screen) => {
        screens.push(screen);
        return /\d+\/200 trials/.test(screen) && /front \([1-9]\d*\)/.test(screen);
      },
      timeoutFor(quitWork[0]),
    );
    expect(live).toContain('stopwise · study tiny');
    expect(live).toMatch(/\d+\/200 trials · ETA/);
    expect(live).toMatch(/±/);
    expect(live).toMatch(/tokens/);
    expect(live).toMatch(/EM/);
    for (const screen of screens) assertClean(screen, 80);

    tmux('send-keys', '-t', session, 'q');
    const ended = await waitForPane(session, (screen) => /EXITED \d+/.test(screen), timeoutFor(quitWork[1]));
    expect(ended, searchStderr(db)).toMatch(/EXITED 0/);
    expect(ended).toMatch(/stopped with \d+\/200 complete trials saved; run the same command to resume/);
    expect(ended).not.toMatch(/stopping after the running trials finish/);

    const shown = JSON.parse((await runCli(['show', '--study', 'tiny', '--storage', `sqlite:${db}`, '--json'], { timeoutMs: timeoutFor(SHOW) })).stdout) as {
      trials: { state: string }[];
    };
    const complete = shown.trials.filter((t) => t.state === 'complete').length;
    expect(complete).toBeGreaterThanOrEqual(1);
    expect(complete).toBeLessThan(200);
    expect(shown.trials.filter((t) => t.state === 'running')).toHaveLength(0);
    const resumed = await runCli(['search', TINY_SPACE, '--storage', `sqlite:${db}`, '--trials', String(complete + 1), '--seed', '2', '--no-tui'], {
      timeoutMs: timeoutFor(tinySearchWork(complete + 1)),
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`resumed, ${complete} complete`));
  });

  const resumeWork: Work[] = [tinySearchWork(4), SHOW, tinySearchWork(5), SHOW];
  it('a resumed study shows the stored front at once, and at the end the same front as show --json', { timeout: timeoutFor(...resumeWork) }, async () => {
    const db = join(dir, 'resume.db');
    const storage = `sqlite:${db}`;
    const first = await runCli(['search', TINY_SPACE, '--storage', storage, '--trials', '4', '--seed', '3', '--no-tui'], { timeoutMs: timeoutFor(resumeWork[0]) });
    expect(first.status, first.stderr).toBe(0);
    const before = await shownFront(storage);
    expect(before.length).toBeGreaterThan(0);

    const session = startSearch('resume', 120, 40, db, 5, 3);
    // The first screen that shows the study: no new trial has finished yet (4/5), so its front is the stored one.
    const opened = await waitForPane(session, (screen) => /4\/5 trials/.test(screen) && wholeFrame(screen), timeoutFor(resumeWork[2]));
    expect(opened).toContain('resumed study tiny with 4 complete trials');
    expect(frontOnScreen(opened)).toEqual(before);

    const ended = await waitForPane(session, (screen) => /EXITED \d+/.test(screen) && wholeFrame(screen), timeoutFor(resumeWork[2]));
    expect(ended, searchStderr(db)).toMatch(/EXITED 0/);
    expect(ended).toMatch(/5\/5 trials/);
    expect(frontOnScreen(ended)).toEqual(await shownFront(storage));
  });

  it('at 160×48 draws without garbled frames to the end', { timeout: timeoutFor(tinySearchWork(3)) }, async () => {
    const db = join(dir, 'tui160.db');
    const session = startSearch('160', 160, 48, db, 3);
    const screens: string[] = [];
    const ended = await waitForPane(
      session,
      (screen) => {
        screens.push(screen);
        return /EXITED \d+/.test(screen);
      },
      timeoutFor(tinySearchWork(3)),
    );
    expect(ended, searchStderr(db)).toMatch(/EXITED 0/);
    expect(screens.some((s) => /front \([1-9]/.test(s))).toBe(true);
    for (const screen of screens) assertClean(screen, 160);
  });
});
