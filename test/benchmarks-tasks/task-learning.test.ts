import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCHMARK_TASKS, defaultRecipeFor, formatRow, parseTaskLearningArguments, summaryLine, type TaskLearningRow } from '../../benchmarks/task-learning.js';
import type { TrialResult } from '../../src/trainer/results.js';
import { trainingConfigFromParams } from '../../src/trainer/training-config.js';
import { createTask } from '../../src/trainer/tasks/index.js';

const result = (em: number): TrialResult => ({
  tokens: { mean: 4_000_000, se: 0 },
  em: { mean: em, se: 0.01 },
  folds: [],
  paramCount: 28_300,
  backend: 'tensorflow',
  seconds: 42,
  diverged: false,
});

describe('tasks benchmark', () => {
  it('reads its flags', () => {
    expect(parseTaskLearningArguments(['--tasks', 'dates,word-order', '--models', 'slot', '--tokens', '1000000', '--seed', '0'])).toEqual({
      tasks: ['dates', 'word-order'],
      models: ['slot'],
      budgetTokens: 1_000_000,
      seed: 0,
    });
    expect(() => parseTaskLearningArguments(['--tokens', '4M'])).toThrow(/--tokens: expected an integer/);
    expect(() => parseTaskLearningArguments(['--models'])).toThrow(/--models: expected a comma-separated list/);
    expect(() => parseTaskLearningArguments(['--budget', '5'])).toThrow(/unknown option --budget/);
  });

  it('trains the slot model with a recipe the trainer accepts, and calls an unknown model not available', () => {
    const slot = defaultRecipeFor('slot');
    expect(typeof slot).toBe('object');
    expect(slot).toMatchObject({ 'stopping.rule': 'none' });
    expect(() => trainingConfigFromParams(slot as Record<string, string>)).not.toThrow();
    expect(typeof defaultRecipeFor('no-such-model')).toBe('string');
  });

  it('prints a row per task and model, and counts content-alignment tasks learned to EM 0.9', () => {
    const rows: TaskLearningRow[] = [
      { task: 'dates', model: 'slot', result: result(0.97) },
      { task: 'word-order', model: 'slot', result: result(0.95) },
      { task: 'number-words', model: 'slot', result: result(0.41) },
      { task: 'word-order', model: 'transformer', problem: 'not available: unknown model' },
    ];
    expect(formatRow(rows[0])).toMatch(/^dates +slot +0\.970 ± 0\.010 +4\.00M +42 +28300$/);
    expect(formatRow(rows[3])).toMatch(/^word-order +transformer +not available: unknown model$/);
    expect(summaryLine('slot', rows)).toBe('tasks: slot EM ≥ 0.9 on 1 of 2 content-alignment tasks (word-order 0.950, number-words 0.410), dates EM 0.970');
    expect(summaryLine('transformer', rows)).toBe('tasks: transformer not available: unknown model');
  });

  it('names the dates EM of the built-in task and of its JSONL copy in the summary', () => {
    const rows: TaskLearningRow[] = [
      { task: 'dates', model: 'transformer', result: result(0.97) },
      { task: 'dates-jsonl', model: 'transformer', result: result(0.96) },
    ];
    expect(summaryLine('transformer', rows)).toBe('tasks: transformer dates EM 0.970, dates-jsonl EM 0.960');
  });

  it('reads the built-in dates examples back from a JSONL file as a user task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stopwise-dates-jsonl-'));
    try {
      const task = await BENCHMARK_TASKS.find((candidate) => candidate.name === 'dates-jsonl')!.load(dir, 1, 100);
      const builtIn = await createTask({ name: 'dates' }, { baseDir: '.', source: 'test' });
      expect(task.name).toBe('jsonl');
      expect(task.examples.map(({ input, target }) => [input, target])).toEqual(builtIn.examples.map(({ input, target }) => [input, target]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
