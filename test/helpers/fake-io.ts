import { PassThrough } from 'node:stream';
import type { CommandIo } from '../../src/cli/io.js';

/** A CommandIo whose streams are collected into strings, for running CLI actions in the test process. */
export function fakeIo(cwd: string, env: NodeJS.ProcessEnv = {}): CommandIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return { stdin: new PassThrough(), stdout, stderr, cwd, env, out: () => out, err: () => err };
}
