import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../src/search/events.js';
import { createLineReporter } from '../../src/search/line-reporter.js';
import { finished, trial } from '../tui/fixtures.js';

function output(events: SearchEvent[], json: boolean): string {
  let text = '';
  const report = createLineReporter((chunk) => (text += chunk), { json, now: () => 0 });
  for (const event of events) report(event);
  return text;
}

// The fixtures' trial with storage id 6 is the study's trial number 5.
const events: SearchEvent[] = [finished(6, 12_000, 0.5, 1), { type: 'trial-failed', trial: trial(7), error: 'out of memory' }, { type: 'stale', trials: [trial(8)] }];

describe('createLineReporter', () => {
  it('labels trials #number in every line, never by storage id', () => {
    const text = output(events, false);
    expect(text).toMatch(/^\[1\/10\] trial #5: tokens 12\.0k/m);
    expect(text).toMatch(/^trial #6 failed: out of memory$/m);
    expect(text).toMatch(/^trial #7 was left running by a dead worker/m);
  });

  it('writes JSON lines with the trial number and no storage id', () => {
    const lines = output(events, true).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.number ?? line.trials)).toEqual([5, 6, [7]]);
    for (const line of lines) expect(line).not.toHaveProperty('id');
  });
});
