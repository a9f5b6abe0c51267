import { describe, expect, it } from 'vitest';
import { createTask } from '../../../src/trainer/tasks/index.js';

const context = { baseDir: '.', source: 'space.json' };

describe('reverse task', () => {
  it('targets the input reversed, with lengths and characters as specified', async () => {
    const task = await createTask({ name: 'reverse', minLength: 2, maxLength: 5, alphabet: 'xyz', examples: 150, seed: 3 }, context);
    expect(task.examples).toHaveLength(150);
    for (const { input, target } of task.examples) {
      expect(input.length).toBeGreaterThanOrEqual(2);
      expect(input.length).toBeLessThanOrEqual(5);
      expect(input).toMatch(/^[xyz]+$/);
      expect(target).toBe([...input].reverse().join(''));
    }
    const again = await createTask({ name: 'reverse', minLength: 2, maxLength: 5, alphabet: 'xyz', examples: 150, seed: 3 }, context);
    expect(again.examples).toEqual(task.examples);
  });

  it('rejects maxLength below minLength and repeated alphabet characters', async () => {
    await expect(createTask({ name: 'reverse', minLength: 5, maxLength: 3 }, context)).rejects.toThrow(
      /\$\.task\.maxLength: must be ≥ minLength \(5\), got 3/,
    );
    await expect(createTask({ name: 'reverse', alphabet: 'aab' }, context)).rejects.toThrow(/\$\.task\.alphabet/);
  });
});
