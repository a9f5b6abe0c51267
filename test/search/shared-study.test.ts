import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openSharedStudy } from '../../src/search/shared-study.js';
import { openStorage } from '../../src/storage/index.js';
import { createStudy } from '../../src/study/index.js';
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
      await expect(openSharedStudy({ storage, name: 's', space, objectives: [objectives[0]] })).rejects.toThrow(/different space, objectives or samplerOptions/);
    } finally {
      await storage.close();
    }
  });
}

/** A deterministic objective with a front along x, for comparing the recipes two samplers choose. */
function bowl(params: Record<string, unknown>): number[] {
  const x = Number(params.x);
  const y = Number(params.y);
  return [x + (y - 0.3) ** 2, 1 - x + (y - 0.6) ** 2];
}

describe('shared study sampler settings', () => {
  const settings = { ehviSdScale: 3 };

  it('runs gp-ehvi with the given samplerOptions: the same recipes as createStudy with them, not the defaults', async () => {
    const recipes = async (samplerOptions?: { ehviSdScale: number }) => {
      const storage = await openStorage(`sqlite:${join(dir, `settings-${counter++}.db`)}`);
      try {
        const study = await openSharedStudy({ storage, name: 's', space, objectives, seed: 5, samplerOptions });
        await study.optimize(bowl, { trials: 9 });
        return (await study.trials()).map((t) => t.params);
      } finally {
        await storage.close();
      }
    };
    const reference = await createStudy({ space, objectives, seed: 5, samplerOptions: settings });
    await reference.optimize(bowl, { trials: 9 });
    const expected = (await reference.trials()).map((t) => t.params);

    const tempered = await recipes(settings);
    const plain = await recipes();
    expect(tempered).toEqual(expected);
    // The initial design is the same; the model's suggestions after it differ.
    expect(plain.slice(0, 5)).toEqual(tempered.slice(0, 5));
    expect(plain.slice(5)).not.toEqual(tempered.slice(5));
  });

  it('treats the settings as part of the study: workers must agree, and bad settings are refused', async () => {
    const storage = await openStorage(`sqlite:${join(dir, `settings-${counter++}.db`)}`);
    try {
      await openSharedStudy({ storage, name: 's', space, objectives, samplerOptions: settings });
      await expect(openSharedStudy({ storage, name: 's', space, objectives, samplerOptions: settings })).resolves.toBeDefined();
      await expect(openSharedStudy({ storage, name: 's', space, objectives })).rejects.toThrow(/samplerOptions/);
      await expect(
        openSharedStudy({ storage, name: 't', space, objectives, samplerOptions: { ehviSdScale: -1 } }),
      ).rejects.toThrow(/ehviSdScale/);
      await expect(
        openSharedStudy({ storage, name: 'u', space, objectives, sampler: 'random', samplerOptions: settings }),
      ).rejects.toThrow(/only the gp-ehvi sampler/);
      expect((await storage.listStudies()).map((s) => s.name)).toEqual(['s']);
    } finally {
      await storage.close();
    }
  });
});

let counter = 0;
describe('shared study on SQLite', () => sharedStudyTests(() => `sqlite:${join(dir, `shared-${counter++}.db`)}`));
describePostgres('shared study on PostgreSQL', () => sharedStudyTests(() => freshPostgresUrl('shared')));
