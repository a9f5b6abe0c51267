import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { TASK_NAMES, createTask } from '../../../src/trainer/tasks/index.js';

describe('createTask', () => {
  it('names $.task.name and the known tasks for an unknown task', async () => {
    const error = await createTask({ name: 'additon' }, { baseDir: '.', source: 'space.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'space.json: $.task.name: unknown task "additon" (known: addition, reverse, dates, jsonl)',
    );
  });

  it('offers addition, reverse, dates and jsonl', () => {
    expect([...TASK_NAMES].sort()).toEqual(['addition', 'dates', 'jsonl', 'reverse']);
  });
});
