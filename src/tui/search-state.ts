import { terminalText } from '../search/format.js';
import type { SearchEvent } from '../search/events.js';
import type { Params } from '../space/types.js';
import type { Estimate } from '../study/types.js';

/**
 * Everything the terminal UI shows, folded from search events by a pure reducer (so it is tested without a
 * terminal). Kept small: the UI never reads storage for its live view.
 */

export interface RunningTrialView {
  id: number;
  number: number;
  params: Params | null;
  startedAt: number;
  foldsDone: number;
  folds: number;
  /** Tokens used so far, per fold (latest dev evaluation). */
  tokensByFold: number[];
  /** Dev EM history of the fold that reported last (for the sparkline). */
  devEmHistory: number[];
}

export interface FinishedTrialView {
  id: number;
  number: number;
  params: Params | null;
  tokens: Estimate;
  em: Estimate;
  diverged: boolean;
  seconds: number;
  finishedAt: number;
}

export interface EventLine {
  at: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface SearchViewState {
  study: string;
  task: string;
  backend: string;
  seed: number;
  storage: string;
  folds: number;
  budgetTokens: number;
  startedAt: number;
  target: number;
  completeAtStart: number;
  complete: number;
  running: RunningTrialView[];
  finished: FinishedTrialView[];
  failed: number;
  /** Hypervolume of the front after each finished trial (in normalized log-tokens × EM, see frontHypervolume). */
  hypervolumeHistory: number[];
  events: EventLine[];
  paused: boolean;
  stopping: boolean;
  done: boolean;
  interrupted: boolean;
  /** Messages from keys (export written to …). */
  notice: string | null;
}

export function initialSearchViewState(now: number): SearchViewState {
  return {
    study: '',
    task: '',
    backend: '',
    seed: 0,
    storage: '',
    folds: 0,
    budgetTokens: 0,
    startedAt: now,
    target: 0,
    completeAtStart: 0,
    complete: 0,
    running: [],
    finished: [],
    failed: 0,
    hypervolumeHistory: [],
    events: [],
    paused: false,
    stopping: false,
    done: false,
    interrupted: false,
    notice: null,
  };
}

const MAX_EVENTS = 50;
const MAX_SPARK = 60;

export type ViewAction =
  | { type: 'event'; event: SearchEvent; now: number }
  | { type: 'stopping' }
  | { type: 'paused'; paused: boolean }
  | { type: 'notice'; text: string; level?: EventLine['level']; now: number };

export function reduceSearchView(state: SearchViewState, action: ViewAction): SearchViewState {
  switch (action.type) {
    case 'stopping':
      return { ...state, stopping: true, notice: 'stopping after the running trials finish…' };
    case 'paused':
      return { ...state, paused: action.paused, notice: action.paused ? 'paused: no new trials will start (p resumes)' : 'resumed' };
    case 'notice':
      return { ...state, notice: action.text, events: pushEvent(state.events, { at: action.now, level: action.level ?? 'info', text: action.text }) };
    case 'event':
      return reduceEvent(state, action.event, action.now);
  }
}

function reduceEvent(state: SearchViewState, event: SearchEvent, now: number): SearchViewState {
  switch (event.type) {
    case 'opened':
      return {
        ...state,
        study: terminalText(event.study.name),
        task: event.task,
        backend: event.backend,
        seed: event.seed,
        storage: event.storageUrl,
        folds: event.folds,
        budgetTokens: event.budgetTokens,
        target: event.target,
        completeAtStart: event.complete,
        complete: event.complete,
        events: event.resumed
          ? pushEvent(state.events, { at: now, level: 'info', text: `resumed study ${event.study.name} with ${event.complete} complete trials` })
          : state.events,
      };
    case 'stale':
      return {
        ...state,
        events: event.trials.reduce(
          (events, t) => pushEvent(events, { at: now, level: 'warn', text: `trial ${t.number} was left by a dead worker: stale, its recipe is asked again` }),
          state.events,
        ),
      };
    case 'trial-started': {
      const view: RunningTrialView = {
        id: event.trial.id,
        number: event.trial.number,
        params: event.trial.params,
        startedAt: now,
        foldsDone: 0,
        folds: state.folds,
        tokensByFold: Array.from({ length: state.folds }, () => 0),
        devEmHistory: [],
      };
      const retry = event.trial.retryOf !== null && event.trial.retryOf !== undefined;
      return {
        ...state,
        running: [...state.running.filter((r) => r.id !== view.id), view],
        events: retry ? pushEvent(state.events, { at: now, level: 'info', text: `trial ${event.trial.number} re-asks a stale trial's recipe` }) : state.events,
      };
    }
    case 'evaluation':
      return {
        ...state,
        running: state.running.map((r) =>
          r.id !== event.trialId
            ? r
            : {
                ...r,
                tokensByFold: r.tokensByFold.map((t, i) => (i === event.fold ? event.point.tokens : t)),
                devEmHistory: [...r.devEmHistory, event.point.devEm].slice(-MAX_SPARK),
              },
        ),
      };
    case 'fold-finished':
      return {
        ...state,
        running: state.running.map((r) =>
          r.id !== event.trialId ? r : { ...r, foldsDone: r.foldsDone + 1, tokensByFold: r.tokensByFold.map((t, i) => (i === event.fold.fold ? event.fold.tokens : t)) },
        ),
      };
    case 'trial-finished': {
      const result = event.trial.result;
      const running = state.running.filter((r) => r.id !== event.trial.id);
      if (!result) return { ...state, running };
      const finished: FinishedTrialView = {
        id: event.trial.id,
        number: event.trial.number,
        params: event.trial.params,
        tokens: result.tokens,
        em: result.em,
        diverged: result.diverged,
        seconds: result.seconds,
        finishedAt: now,
      };
      const all = [...state.finished, finished];
      let events = state.events;
      if (result.diverged) {
        const reasons = result.folds.filter((f) => f.diverged).map((f) => `fold ${f.fold}: ${f.stopReason}`);
        events = pushEvent(events, { at: now, level: 'warn', text: `trial ${event.trial.number} diverged (${reasons.join('; ')})` });
      }
      return {
        ...state,
        running,
        finished: all,
        complete: Math.max(state.complete + 1, event.complete),
        hypervolumeHistory: [...state.hypervolumeHistory, frontHypervolume(all, state.budgetTokens)],
        events,
      };
    }
    case 'trial-failed':
      return {
        ...state,
        running: state.running.filter((r) => r.id !== event.trial.id),
        failed: state.failed + 1,
        events: pushEvent(state.events, { at: now, level: 'error', text: `trial ${event.trial.number} failed: ${event.error}` }),
      };
    case 'waiting':
      return state;
    case 'paused':
      return { ...state, paused: event.paused };
    case 'done':
      return { ...state, done: true, interrupted: event.interrupted, complete: event.complete, running: [] };
  }
}

/** Adds an event line (its text escaped for the terminal: it quotes errors and names), keeping the last MAX_EVENTS. */
function pushEvent(events: EventLine[], line: EventLine): EventLine[] {
  return [...events, { ...line, text: terminalText(line.text) }].slice(-MAX_EVENTS);
}

/**
 * Indices of finished trials on the front: not diverged (a recipe that diverged on any fold is not one to deploy),
 * and no other such trial has tokens ≤ and EM ≥ with one strict.
 */
export function frontIndices(trials: readonly FinishedTrialView[]): number[] {
  const front: number[] = [];
  trials.forEach((a, i) => {
    if (a.diverged) return;
    const dominated = trials.some(
      (b, j) => j !== i && !b.diverged && b.tokens.mean <= a.tokens.mean && b.em.mean >= a.em.mean && (b.tokens.mean < a.tokens.mean || b.em.mean > a.em.mean),
    );
    if (!dominated) front.push(i);
  });
  return front.sort((x, y) => trials[x].tokens.mean - trials[y].tokens.mean);
}

/**
 * Hypervolume of the front for the UI's history sparkline, in (log10 tokens, EM) with the reference point at
 * (just above log10 of the budget, EM 0): only its growth matters to the eye.
 */
export function frontHypervolume(trials: readonly FinishedTrialView[], budgetTokens: number): number {
  const refX = Math.log10(Math.max(budgetTokens, ...trials.map((t) => t.tokens.mean), 10)) + 0.1;
  const front = frontIndices(trials).map((i) => ({ x: Math.log10(Math.max(1, trials[i].tokens.mean)), y: trials[i].em.mean }));
  let area = 0;
  let previousY = 0;
  // Along the front, EM rises with tokens: the strip of EM between consecutive points is dominated from that
  // point's tokens up to the reference.
  for (const point of front) {
    if (point.x >= refX || point.y <= previousY) continue;
    area += (refX - point.x) * (point.y - previousY);
    previousY = point.y;
  }
  return area;
}
