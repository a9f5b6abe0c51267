import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTask } from '../../../src/trainer/tasks/index.js';
import { timeExamples } from '../../../src/trainer/tasks/sample-times.js';

const dataDir = fileURLToPath(new URL('../../../search-spaces/', import.meta.url));

describe('shipped sample task search-spaces/data/times.jsonl', () => {
  it('is what its generator writes, and loads as a jsonl task of 24-hour times', async () => {
    const text = readFileSync(`${dataDir}data/times.jsonl`, 'utf8');
    expect(text).toBe(`${timeExamples(800, 11).map((e) => JSON.stringify(e)).join('\n')}\n`);
    const task = await createTask({ name: 'jsonl', path: 'data/times.jsonl' }, { baseDir: dataDir, source: 'space.json' });
    expect(task.examples).toHaveLength(800);
    for (const { target } of task.examples) expect(target).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
  });

  it('converts the spoken forms correctly', () => {
    const byInput = new Map(timeExamples(800, 11).map((e) => [e.input, e.target]));
    const checks: [string, string][] = [...byInput].filter(([input]) => /quarter|half|noon|midnight|o'clock/.test(input));
    expect(checks.length).toBeGreaterThan(10);
    for (const [input, target] of checks) {
      if (input === 'noon') expect(target).toBe('12:00');
      if (input.startsWith('half past')) expect(target.endsWith(':30')).toBe(true);
      if (input.startsWith('quarter to')) expect(target.endsWith(':45')).toBe(true);
      if (input.startsWith('quarter past')) expect(target.endsWith(':15')).toBe(true);
    }
  });
});
