import type { Readable, Writable } from 'node:stream';
import { runServe } from './run-serve.js';

/** The streams `stopwise serve` uses (a subset of the CLI's CommandIo). */
export interface ServeCommandIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const SERVE_USAGE = `usage: stopwise serve --stdio

Language-neutral ask/tell: reads one JSON request per line on stdin and answers one JSON object per line on
stdout, until stdin closes.

  {"op":"create","space":{"params":{…}},"objectives":[{"name":"f1","direction":"minimize"},…],"seed":0}
      optional "sampler" (gp-ehvi, random, sobol) and "refPoint"
  {"op":"ask"}  or  {"op":"ask","n":4}
  {"op":"tell","id":0,"values":[0.31,0.92]}   optional "stderr":[…]; or {"op":"tell","id":0,"state":"failed"}
  {"op":"front"}

A bad line is answered {"ok":false,"error":"…"} and the session goes on.
`;

/**
 * `stopwise serve` with its arguments (the words after `serve`). Returns the exit code: 0 after stdin closes,
 * 2 for bad usage. Loads no TensorFlow: the optimizer stays fast to start for loops in any language.
 */
export async function runServeCommand(argv: readonly string[], io: ServeCommandIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== '--stdio');
  if (unknown.length > 0 || !argv.includes('--stdio')) {
    io.stderr.write(
      `stopwise: serve: ${unknown.length > 0 ? `unknown argument ${unknown[0]}` : 'the only transport is --stdio'}; see stopwise serve --help\n`,
    );
    return 2;
  }
  await runServe({ stdin: io.stdin, stdout: io.stdout });
  return 0;
}
