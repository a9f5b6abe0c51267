/**
 * Time limits that scale with the work a test does, so that a loaded machine makes tests slower, not failed.
 *
 * The budget per token is about three times what one training took on this project's 2-core machine at load 20
 * (a 2-trial search of tiny.json: 7 trainings of 24k tokens in 67 s of wall time, 0.3 ms a token after start-up),
 * and each process that loads tsx and TensorFlow (a CLI run, a fold process) gets its own allowance. A time limit is a
 * deadline for a hang, never a measurement: no test passes or fails by being a little faster or slower.
 */
const MS_PER_TOKEN = 1;
const MS_PER_START = 30_000;
const FLOOR_MS = 60_000;

export interface Work {
  /** Models trained, one after another in the worst case. */
  trainings: number;
  /** Tokens each training may use (its budget). */
  tokens: number;
  /** Processes started (CLI runs, fold processes), each loading tsx or TensorFlow. */
  starts?: number;
}

/**
 * Milliseconds a test (or a wait inside one) may take for the pieces of work it does one after another: a floor,
 * plus each piece's start-ups and its budget per token.
 */
export function timeoutFor(...pieces: Work[]): number {
  return pieces.reduce((sum, work) => sum + (work.starts ?? 0) * MS_PER_START + work.trainings * work.tokens * MS_PER_TOKEN, FLOOR_MS);
}

/** Folds per trial, confirmation seeds per front recipe and tokens per run of test/fixtures/search/tiny.json. */
const TINY = { folds: 2, confirmations: 3, tokens: 24_000 };

/**
 * The work of `stopwise search tiny.json` training `trials` trials over `runs` CLI runs: every trial's folds, and
 * unless `confirm` is false (`--no-confirm`, or a run killed before its end) the confirmation of the front at the
 * end of each run (at most every trial is on it).
 */
export function tinySearchWork(trials: number, options: { runs?: number; confirm?: boolean } = {}): Work {
  const runs = options.runs ?? 1;
  const confirmations = options.confirm === false ? 0 : runs * trials * TINY.confirmations;
  return { trainings: trials * TINY.folds + confirmations, tokens: TINY.tokens, starts: runs };
}

/** `count` CLI runs that train nothing (show, export, seed, refused input). */
export function cliRuns(count: number): Work {
  return { trainings: 0, tokens: 0, starts: count };
}

/**
 * `vi.waitFor` options for a rendered frame or a key's effect: they come within milliseconds on an idle machine;
 * the deadline (vi.waitFor's own default is 1 s) is for one that never comes, not for a slow one.
 */
export const UI_WAIT = { timeout: 30_000, interval: 20 };
