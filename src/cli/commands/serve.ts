import { InputError } from '../../errors.js';
import { runServe } from '../../serve/index.js';
import type { CommandIo } from '../io.js';
import type { CommandInvocation } from '../command-table.js';

/** `stopwise serve --stdio`: the ask/tell protocol of DESIGN.md on stdin/stdout; never loads TensorFlow. */
export async function serveCommand({ options }: CommandInvocation<'serve'>, io: CommandIo): Promise<number> {
  if (!options.stdio) throw new InputError('serve: --stdio is required (the only transport; see stopwise serve --help)');
  await runServe({ stdin: io.stdin, stdout: io.stdout });
  return 0;
}
