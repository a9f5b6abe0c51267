import { execFileSync } from 'node:child_process';
import { sleep } from './cli.js';

/** Runs tmux with `args`; returns its stdout. */
export function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
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
