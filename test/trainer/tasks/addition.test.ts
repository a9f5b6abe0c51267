import { describe, expect, it } from 'vitest';
import { createTask } from '../../../src/trainer/tasks/index.js';

const context = { baseDir: '.', source: 'space.json' };

describe('addition task', () => {
  it('asks for sums of two operands of exactly `digits` digits and targets their decimal sum', async () => {
    const task = await createTask({ name: 'addition', digits: 3, examples: 500, seed: 1 }, context);
    expect(task.examples).toHaveLength(500);
    for (const { input, target } of task.examples) {
      const match = /^(\d{3})\+(\d{3})$/.exec(input);
      expect(match).not.toBeNull();
      const [a, b] = [Number(match![1]), Number(match![2])];
      expect(a).toBeGreaterThanOrEqual(100);
      expect(b).toBeGreaterThanOrEqual(100);
      expect(target).toBe(String(a + b));
    }
  });

  it('draws distinct examples, the same for the same seed and different for another', async () => {
    const spec = { name: 'addition', digits: 2, examples: 300 };
    const first = await createTask({ ...spec, seed: 5 }, context);
    const again = await createTask({ ...spec, seed: 5 }, context);
    const other = await createTask({ ...spec, seed: 6 }, context);
    expect(new Set(first.examples.map((e) => e.input)).size).toBe(300);
    expect(again.examples).toEqual(first.examples);
    expect(other.examples).not.toEqual(first.examples);
  });

  it('rejects bad fields with the JSON path of the field', async () => {
    await expect(createTask({ name: 'addition', digits: 0 }, context)).rejects.toThrow(
      /^space\.json: \$\.task\.digits: expected an integer from 1 to 9, got 0$/,
    );
    await expect(createTask({ name: 'addition', digits: 1, examples: 80 }, context)).rejects.toThrow(
      /\$\.task\.examples: at most 50 distinct examples/,
    );
    await expect(createTask({ name: 'addition', digit: 3 }, context)).rejects.toThrow(
      /\$\.task\.digit: unknown field of task "addition" \(known: digits, examples, seed\)/,
    );
  });
});
