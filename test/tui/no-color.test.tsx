import { describe, expect, it } from 'vitest';
import { initialSearchViewState, reduceSearchView } from '../../src/tui/search-state.js';
import { finished, opened } from './fixtures.js';

// chalk decides its colour level when first imported: force colours on for this file, then load ink.
process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { SearchScreen } = await import('../../src/tui/components/search-screen.js');

describe('colour', () => {
  const state = [opened(), finished(1, 1000, 0.5, 1)].reduce(
    (s, event) => reduceSearchView(s, { type: 'event', event, now: 0 }),
    initialSearchViewState(0),
  );
  const frame = (color: boolean) => {
    const { lastFrame, unmount } = render(<SearchScreen state={state} now={1} columns={100} rows={30} color={color} showHelp={false} />);
    const text = lastFrame() ?? '';
    unmount();
    return text;
  };

  it('reads NO_COLOR as no-color.org defines it', async () => {
    const { colorEnabled } = await import('../../src/tui/color.js');
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
  });

  it('colours the screen by default and uses no colour codes when NO_COLOR turns colour off', () => {
    // eslint-disable-next-line no-control-regex
    const colourCode = /\u001b\[3[0-9]m/;
    expect(frame(true)).toMatch(colourCode);
    expect(frame(false)).not.toMatch(colourCode);
  });
});
