import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { onTestFailed } from 'vitest';
import { CLI, ROOT, sleep, TINY_SPACE } from './cli.js';

/**
 * A tmux server of this test file's own (`tmux -L`): other users of the machine's default server and other test
 * files cannot end its sessions, and ending it (`killTmuxServer`) touches no one else's.
 */
export const TMUX_SOCKET = `stopwise-test-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Runs tmux with `args` on this file's server; returns its stdout. */
export function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', TMUX_SOCKET, ...args], { encoding: 'utf8' });
}

/** Ends this file's tmux server and every session on it (nothing when it is not running). */
export function killTmuxServer(): void {
  spawnSync('tmux', ['-L', TMUX_SOCKET, 'kill-server']);
}

/** Starts `command` in a detached session of `columns` × `rows` on this file's server. */
export function startSession(session: string, columns: number, rows: number, command: string): void {
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
}

/** The visible text of a session's pane. */
export function capturePane(session: string): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** The pane with its scrollback, for a failure report; a note instead when the session is gone. */
export function paneReport(session: string): string {
  const captured = spawnSync('tmux', ['-L', TMUX_SOCKET, 'capture-pane', '-p', '-S', '-', '-t', session], { encoding: 'utf8' });
  return captured.status === 0 ? `pane of ${session}:\n${captured.stdout}` : `pane of ${session}: ${captured.stderr.trim()}`;
}

/** Polls the pane until `predicate` holds (returns that screen) or `timeoutMs` passes (throws with the last one). */
export async function waitForPane(session: string, predicate: (screen: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = capturePane(session);
    if (predicate(screen)) return screen;
    await sleep(250);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s; last screen:\n${screen}`);
}

/**
 * Starts `stopwise search` on test/fixtures/search/tiny.json in a new tmux session of the given size, as a user would
 * at a terminal: CI unset (under CI=true ink draws only the last frame and stopwise prints lines instead), stderr
 * kept in `DB.stderr`, and `EXITED <code>` printed when it ends. On a failing test, the pane (with its scrollback)
 * and that stderr go to the test's output. Returns the session name.
 */
export function startSearchSession(options: { name: string; columns: number; rows: number; db: string; trials: number; seed: number }): string {
  const { name, columns, rows, db, trials, seed } = options;
  const session = `stopwise-${name}`;
  const command = `cd ${ROOT} && env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} search ${TINY_SPACE} --storage sqlite:${db} --trials ${trials} --seed ${seed} 2>${db}.stderr; echo "EXITED $?"; sleep 600`;
  startSession(session, columns, rows, command);
  onTestFailed(() => console.error(`${paneReport(session)}\n${searchStderr(db)}`));
  return session;
}

/** What the search of `startSearchSession` printed on stderr, labelled, for failure messages. */
export function searchStderr(db: string): string {
  try {
    return `search stderr:\n${readFileSync(`${db}.stderr`, 'utf8')}`;
  } catch {
    return 'no stderr file';
  }
}
