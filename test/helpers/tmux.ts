import { execFileSync } from 'node:child_process';
import { sleep } from './cli.js';

/**
 * A tmux server of this test process's own (`tmux -L`): other users of the machine's default server cannot end
 * its sessions, and ending it (`tmux('kill-server')`) touches no one else's.
 */
export const TMUX_SOCKET = `stopwise-test-${process.pid}`;

/** Runs tmux with `args` on this process's server; returns its stdout. */
export function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', TMUX_SOCKET, ...args], { encoding: 'utf8' });
}

/** The visible text of a session's pane. */
export function capturePane(session: string): string {
  return tmux('capture-pane', '-p', '-t', session);
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
  throw new Error(`timed out; last screen:\n${screen}`);
}
