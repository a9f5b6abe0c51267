import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openSharedStudy } from '../../src/search/shared-study.js';
import { openStorage } from '../../src/storage/index.js';
import type { ObjectiveSpec, SpaceDefinition } from '../../src/space/types.js';
import { describePostgres, freshPostgresUrl } from '../helpers/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'stopwise-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const space: SpaceDefinition = {
  params: {
    x: { type: 'float', low: 0, high: 1 },
    y: { type: 'float', low: 0, high: 1 },
  },
};
const objectives: ObjectiveSpec[] = [
  { name: 'f1', direction: 'minimize' },
  { name: 'f2', direction: 'minimize' },
];

/** A sleep-bound objective: the time is spent waiting, as for a remote training job. */
async function slowObjective(params: Record<string, unknown>): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  const x = Number(params.x);
  const y = Number(params.y);
  return [x, 1 - Math.sqrt(x) + y];
}

function sharedStudyTests(freshUrl: () => string): void {
  it('three workers, each with its own connection, finish exactly the target together, no trial twice', async () => {
    const url = freshUrl();
    const storages = await Promise.all([0, 1, 2].map(() => openStorage(url)));
    try {
      const studies = await Promise.all(
        storages.map((storage, i) => openSharedStudy({ storage, name: 'shared', space, objectives, sampler: 'random', seed: 3, workerId: `w${i}` })),
      );
      const completed = await Promise.all(studies.map((study) => study.optimize(slowObjective, { trials: 15 })));
      expect(completed.reduce((a, b) => a + b, 0)).toBe(15);
      expect(completed.filter((n) => n > 0).length).toBeGreaterThan(1);
      const trials = await studies[0].trials();
      expect(trials.map((t) => t.state)).toEqual(Array(15).fill('complete'));
      expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 15 }, (_, i) => i));
      expect(new Set(trials.map((t) => JSON.stringify(t.params))).size).toBe(15);
      // A later call with a larger target resumes the same study.
      expect(await studies[1].optimize(slowObjective, { trials: 17 })).toBe(2);
    } finally {
      await Promise.all(storages.map((storage) => storage.close()));
    }
  });

  it('asks a dead worker’s recipe again, and refuses a study from another space', async () => {
    const storage = await openStorage(freshUrl());
    try {
      const study = await openSharedStudy({ storage, name: 's', space, objectives, sampler: 'random', staleAfterMs: 1 });
      const abandoned = (await storage.reserveTrial(study.record.id, { workerId: 'other-host:1' }))!;
      await storage.setTrialParams(abandoned.id, { x: 0.25, y: 0.5 });
      expect(await study.optimize(slowObjective, { trials: 2 })).toBe(2);
      const trials = await study.trials();
      expect(trials.find((t) => t.retryOf === abandoned.id)).toMatchObject({ state: 'complete', params: { x: 0.25, y: 0.5 } });

      const other = openSharedStudy({ storage, name: 's', space: { params: { x: space.params.x } }, objectives });
      await expect(other).rejects.toBeInstanceOf(InputError);
      await expect(openSharedStudy({ storage, name: 's', space, objectives: [objectives[0]] })).rejects.toThrow(/different space or objectives/);
    } finally {
      await storage.close();
    }
  });
}

let counter = 0;
describe('shared study on SQLite', () => sharedStudyTests(() => `sqlite:${join(dir, `shared-${counter++}.db`)}`));
describePostgres('shared study on PostgreSQL', () => sharedStudyTests(() => freshPostgresUrl('shared')));
