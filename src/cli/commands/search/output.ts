import { buildFrontReport } from '../../../export/front-report.js';
import type { SearchControl, SearchListener } from '../../../search/events.js';
import { frontLines } from '../../../search/front-lines.js';
import { createLineReporter } from '../../../search/line-reporter.js';
import { write } from '../../io.js';
import type { SearchContext } from './context.js';

/** Where a search's events go, and how to wait until the last of them is shown. */
export interface SearchOutput {
  listener: SearchListener;
  /** Resolves once the output has shown the end (the terminal UI's final frame). */
  finish(): Promise<void>;
  /** Line output ends with the front, as `show` prints it (the terminal UI shows it on screen; JSON lines do not). */
  printsFront: boolean;
}

/** What a second Ctrl-C in the terminal UI does; each flow points it at its own way to stop. */
export interface QuitSwitch {
  now: (signal: NodeJS.Signals) => void;
}

/** The output for the process the user started: the terminal UI, else lines of text, else JSON lines (`--json`). */
export async function startUserOutput(context: SearchContext, control: SearchControl, quit: QuitSwitch): Promise<SearchOutput> {
  const { settings, io, storage } = context;
  if (settings.useTui) {
    const { startSearchUi } = await import('../../../tui/start-search-ui.js');
    const ui = startSearchUi({ io, control, storage, studyName: settings.studyName, onQuitNow: () => quit.now('SIGINT') });
    return { listener: ui.listener, finish: ui.finish, printsFront: false };
  }
  return {
    listener: createLineReporter((text) => io.stdout.write(text), { json: settings.json }),
    finish: async () => {},
    printsFront: !settings.json,
  };
}

/** A pool worker's output: every event as one JSON line on stdout, for the parent process to relay. */
export function workerEventOutput(context: SearchContext): SearchOutput {
  return { listener: (event) => context.io.stdout.write(`${JSON.stringify(event)}\n`), finish: async () => {}, printsFront: false };
}

/** Prints the study's front as `show` does. */
export async function printFront(context: SearchContext): Promise<void> {
  const study = await context.storage.getStudy(context.settings.studyName);
  if (!study) return;
  await write(context.io.stdout, `${frontLines(buildFrontReport(study, await context.storage.getTrials(study.id))).join('\n')}\n`);
}
