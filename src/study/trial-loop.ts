/**
 * The one optimize loop over a stored study: reserve a trial (atomic across processes), ask its recipe, evaluate
 * it while a heartbeat keeps it alive, tell the result. `Study.optimize` (the library), `openSharedStudy(…).optimize`
 * and the `search` command (the trainer as the evaluation) all run it.
 */
import { reserveAndAsk, type AskContext, type AskedTrial } from './ask-recipes.js';
import { requeueDeadWorkers } from './stale-trials.js';
import type { TrialRecord } from '../storage/records.js';

/** Heartbeat, staleness and polling of a loop that is not told otherwise. */
export const DEFAULT_LOOP_TIMING = { staleAfterMs: 120_000, heartbeatMs: 5_000, pollMs: 200 } as const;

export interface TrialLoopOptions {
  /** Recorded as each trial's worker; `host:pid` lets a process on the same host see that it died. */
  readonly workerId: string;
  /**
   * Reserve only while the study's complete + running trials (of every worker) are fewer than this; once none
   * can be reserved, wait for the running ones of other workers, taking over those of workers that died.
   */
  readonly target?: number;
  /** Start at most this many trials in this loop. */
  readonly limit?: number;
  /** Trials evaluated at once in this loop (each ask treats the running ones as pending). Default 1. */
  readonly concurrency?: number;
  /** A running trial whose heartbeat is older than this is stale. */
  readonly staleAfterMs: number;
  readonly heartbeatMs: number;
  /** How long to wait between polls while other workers finish the last trials, or while paused. */
  readonly pollMs: number;
  /** Read before each reservation: `stopRequested` ends the loop, `paused` waits. */
  readonly control?: { readonly stopRequested: boolean; readonly paused: boolean };
  onStale?(trials: TrialRecord[]): void;
  onWaiting?(running: number): void;
}

/**
 * Evaluates one asked trial and tells its result (or its failure) to the storage. Throwing ends the loop: no new
 * trial starts, and the loop rejects with that error once the other running trials are done.
 */
export type TrialWork = (trial: AskedTrial) => Promise<void>;

/** Runs the loop until the target is reached, the limit is started, a stop is requested or a work throws. */
export async function runTrialLoop(study: AskContext, options: TrialLoopOptions, work: TrialWork): Promise<void> {
  const { storage, record } = study;
  const concurrency = options.concurrency ?? 1;
  const staleNow = async () => {
    const staled = await requeueDeadWorkers(storage, record.id, options.staleAfterMs);
    if (staled.length > 0) options.onStale?.(staled);
  };
  let started = 0;
  let firstError: { error: unknown } | null = null;

  const worker = async (): Promise<void> => {
    while (firstError === null && !options.control?.stopRequested && (options.limit === undefined || started < options.limit)) {
      if (options.control?.paused) {
        await sleep(options.pollMs);
        continue;
      }
      started++;
      try {
        const [trial] = await reserveAndAsk(study, 1, { workerId: options.workerId, target: options.target });
        if (trial !== undefined) {
          await withHeartbeat(study, trial, options.heartbeatMs, () => work(trial));
          continue;
        }
        started--;
        const running = (await storage.getTrials(record.id, { states: ['running'] })).length;
        if (running === 0) return;
        // Other workers hold the last slots: wait for them, and take over the slots of any that died.
        options.onWaiting?.(running);
        await sleep(options.pollMs);
        await staleNow();
      } catch (error) {
        firstError ??= { error };
      }
    }
  };

  await staleNow();
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (firstError !== null) throw (firstError as { error: unknown }).error;
}

async function withHeartbeat(study: AskContext, trial: AskedTrial, heartbeatMs: number, run: () => Promise<void>): Promise<void> {
  const heartbeat = setInterval(() => {
    study.storage.heartbeat(trial.id).catch(() => {});
  }, heartbeatMs);
  heartbeat.unref();
  try {
    await run();
  } finally {
    clearInterval(heartbeat);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
