import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../src/search/events.js';
import { createLineReporter } from '../../src/search/line-reporter.js';
import { finished, opened, trial } from '../tui/fixtures.js';

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

  it('says how the task was split when the study opens', () => {
    expect(output([opened()], false)).toMatch(/^data: 12000 distinct lines \(3 duplicate lines removed\); test part 2400/m);
  });

  it('reports each confirmation with the trial number and its test-part figures', () => {
    const confirmation = { tokens: { mean: 11_000, se: 100 }, em: { mean: 0.48, se: 0.01 }, runs: [], testFraction: 0.2, backend: 'cpu', seconds: 2, diverged: false };
    const done = (finished(6, 12_000, 0.5, 1) as { trial: import('../../src/storage/records.js').TrialRecord }).trial;
    const event: SearchEvent = { type: 'confirmed', trial: { ...done, confirmation }, index: 0, total: 2 };
    expect(output([event], false)).toMatch(/^\[confirm 1\/2\] trial #5: tokens 11\.0k ± 100  test EM 0\.480 ± 0\.010/m);
    const [line] = output([event], true).trimEnd().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line).toEqual({ event: 'confirmed', number: 5, confirmed: { tokens: confirmation.tokens, em: confirmation.em, runs: 0 } });
  });

  it('writes JSON lines with the trial number and no storage id', () => {
    const lines = output(events, true).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.number ?? line.trials)).toEqual([5, 6, [7]]);
    for (const line of lines) expect(line).not.toHaveProperty('id');
  });
});
