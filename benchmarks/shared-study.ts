/**
 * Scale-out benchmark: wall time of 1 worker against 3 workers on one stored study, through the library API
 * (`openSharedStudy`), with a sleep-bound objective (each evaluation waits SLEEP_MS, as a remote training job
 * would). The bar: 3 workers take ≤ 0.45 × the time of one. Each worker has its own storage connection, as it
 * would on its own machine; the three run in this process, so the sampler's asks share one CPU core here.
 *
 *   npm run bench -- shared-study [--storage URL] [--trials N] [--sleep MS] [--sampler gp-ehvi|random|sobol]
 *
 * The storage defaults to STOPWISE_TEST_POSTGRES when set, else a temporary SQLite file. Each run uses a new
 * study name, so a shared database is only added to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSharedStudy } from '../src/search/shared-study.js';
import type { SamplerName } from '../src/samplers/index.js';
import type { ObjectiveSpec, Params, SpaceDefinition } from '../src/space/types.js';
import { openStorage } from '../src/storage/index.js';

const { values } = parseArgs({
  options: {
    storage: { type: 'string' },
    trials: { type: 'string', default: '24' },
    sleep: { type: 'string', default: '250' },
    sampler: { type: 'string', default: 'gp-ehvi' },
  },
});
const trials = Number(values.trials);
const sleepMs = Number(values.sleep);
const sampler = values.sampler as SamplerName;
const scratch = mkdtempSync(join(tmpdir(), 'stopwise-bench-shared-'));
const storageUrl = values.storage ?? process.env.STOPWISE_TEST_POSTGRES ?? `sqlite:${join(scratch, 'bench.db')}`;

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

async function objective(params: Params): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, sleepMs));
  const x = Number(params.x);
  return [x, 1 - Math.sqrt(x) + Number(params.y)];
}

/** Seconds for `workers` workers to finish `trials` trials of a new study. */
async function timeWorkers(workers: number, name: string): Promise<number> {
  const storages = await Promise.all(Array.from({ length: workers }, () => openStorage(storageUrl)));
  try {
    const started = performance.now();
    await Promise.all(
      storages.map(async (storage, i) => {
        const study = await openSharedStudy({ storage, name, space, objectives, sampler, seed: 1, workerId: `bench-${i}` });
        await study.optimize(objective, { trials });
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await Promise.all(storages.map((storage) => storage.close()));
  }
}

try {
  const stamp = Date.now().toString(36);
  const storageShown = (await openStorage(storageUrl).then(async (s) => (await s.close(), s.url)));
  console.log(`shared-study: ${trials} trials, objective sleeps ${sleepMs} ms, sampler ${sampler}, storage ${storageShown}`);
  const one = await timeWorkers(1, `bench-1-${stamp}`);
  const three = await timeWorkers(3, `bench-3-${stamp}`);
  console.log(`workers  wall time`);
  console.log(`      1  ${one.toFixed(2)} s`);
  console.log(`      3  ${three.toFixed(2)} s`);
  const ratio = three / one;
  console.log(`shared-study: 3 workers take ${ratio.toFixed(2)} x the time of 1 (bar: <= 0.45) ${ratio <= 0.45 ? 'PASS' : 'FAIL'}`);
  process.exitCode = ratio <= 0.45 ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
