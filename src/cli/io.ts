import type { Readable, Writable } from 'node:stream';

/** What a command action may touch of the outside world; tests pass fakes. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CommandIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Writes text and resolves once it is flushed (so a command can exit right after). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
