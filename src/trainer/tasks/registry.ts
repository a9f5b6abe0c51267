import { InputError } from '../../errors.js';
import { addition } from './addition.js';
import { dates } from './dates.js';
import { jsonl } from './jsonl.js';
import { reverse } from './reverse.js';
import type { Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';

/** Every task a space file may name, by name. */
export const TASKS: Readonly<Record<string, TaskDefinition>> = { addition, reverse, dates, jsonl };

export const TASK_NAMES: readonly string[] = Object.keys(TASKS);

/**
 * Builds the task a spec names, with its examples in a deterministic order. Validates every field; throws
 * InputError `<source>: $.task.<field>: …` (or `<file>:<line>: …` for a bad JSONL line). Cost: the task's
 * generator or file read, O(examples).
 */
export async function createTask(spec: TaskSpec, context: TaskContext): Promise<Task> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InputError(`${context.source}: $.task: expected an object with a "name"`);
  }
  const name = spec.name;
  const definition = typeof name === 'string' && Object.hasOwn(TASKS, name) ? TASKS[name] : undefined;
  if (!definition) {
    throw new InputError(
      `${context.source}: $.task.name: unknown task ${JSON.stringify(name) ?? 'nothing'} (known: ${TASK_NAMES.join(', ')})`,
    );
  }
  return definition.create(spec, context);
}
