import { InputError } from '../errors.js';
import type { ObjectiveSpec } from '../space/types.js';

/** Checks a study's objectives: a non-empty list of {name, direction} with distinct names. Returns copies. */
export function validateObjectives(value: unknown, source = 'objectives'): ObjectiveSpec[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError(`${source}: expected a non-empty array of {"name", "direction"}`);
  }
  const seen = new Set<string>();
  return value.map((item, i) => {
    const where = `${source}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new InputError(`${where}: expected an object {"name", "direction"}`);
    }
    const { name, direction } = item as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') throw new InputError(`${where}.name: expected a non-empty string`);
    if (direction !== 'minimize' && direction !== 'maximize') {
      throw new InputError(`${where}.direction: expected "minimize" or "maximize"`);
    }
    if (seen.has(name)) throw new InputError(`${where}.name: duplicate objective "${name}"`);
    seen.add(name);
    return { name, direction };
  });
}

/** Checks a reference point: one finite number per objective. */
export function validateRefPoint(value: unknown, objectives: readonly ObjectiveSpec[], source = 'refPoint'): number[] {
  if (!Array.isArray(value) || value.length !== objectives.length || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new InputError(`${source}: expected ${objectives.length} finite numbers (one per objective: ${objectiveNames(objectives)})`);
  }
  return [...value];
}

/** Checks told values (or standard errors): one finite number per objective; standard errors also ≥ 0. */
export function validateObjectiveNumbers(
  value: unknown,
  objectives: readonly ObjectiveSpec[],
  source: string,
  kind: 'values' | 'stderr',
): number[] {
  if (!Array.isArray(value) || value.length !== objectives.length) {
    const got = Array.isArray(value) ? `${value.length}` : typeof value;
    throw new InputError(`${source}: expected ${objectives.length} ${kind} (${objectiveNames(objectives)}), got ${got}`);
  }
  value.forEach((v, j) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`${source}[${j}] (${objectives[j].name}): expected a finite number, got ${JSON.stringify(v) ?? String(v)}`);
    }
    if (kind === 'stderr' && v < 0) throw new InputError(`${source}[${j}] (${objectives[j].name}): a standard error cannot be negative`);
  });
  return [...(value as number[])];
}

function objectiveNames(objectives: readonly ObjectiveSpec[]): string {
  return objectives.map((objective) => objective.name).join(', ');
}
