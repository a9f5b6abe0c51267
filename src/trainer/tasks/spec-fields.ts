import { InputError } from '../../errors.js';
import type { TaskContext, TaskSpec } from './types.js';

/** JSON path of a task field in a space file, for messages: `space.json: $.task.digits`. */
export function taskField(context: TaskContext, field: string): string {
  return `${context.source}: $.task.${field}`;
}

/** Throws InputError for spec fields the task does not know (a typo would otherwise be silently ignored). */
export function rejectUnknownFields(spec: TaskSpec, known: Record<string, string>, context: TaskContext): void {
  for (const key of Object.keys(spec)) {
    if (key !== 'name' && !(key in known)) {
      throw new InputError(
        `${taskField(context, key)}: unknown field of task "${spec.name}" (known: ${Object.keys(known).join(', ')})`,
      );
    }
  }
}

/** An integer field in [min, max], or `fallback` when absent. Throws InputError naming the field. */
export function integerField(
  spec: TaskSpec,
  field: string,
  bounds: { min: number; max: number; fallback: number },
  context: TaskContext,
): number {
  const value = spec[field];
  if (value === undefined) return bounds.fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new InputError(
      `${taskField(context, field)}: expected an integer from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A non-empty string field, or `fallback` when absent (required when `fallback` is undefined). */
export function stringField(spec: TaskSpec, field: string, fallback: string | undefined, context: TaskContext): string {
  const value = spec[field];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`${taskField(context, field)}: expected a non-empty string, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}
