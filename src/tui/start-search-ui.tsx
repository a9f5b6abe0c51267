import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { render } from 'ink';
import { buildFrontReport } from '../export/front-report.js';
import { toCsv } from '../export/csv.js';
import { toHtml } from '../export/html.js';
import { productionConfigToJson, studyProductionConfig } from '../export/production-config.js';
import type { SearchControl, SearchListener } from '../search/events.js';
import type { Storage } from '../storage/index.js';
import { colorEnabled } from './color.js';
import { createBufferedFeed } from './buffered-feed.js';
import { SearchApp, type KeyActions } from './search-app.js';

/** Key actions `e` and `s`: files in the working directory, named after the study. */
export function createKeyActions(storage: Storage, studyName: string, cwd: string): KeyActions {
  const stored = async () => {
    const study = await storage.getStudy(studyName);
    if (!study) throw new Error(`study ${studyName} not found`);
    return { study, trials: await storage.getTrials(study.id) };
  };
  return {
    async exportFront() {
      const { study, trials } = await stored();
      const front = buildFrontReport(study, trials);
      const html = resolve(cwd, `${studyName}-front.html`);
      const csv = resolve(cwd, `${studyName}-front.csv`);
      await writeFile(html, await toHtml(front));
      await writeFile(csv, toCsv(front));
      return `exported the front to ${studyName}-front.html and ${studyName}-front.csv`;
    },
    async seedProductionConfig() {
      const { study, trials } = await stored();
      const config = studyProductionConfig(study, trials, { kind: 'knee' });
      const path = resolve(cwd, `${studyName}-production.json`);
      await writeFile(path, productionConfigToJson(config));
      return `wrote ${studyName}-production.json (knee: trial #${config.provenance.trialNumber})`;
    },
  };
}

/** What the terminal UI touches of the outside world: the terminal, the environment (for colour) and the folder it writes to. */
export interface TerminalIo {
  stdin: Readable;
  stdout: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Starts the terminal UI for a search on a TTY; `listener` feeds it, `finish` waits until it has drawn the end. */
export function startSearchUi(options: {
  io: TerminalIo;
  control: SearchControl;
  storage: Storage;
  studyName: string;
  /** What a second Ctrl-C does: quit at once. */
  onQuitNow: () => void;
}): {
  listener: SearchListener;
  finish: () => Promise<void>;
} {
  const feed = createBufferedFeed();
  const color = colorEnabled(options.io.env);
  const instance = render(
    <SearchApp feed={feed} control={options.control} actions={createKeyActions(options.storage, options.studyName, options.io.cwd)} color={color} onQuitNow={options.onQuitNow} />,
    { stdout: options.io.stdout as NodeJS.WriteStream, stdin: options.io.stdin as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false },
  );
  // Ask for the exit promise now: if the app exits by itself (search done) before anyone asked, ink resolves
  // nothing, and a later waitUntilExit() would wait forever.
  const exited = instance.waitUntilExit().catch(() => {});
  let finished = false;
  let donePushed = false;
  return {
    listener: (event) => {
      if (event.type === 'done') donePushed = true;
      feed.push(event);
    },
    async finish() {
      if (finished) return;
      finished = true;
      // After a 'done' event the app renders its last frame and exits by itself; otherwise (an error ended the
      // search) there is no last frame to wait for.
      if (!donePushed) instance.unmount();
      // A safety net, not a pause: if the app has not exited a few seconds after 'done', unmount it anyway.
      const fallback = setTimeout(() => instance.unmount(), 5_000);
      await exited;
      clearTimeout(fallback);
    },
  };
}
