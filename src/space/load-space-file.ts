import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readSpaceFile } from './parse-space-file.js';
import type { CompiledSpace, SpaceFile } from './types.js';

/** Largest space file read: a hand-written space with its largest possible parameter set is far smaller. */
export const MAX_SPACE_FILE_BYTES = 8 * 1024 * 1024;

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
  if (bytes.length > MAX_SPACE_FILE_BYTES) {
    throw new InputError(`${path}: ${bytes.length} bytes is too large for a search-space file (at most ${MAX_SPACE_FILE_BYTES})`);
  }
  const { file, space } = readSpaceFile(bytes.toString('utf8'), path, { replacedBytes: !isUtf8(bytes) });
  return { file, space, path, baseDir: dirname(resolve(path)) };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
