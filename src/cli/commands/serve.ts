import { runServe } from '../../serve/index.js';
import type { CommandIo } from '../io.js';

/**
 * `stopwise serve --stdio`: the ask/tell protocol of DESIGN.md on stdin/stdout; never loads TensorFlow. Its one
 * option, `--stdio`, is required, and the parser checks it.
 */
export async function serveCommand(_invocation: unknown, io: CommandIo): Promise<number> {
  await runServe({ stdin: io.stdin, stdout: io.stdout });
  return 0;
}
