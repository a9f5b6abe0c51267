import { describe, expect, it } from 'vitest';
import { createSampler } from '../../src/samplers/index.js';
import { compileSpace, hashSpace } from '../../src/space/index.js';
import type { SpaceDefinition } from '../../src/space/types.js';
import { openStorage } from '../../src/storage/index.js';
import { reserveAndAsk, type AskContext } from '../../src/study/ask-recipes.js';
import { runTrialLoop } from '../../src/study/trial-loop.js';
import type { TrialRecord } from '../../src/storage/records.js';

const SPACE: SpaceDefinition = { params: { x: { type: 'float', low: 0, high: 1 } } };
const OBJECTIVES = [{ name: 'f', direction: 'minimize' as const }];

async function study(): Promise<AskContext> {
  const storage = await openStorage('memory:');
  const record = await storage.createStudy({ name: 's', space: SPACE, spaceHash: hashSpace(SPACE), objectives: OBJECTIVES, sampler: 'random', seed: 1 });
  return { storage, record, space: compileSpace(SPACE), sampler: createSampler('random'), seed: 1 };
}

const timing = { staleAfterMs: 50, heartbeatMs: 10, pollMs: 5 };

describe('runTrialLoop', () => {
  it('runs to a target shared with other workers, waiting for their trials and asking a silent one`s recipe again', async () => {
    const context = await study();
    const { storage, record } = context;
    // A worker on another host asked a trial and then went silent.
    const [silent] = await reserveAndAsk(context, 1, { workerId: 'elsewhere:1' });
    const staled: TrialRecord[] = [];
    let waits = 0;
    const evaluated: TrialRecord[] = [];
    await runTrialLoop(
      context,
      { ...timing, workerId: 'here:1', target: 3, onStale: (trials) => staled.push(...trials), onWaiting: () => waits++ },
      async (trial) => {
        evaluated.push(trial);
        await storage.finishTrial(trial.id, { state: 'complete', values: [trial.params.x as number] });
      },
    );
    const trials = await storage.getTrials(record.id);
    expect(trials.filter((t) => t.state === 'complete')).toHaveLength(3);
    expect(trials.find((t) => t.number === silent.number)!.state).toBe('stale');
    expect(staled.map((t) => t.id)).toEqual([silent.id]);
    expect(waits).toBeGreaterThan(0);
    const retry = evaluated.find((t) => t.retryOf === silent.id)!;
    expect(retry.params).toEqual(silent.params);
  });

  it('starts at most `limit` trials, and a stop request ends it before the next reservation', async () => {
    const limited = await study();
    await runTrialLoop(limited, { ...timing, workerId: 'w', limit: 4, concurrency: 2 }, async (trial) => {
      await limited.storage.finishTrial(trial.id, { state: 'failed', error: 'x' });
    });
    expect(await limited.storage.getTrials(limited.record.id)).toHaveLength(4);

    const stopped = await study();
    const control = { stopRequested: false, paused: false };
    await runTrialLoop(stopped, { ...timing, workerId: 'w', target: 10, control }, async (trial) => {
      control.stopRequested = true;
      await stopped.storage.finishTrial(trial.id, { state: 'complete', values: [1] });
    });
    expect(await stopped.storage.getTrials(stopped.record.id)).toHaveLength(1);
  });

  it('rejects with the first error of a work once the running trials are done, starting no new trial', async () => {
    const context = await study();
    let calls = 0;
    const run = runTrialLoop(context, { ...timing, workerId: 'w', limit: 10, concurrency: 2 }, async (trial) => {
      const call = ++calls;
      await context.storage.finishTrial(trial.id, { state: 'failed', error: 'boom' });
      if (call === 1) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect((await context.storage.getTrials(context.record.id)).length).toBeLessThanOrEqual(2);
  });
});
