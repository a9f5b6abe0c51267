import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { SearchControl, SearchEvent } from '../search/events.js';
import { SearchScreen } from './components/search-screen.js';
import { initialSearchViewState, reduceSearchView, type ViewAction } from './search-state.js';

/** Where the container gets events from and sends key actions to. */
export interface SearchFeed {
  subscribe(listener: (event: SearchEvent) => void): () => void;
}

export interface KeyActions {
  exportFront(): Promise<string>;
  seedProductionConfig(): Promise<string>;
}

export interface SearchAppProps {
  readonly feed: SearchFeed;
  readonly control: SearchControl;
  readonly actions: KeyActions;
  readonly color: boolean;
  /** Milliseconds between clock ticks (elapsed time, ETA). */
  readonly tickMs?: number;
  /** A second Ctrl-C: quit at once, abandoning the running trial (the first one stops as `q` does). */
  readonly onQuitNow?: () => void;
}

/** The one container: holds the view state fed by search events, handles keys; the rest is presentational. */
export function SearchApp(props: SearchAppProps) {
  const [state, dispatch] = useReducer(reduceSearchView, Date.now(), initialSearchViewState);
  const [now, setNow] = useState(Date.now());
  const [showHelp, setShowHelp] = useState(false);
  const { stdout } = useStdout();
  const { exit } = useApp();
  const [size, setSize] = useState({ columns: stdout.columns || 80, rows: stdout.rows || 24 });

  useEffect(() => props.feed.subscribe((event) => dispatch({ type: 'event', event, now: Date.now() })), [props.feed]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), props.tickMs ?? 1000);
    return () => clearInterval(timer);
  }, [props.tickMs]);
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  useEffect(() => {
    if (state.done) exit();
  }, [state.done, exit]);

  const notify = (action: ViewAction) => dispatch(action);
  // A ref, not state: the input handler is rebound only after a render's effects run, so a second Ctrl-C that
  // arrives sooner would still see the count of the first.
  const interrupts = useRef(0);
  useInput((input, key) => {
    // The terminal is in raw mode, so Ctrl-C arrives here as a key rather than as SIGINT.
    if (key.ctrl && input === 'c') {
      if (interrupts.current === 0) {
        props.control.stopRequested = true;
        notify({ type: 'stopping' });
        notify({ type: 'notice', text: 'stopping after the running trial; press Ctrl-C again to quit now', now: Date.now() });
      } else {
        props.onQuitNow?.();
      }
      interrupts.current += 1;
    } else if (input === 'q') {
      props.control.stopRequested = true;
      notify({ type: 'stopping' });
    } else if (input === 'p') {
      props.control.paused = !props.control.paused;
      notify({ type: 'paused', paused: props.control.paused });
    } else if (input === 'e') {
      // Writing the HTML loads the plotting library first, which takes a while: say so at once.
      notify({ type: 'notice', text: 'exporting the front (HTML and CSV)…', now: Date.now() });
      props.actions.exportFront().then(
        (text) => notify({ type: 'notice', text, now: Date.now() }),
        (error: Error) => notify({ type: 'notice', text: `export failed: ${error.message}`, now: Date.now() }),
      );
    } else if (input === 's') {
      notify({ type: 'notice', text: 'seeding a production config (knee policy)…', now: Date.now() });
      props.actions.seedProductionConfig().then(
        (text) => notify({ type: 'notice', text, now: Date.now() }),
        (error: Error) => notify({ type: 'notice', text: `seed failed: ${error.message}`, now: Date.now() }),
      );
    } else if (input === '?') {
      setShowHelp((shown) => !shown);
    }
  });

  return <SearchScreen state={state} now={now} columns={size.columns} rows={size.rows} color={props.color} showHelp={showHelp} />;
}
