import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProductionConfig } from '../../src/export/index.js';
import { openStorage } from '../../src/storage/index.js';
import { foldJobs, encodedTaskOf } from '../../src/trainer/cross-validate.js';
import { DEFAULT_TRAINING } from '../../src/trainer/defaults.js';
import { tokensOf } from '../../src/trainer/encoded-task.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import { runCli } from '../helpers/cli.js';
import { cliRuns, timeoutFor } from '../helpers/timeouts.js';


const dir = mkdtempSync(join(tmpdir(), 'stopwise-derived-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Derived values that depend on a sampled parameter, and differ from every trainer default (evalEvery 20000,
// batch 256), so a recipe that lost them would train visibly differently.
const task = { name: 'addition', digits: 2, examples: 400, seed: 3 };
const space = {
  name: 'derived',
  task,
  folds: 2,
  seed: 4,
  budget: { maxTokensPerRun: 12_000 },
  objectives: [
    { name: 'tokens', direction: 'minimize' },
    { name: 'em', direction: 'maximize' },
  ],
  params: {
    learningRate: { type: 'float', low: 0.003, high: 0.02, log: true },
    width: { type: 'categorical', choices: [16, 32] },
    'stopping.rule': { type: 'categorical', choices: ['none'] },
  },
  derived: { 'stopping.evalEvery': 'width * 100', batchSize: 'width / 2' },
};

describe('a recipe is formed once: derived values are stored, trained with and written to production configs', () => {
  // Two trials of two folds at 12k tokens, no confirmation; then seed.
  const searchWork = { trainings: 2 * 2, tokens: 12_000, starts: 1 };
  it('seed writes the evalEvery and batch size that training used', { timeout: timeoutFor(searchWork, cliRuns(1)) }, async () => {
    const spacePath = join(dir, 'derived.json');
    writeFileSync(spacePath, JSON.stringify(space));
    const storage = `sqlite:${join(dir, 'derived.db')}`;
    const searched = await runCli(['search', spacePath, '--storage', storage, '--trials', '2', '--no-tui', '--no-confirm'], { timeoutMs: timeoutFor(searchWork) });
    expect(searched.stderr.split('\n').filter((line) => line.startsWith('stopwise:'))).toEqual([]);
    expect(searched.status).toBe(0);
    const configPath = join(dir, 'production.json');
    const seeded = await runCli(['seed', '--study', 'derived', '--storage', storage, '--policy', 'knee', '-o', configPath]);
    expect(seeded.status).toBe(0);
    const config = await loadProductionConfig(configPath);
    const width = config.recipe.hyperparameters.width as number;
    expect(config.recipe.stopping.evalEvery).toBe(width * 100);
    expect(config.recipe.hyperparameters.batchSize).toBe(width / 2);
    // Hyperparameters the space leaves out are written with the trainer's defaults that training used.
    expect(config.recipe.hyperparameters).toMatchObject({ depth: DEFAULT_TRAINING.depth, optimizer: DEFAULT_TRAINING.optimizer });

    // What training ran with, read back from the stored curves: dev evaluation i (from 0) comes at the first batch
    // boundary at or past (i + 1) x evalEvery training tokens (at most 8 tokens an example on this task), after i + 1
    // dev reads.
    const opened = await openStorage(storage);
    const study = (await opened.getStudy('derived'))!;
    const trial = (await opened.getTrials(study.id)).find((t) => t.number === config.provenance.trialNumber)!;
    expect(trial.params).toEqual(config.recipe.params);
    const folds = await opened.getFolds(trial.id);
    await opened.close();
    const created = await createTask(task, { baseDir: dir, source: 'test' });
    const { encoded } = encodedTaskOf(created);
    const jobs = foldJobs({ task: created, folds: 2, seed: 4, testFraction: 0.2, budgetTokens: 12_000, params: config.recipe.params });
    for (const fold of folds) {
      const devTokens = tokensOf(encoded.exampleTokens, jobs[fold.fold].split.devIdx);
      expect(fold.curve.length).toBeGreaterThan(2);
      fold.curve.forEach((point, i) => {
        const trainingTokens = point.tokens - (i + 1) * devTokens;
        expect(trainingTokens).toBeGreaterThanOrEqual((i + 1) * config.recipe.stopping.evalEvery);
        expect(trainingTokens).toBeLessThan((i + 1) * config.recipe.stopping.evalEvery + 8 * (config.recipe.hyperparameters.batchSize as number));
      });
    }
  });
});
