import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { SearchApp } from '../../src/tui/search-app.js';
import { createBufferedFeed } from '../../src/tui/buffered-feed.js';
import type { SearchControl } from '../../src/search/events.js';
import { UI_WAIT } from '../helpers/timeouts.js';
import { finished, opened } from './fixtures.js';

describe('SearchApp (container)', () => {
  it('renders events from the feed, including those sent before it mounted', async () => {
    const feed = createBufferedFeed();
    feed.push(opened(4));
    const control: SearchControl = { stopRequested: false, paused: false };
    const app = render(<SearchApp feed={feed} control={control} actions={{ exportFront: async () => 'x', seedProductionConfig: async () => 'y' }} color={false} />);
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/0\/4 trials/), UI_WAIT);
    feed.push(finished(1, 2000, 0.8, 1, 4));
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/1\/4 trials/), UI_WAIT);
    expect(app.lastFrame()).toContain('0.800±0.010');
    app.unmount();
  });

  it('q asks the search to stop, p pauses and resumes, e and s run their actions and show the result', async () => {
    const feed = createBufferedFeed();
    feed.push(opened(4));
    const control: SearchControl = { stopRequested: false, paused: false };
    const calls: string[] = [];
    const app = render(
      <SearchApp
        feed={feed}
        control={control}
        actions={{
          exportFront: async () => {
            calls.push('export');
            return 'exported the front to default-front.html';
          },
          seedProductionConfig: async () => {
            calls.push('seed');
            return 'wrote default-production.json';
          },
        }}
        color={false}
      />,
    );
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/0\/4 trials/), UI_WAIT);
    app.stdin.write('p');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('PAUSED'), UI_WAIT);
    expect(control.paused).toBe(true);
    app.stdin.write('p');
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain('PAUSED'), UI_WAIT);
    expect(control.paused).toBe(false);
    app.stdin.write('e');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('exported the front to default-front.html'), UI_WAIT);
    app.stdin.write('s');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('wrote default-production.json'), UI_WAIT);
    expect(calls).toEqual(['export', 'seed']);
    app.stdin.write('?');
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/p pause \/ resume/), UI_WAIT);
    app.stdin.write('q');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('stopping after the running trials'), UI_WAIT);
    expect(control.stopRequested).toBe(true);
    app.unmount();
  });

  it('e says at once that it is exporting, then shows the outcome once', async () => {
    const feed = createBufferedFeed();
    feed.push(opened(4));
    let finishExport: (text: string) => void = () => {};
    const exportFront = () => new Promise<string>((resolve) => (finishExport = resolve));
    const control: SearchControl = { stopRequested: false, paused: false };
    const app = render(<SearchApp feed={feed} control={control} actions={{ exportFront, seedProductionConfig: async () => 'y' }} color={false} />);
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/0\/4 trials/), UI_WAIT);
    app.stdin.write('e');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('exporting the front (HTML and CSV)…'), UI_WAIT);
    finishExport('exported the front to default-front.html and default-front.csv');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('exported the front to default-front.html'), UI_WAIT);
    expect(app.lastFrame()!.match(/exported the front to/g)).toHaveLength(1);
    app.unmount();
  });

  it('Ctrl-C stops as q does, and a second Ctrl-C quits at once', async () => {
    const feed = createBufferedFeed();
    feed.push(opened(4));
    const control: SearchControl = { stopRequested: false, paused: false };
    let quits = 0;
    const app = render(
      <SearchApp feed={feed} control={control} actions={{ exportFront: async () => 'x', seedProductionConfig: async () => 'y' }} color={false} onQuitNow={() => quits++} />,
    );
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/0\/4 trials/), UI_WAIT);
    app.stdin.write('\u0003');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('press Ctrl-C again to quit now'), UI_WAIT);
    expect(control.stopRequested).toBe(true);
    expect(quits).toBe(0);
    app.stdin.write('\u0003');
    await vi.waitFor(() => expect(quits).toBe(1), UI_WAIT);
    app.unmount();
  });
});
