/**
 * A separate process for the multi-process storage tests (run with `node --import tsx`). URL is a `--storage`
 * value (SQLite or PostgreSQL):
 *
 *   work   URL STUDY TARGET WORKER [replay]
 *                                  reserve → params → one fold → complete until the target is reached;
 *                                  prints `done N` (trials this process finished). With `replay`, trials whose
 *                                  number is 2 mod 3 are pruned instead, and each complete one is followed by two
 *                                  replayed trials scored on it (params x of the source, replay 1 and 2).
 *   churn  URL STUDY               the same without a target, forever, with long curves (a kill lands mid-write);
 *                                  prints `committed ID` after each finishTrial returns
 *   create URL STUDY               opens URL (maybe new) and tries to create STUDY; prints `created` or `exists`
 *
 * `work` and `create` first print `ready` and wait for a line on stdin, so that the test can start several
 * processes together (process start-up takes longer than their work).
 *   hold   PATH                    (SQLite only) opens a raw write transaction, writes enough rows to spill pages into the WAL,
 *                                  prints `holding` and waits to be killed
 */
import Database from 'better-sqlite3';
import { InputError } from '../../src/errors.js';
import { openStorage } from '../../src/storage/index.js';
import type { FoldResult } from '../../src/storage/records.js';

const [mode, url, study, third, fourth, fifth] = process.argv.slice(2);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForLine(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('data', () => {
      process.stdin.pause();
      resolve();
    });
  });
}

function fold(trialNumber: number, points: number): FoldResult {
  return {
    fold: 0,
    tokens: 1000 + trialNumber,
    em: (trialNumber % 10) / 10,
    heldOutSize: 100,
    stopReason: 'budget',
    diverged: false,
    curve: Array.from({ length: points }, (_, i) => ({ tokens: 100 * (i + 1), devEm: i / points, devLoss: 1 / (i + 1) })),
    seconds: 0.01,
  };
}

async function work(target: number, workerId: string, replay: boolean): Promise<void> {
  const storage = await openStorage(url);
  const record = await storage.getStudy(study);
  if (record === null) throw new Error(`no study ${study}`);
  let done = 0;
  for (;;) {
    const trial = await storage.reserveTrial(record.id, { workerId, target });
    if (trial === null) break;
    if (trial.params === null) await storage.setTrialParams(trial.id, { x: trial.number, worker: workerId });
    await sleep(Math.random() * 5); // "training": lets the workers' transactions interleave
    await storage.saveFold(trial.id, fold(trial.number, 20));
    await storage.heartbeat(trial.id);
    if (replay && trial.number % 3 === 2) {
      if (await storage.finishTrial(trial.id, { state: 'pruned' })) done++;
      continue;
    }
    if (!(await storage.finishTrial(trial.id, { state: 'complete', values: [1000 + trial.number, 0.5] }))) continue;
    done++;
    if (replay) {
      await storage.addReplayedTrials(
        record.id,
        [1, 2].map((k) => ({
          params: { x: trial.number, replay: k },
          values: [1000 + trial.number - k, 0.5],
          stderr: [1, 0.01],
          result: {
            tokens: { mean: 1000 + trial.number - k, se: 1 },
            em: { mean: 0.5, se: 0.01 },
            folds: [fold(trial.number, 3)],
            paramCount: 1,
            backend: 'cpu',
            seconds: 0,
            diverged: false,
          },
          replayedFrom: trial.number,
        })),
      );
    }
  }
  await storage.close();
  console.log(`done ${done}`);
}

async function churn(): Promise<void> {
  const storage = await openStorage(url);
  const record = (await storage.getStudy(study))!;
  for (;;) {
    const trial = (await storage.reserveTrial(record.id, { workerId: `churn-${process.pid}` }))!;
    await storage.setTrialParams(trial.id, { x: trial.number });
    await storage.saveFold(trial.id, fold(trial.number, 5000));
    await storage.finishTrial(trial.id, { state: 'complete', values: [1000 + trial.number, 0.5] });
    console.log(`committed ${trial.id}`);
  }
}

async function create(): Promise<void> {
  const storage = await openStorage(url);
  try {
    await storage.createStudy({
      name: study,
      space: {},
      spaceHash: 'h',
      objectives: [{ name: 'f', direction: 'minimize' }],
      sampler: 'random',
      seed: 0,
    });
    console.log('created');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.log('exists');
  }
  await storage.close();
}

function hold(): void {
  const raw = new Database(url, { timeout: 30_000 });
  raw.pragma('cache_size = 10'); // a tiny page cache forces dirty pages out to the WAL before the commit
  raw.exec('BEGIN IMMEDIATE');
  const insert = raw.prepare(`
    INSERT INTO trials (study_id, number, state, params, created_at, updated_at, heartbeat_at, update_seq)
    VALUES (?, ?, 'running', ?, 0, 0, 0, 0)`);
  const studyId = (raw.prepare('SELECT id FROM studies LIMIT 1').get() as { id: number }).id;
  for (let i = 0; i < 2000; i++) insert.run(studyId, 100_000 + i, JSON.stringify({ padding: 'x'.repeat(500) }));
  console.log('holding');
  setInterval(() => {}, 1000);
}

switch (mode) {
  case 'work':
    console.log('ready');
    await waitForLine();
    await work(Number(third), fourth, fifth === 'replay');
    break;
  case 'churn':
    await churn();
    break;
  case 'create':
    console.log('ready');
    await waitForLine();
    await create();
    break;
  case 'hold':
    hold();
    break;
  default:
    console.error(`unknown mode ${mode}`);
    process.exit(2);
}
