import { didYouMean } from './closest-name.js';
import { failAt, memberPath, show } from './json-path.js';

/** A plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an object, or InputError at `path`. */
export function expectObject(value: unknown, source: string, path: string, what = 'an object'): Record<string, unknown> {
  if (!isPlainObject(value)) failAt(source, path, `must be ${what}, not ${typeName(value)}`);
  return value;
}

/** InputError at the first key of `object` not in `allowed` (a typo must not pass silently), with a hint. */
export function rejectUnknownKeys(
  object: Record<string, unknown>,
  allowed: readonly string[],
  source: string,
  path: string,
  hint = `allowed keys: ${allowed.join(', ')}`,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) failAt(source, memberPath(path, key), `unknown key${didYouMean(key, allowed) || ` (${hint})`}`);
  }
}

/** InputError at `path.key` if the required key is absent. */
export function requireKey(object: Record<string, unknown>, key: string, source: string, path: string, what: string): unknown {
  if (!Object.hasOwn(object, key) || object[key] === undefined) failAt(source, memberPath(path, key), `is required (${what})`);
  return object[key];
}

/** A finite number, or InputError. */
export function expectNumber(value: unknown, source: string, path: string, what = 'a number'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) failAt(source, path, `must be ${what}, not ${typeName(value)}`);
  return value;
}

/** A non-empty string, or InputError. */
export function expectText(value: unknown, source: string, path: string, what = 'a non-empty string'): string {
  if (typeof value !== 'string' || value.trim() === '') failAt(source, path, `must be ${what}, not ${typeName(value)}`);
  return value;
}

/** How a value is named in messages: `the string "x"`, `the number 3`, `an array`, `null`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${show(value)}`;
}
