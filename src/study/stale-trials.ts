import type { Storage } from '../storage/types.js';
import type { TrialRecord } from '../storage/records.js';
import { isWorkerKnownDead } from './worker-identity.js';

/**
 * Running trials of dead workers (same host: pid gone; elsewhere: heartbeat older than `staleAfterMs`) become
 * stale, so that the next reservation asks their recipes again. Returns the trials marked, in number order.
 */
export async function requeueDeadWorkers(storage: Storage, studyId: number, staleAfterMs: number): Promise<TrialRecord[]> {
  const running = await storage.getTrials(studyId, { states: ['running'] });
  const dead = running.filter((t) => isWorkerKnownDead(t.workerId));
  const staled: TrialRecord[] = [];
  for (const trial of dead) {
    if (await storage.markTrialStale(trial.id)) staled.push({ ...trial, state: 'stale' });
  }
  staled.push(...(await storage.markStale(studyId, staleAfterMs)));
  return staled;
}
