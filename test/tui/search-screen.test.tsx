import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { SearchScreen } from '../../src/tui/components/search-screen.js';
import { initialSearchViewState, reduceSearchView, type SearchViewState } from '../../src/tui/search-state.js';
import type { SearchEvent } from '../../src/search/events.js';
import { finished, opened, trial } from './fixtures.js';

function stateAfter(events: SearchEvent[]): SearchViewState {
  return events.reduce((state, event) => reduceSearchView(state, { type: 'event', event, now: 60_000 }), initialSearchViewState(0));
}

const busy = stateAfter([
  opened(10),
  finished(1, 400_000, 0.62, 1),
  finished(2, 900_000, 0.95, 2),
  finished(3, 1_200_000, 0.9, 3),
  { type: 'trial-started', trial: trial(4, { 'stopping.rule': 'threshold', 'stopping.target': 0.9, learningRate: 0.01, batchSize: 64 }) },
  { type: 'evaluation', trialId: 4, fold: 0, point: { tokens: 150_000, devEm: 0.3, devLoss: 1 }, budgetTokens: 1_500_000 },
  { type: 'evaluation', trialId: 4, fold: 0, point: { tokens: 300_000, devEm: 0.7, devLoss: 0.5 }, budgetTokens: 1_500_000 },
]);

function frame(state: SearchViewState, columns: number, rows: number, showHelp = false): string {
  const { lastFrame, unmount } = render(<SearchScreen state={state} now={120_000} columns={columns} rows={rows} color={false} showHelp={showHelp} />);
  const text = lastFrame() ?? '';
  unmount();
  return text;
}

describe('SearchScreen', () => {
  it('shows header, progress, the running trial, the front and the keys', () => {
    const text = frame(busy, 100, 30);
    expect(text).toContain('study default');
    expect(text).toContain('backend tensorflow');
    expect(text).toContain('seed 7');
    expect(text).toMatch(/3\/10 trials · ETA/);
    expect(text).toMatch(/#3 +threshold\(target=0\.90\)/);
    expect(text).toMatch(/tokens\/run 100\.0k\/1\.50M/);
    expect(text).toMatch(/front \(2\)/);
    expect(text).toContain('0.950±0.010');
    expect(text).toContain('◆');
    expect(text).toContain('keys: q stop');
  });

  it('fits 80×24 and 160×48 without overlong lines', () => {
    for (const [columns, rows] of [
      [80, 24],
      [160, 48],
    ] as const) {
      const lines = frame(busy, columns, rows).split('\n');
      // Static lines (finished trials) scroll away; the live part must leave a spare row for in-place redraws.
      const live = lines.filter((line) => !line.startsWith('✓'));
      expect(live.length).toBeLessThan(rows);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    }
  });

  it('lists finished trials once, in the static part', () => {
    const text = frame(busy, 100, 30);
    expect(text.match(/✓ trial #0:/g)).toHaveLength(1);
    expect(text.match(/✓ trial #2:/g)).toHaveLength(1);
  });

  it('labels front rows #N and, once stopped by q, says what was saved and how to resume', () => {
    const stopped = [{ type: 'stopping' } as const, { type: 'event', now: 1, event: { type: 'done', complete: 3, target: 10, interrupted: true } } as const].reduce(
      (state, action) => reduceSearchView(state, action),
      busy,
    );
    const text = frame(stopped, 100, 30);
    expect(text).toMatch(/#1 +900\.0k±45\.0k/);
    expect(text).toContain('stopped with 3/10 complete trials saved; run the same command to resume');
    expect(text).not.toMatch(/stopping after/);
  });

  it('shows the key help on ?', () => {
    expect(frame(busy, 100, 30, true)).toMatch(/q stop after the running trials finish/);
  });

});
