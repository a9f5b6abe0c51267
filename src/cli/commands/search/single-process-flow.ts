import type { SearchControl } from '../../../search/events.js';
import type { SearchContext } from './context.js';
import { searchInThisProcess } from './in-process.js';
import { printFront, startUserOutput, type QuitSwitch } from './output.js';

/** `stopwise search` with one worker: trials run here, folds in parallel, then the confirmation and the front. */
export async function runSingleProcessSearch(context: SearchContext): Promise<number> {
  // Load TensorFlow before the terminal UI starts: the native library prints its start-up lines on stderr once.
  const evaluator = await context.createEvaluator(true);
  const control: SearchControl = { stopRequested: false, paused: false };
  const quit: QuitSwitch = { now: () => {} };
  const output = await startUserOutput(context, control, quit);
  await searchInThisProcess(context, { evaluator, output, control, quit, confirm: context.settings.confirm, announceInterrupt: true });
  if (output.printsFront) await printFront(context);
  return 0;
}
