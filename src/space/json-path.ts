import { InputError } from '../errors.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** JSONPath of an object member: `$.params.lr`, or `$.params["stopping.rule"]` when the key is not a plain name. */
export function memberPath(parent: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** JSONPath of an array element: `$.objectives[1]`. */
export function elementPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Throws the one-line InputError every space problem becomes: `<source>: <JSON path>: <what is wrong>`. */
export function failAt(source: string, path: string, what: string): never {
  throw new InputError(`${source}: ${path}: ${oneLine(what)}`);
}

/** Collapses line breaks (e.g. from a library's message) so that an error stays one line on stderr. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A value as it appears in a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
