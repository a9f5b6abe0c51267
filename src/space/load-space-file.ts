import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readSpaceFile } from './parse-space-file.js';
import type { CompiledSpace, SpaceFile } from './types.js';

export interface LoadedSpaceFile {
  file: SpaceFile;
  space: CompiledSpace;
  /** The path as given (it names the file in messages). */
  path: string;
  /** Absolute directory of the file: a task's data file is named relative to it. */
  baseDir: string;
}

/**
 * Reads, validates and compiles a search-space file — the only part of src/space that touches the file system.
 * Throws InputError `<path>: file not found` (or another one-line read or validation error).
 */
export async function loadSpaceFile(path: string): Promise<LoadedSpaceFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: file not found`);
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a search-space file`);
    throw new InputError(`${path}: cannot read the file (${code ?? (error as Error).message})`);
  }
  const { file, space } = readSpaceFile(decodeUtf8(bytes, path), path);
  return { file, space, path, baseDir: dirname(resolve(path)) };
}

/** The file's text; InputError at the first byte that is not UTF-8 (decoding would replace it silently). */
function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = bytes.toString('utf8');
    const bad = text.indexOf('\ufffd');
    const offset = Buffer.byteLength(text.slice(0, Math.max(bad, 0)));
    throw new InputError(`${path}: not UTF-8 text (invalid byte sequence at byte ${offset}); save the file as UTF-8`);
  }
}
