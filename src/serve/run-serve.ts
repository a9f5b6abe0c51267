import type { Readable, Writable } from 'node:stream';
import { createServeSession, handleLine } from './protocol.js';
import { readProtocolLines } from './read-lines.js';

export interface ServeStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
}

/**
 * Serves the stdio protocol until `stdin` ends: every line (ended by "\n" or "\r\n"; a bare "\r" does not end a
 * line), blank ones included, gets exactly one response line, in order, so that a client sending one request and
 * reading one reply never waits forever. Resolves once the last response is flushed.
 */
export async function runServe({ stdin, stdout }: ServeStreams): Promise<void> {
  const session = createServeSession();
  const lines = readProtocolLines(stdin);
  for await (const line of lines) {
    const response = await handleLine(session, line);
    if (!stdout.write(`${response}\n`)) await waitForDrain(stdout);
  }
  await new Promise<void>((resolve, reject) => stdout.write('', (error) => (error ? reject(error) : resolve())));
}

function waitForDrain(stream: Writable): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}
