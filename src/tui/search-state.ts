import { buildFrontReport, isEvaluated, TOKENS_EM, type FrontReport } from '../export/front-report.js';
import { formatTokens, terminalText } from '../search/format.js';
import type { SearchEvent } from '../search/events.js';
import type { Params } from '../space/types.js';
import { studyHypervolume } from '../study/front.js';
import type { Estimate, StudyRecord, TrialRecord } from '../storage/records.js';

/**
 * Everything the terminal UI shows, folded from search events by a pure reducer (so it is tested without a
 * terminal). The UI never reads storage for its live view: the complete trials stored when the session opened come
 * with the `opened` event, and its front is the one `show`, `export` and `seed` compute (buildFrontReport).
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
  /** Dev EM history of each fold (folds train in parallel; each has its own curve). */
  devEmByFold: number[][];
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
  /** The study as stored (null before `opened`). */
  studyRecord: StudyRecord | null;
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
  /** Trials finished in this session, in order (the scrolling list above the live view). */
  finished: FinishedTrialView[];
  /** The study's complete trials: those stored when the session opened, then each one finished since. */
  completeTrials: TrialRecord[];
  /** The front report of `completeTrials`; null before `opened`, or when the study has no tokens/em objectives. */
  report: FrontReport | null;
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
    studyRecord: null,
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
    completeTrials: [],
    report: null,
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
  | { type: 'notice'; text: string; now: number };

export function reduceSearchView(state: SearchViewState, action: ViewAction): SearchViewState {
  switch (action.type) {
    case 'stopping':
      return { ...state, stopping: true, notice: 'stopping after the running trials finish…' };
    case 'paused':
      return { ...state, paused: action.paused, notice: action.paused ? 'paused: no new trials will start (p resumes)' : 'resumed' };
    case 'notice':
      // Shown once, on the notice line (the events pane is for what the search itself reports).
      return { ...state, notice: action.text };
    case 'event':
      return reduceEvent(state, action.event, action.now);
  }
}

function reduceEvent(state: SearchViewState, event: SearchEvent, now: number): SearchViewState {
  switch (event.type) {
    case 'opened': {
      const completeTrials = event.trials.filter((trial) => trial.state === 'complete').sort((a, b) => a.number - b.number);
      const report = frontReportOf(event.study, completeTrials);
      // The history the stored trials would have drawn, in the order they were created.
      const history = report
        ? completeTrials.map((_, i) => frontHypervolume(buildFrontReport(event.study, completeTrials.slice(0, i + 1)), event.budgetTokens))
        : [];
      return {
        ...state,
        completeTrials,
        report,
        hypervolumeHistory: history,
        study: terminalText(event.study.name),
        studyRecord: event.study,
        task: event.task,
        backend: event.backend,
        seed: event.seed,
        storage: event.storageUrl,
        folds: event.folds,
        budgetTokens: event.budgetTokens,
        target: event.target,
        completeAtStart: event.complete,
        complete: event.complete,
        events: [
          ...event.dataNotes.map((text) => ({ at: now, level: 'info' as const, text: `data: ${text}` })),
          ...(event.resumed ? [{ at: now, level: 'info' as const, text: `resumed study ${event.study.name} with ${event.complete} complete trials` }] : []),
        ].reduce(pushEvent, state.events),
      };
    }
    case 'stale':
      return {
        ...state,
        events: event.trials.reduce(
          (events, t) => pushEvent(events, { at: now, level: 'warn', text: `trial #${t.number} was left by a dead worker: stale, its recipe is asked again` }),
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
        devEmByFold: Array.from({ length: state.folds }, () => []),
      };
      const retry = event.trial.retryOf !== null && event.trial.retryOf !== undefined;
      return {
        ...state,
        running: [...state.running.filter((r) => r.id !== view.id), view],
        events: retry ? pushEvent(state.events, { at: now, level: 'info', text: `trial #${event.trial.number} re-asks a stale trial's recipe` }) : state.events,
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
                devEmByFold: r.devEmByFold.map((history, i) => (i === event.fold ? [...history, event.point.devEm].slice(-MAX_SPARK) : history)),
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
      const completeTrials = [...state.completeTrials.filter((t) => t.id !== event.trial.id), event.trial];
      const report = state.studyRecord ? frontReportOf(state.studyRecord, completeTrials) : null;
      let events = state.events;
      if (result.diverged) {
        const reasons = result.folds.filter((f) => f.diverged).map((f) => `fold ${f.fold}: ${f.stopReason}`);
        events = pushEvent(events, { at: now, level: 'warn', text: `trial #${event.trial.number} diverged (${reasons.join('; ')})` });
      }
      return {
        ...state,
        running,
        finished: [...state.finished, finished],
        completeTrials,
        report,
        complete: Math.max(state.complete + 1, event.complete),
        hypervolumeHistory: report ? [...state.hypervolumeHistory, frontHypervolume(report, state.budgetTokens)] : state.hypervolumeHistory,
        events,
      };
    }
    case 'trial-pruned':
      return {
        ...state,
        running: state.running.filter((r) => r.id !== event.trial.id),
        complete: Math.max(state.complete + 1, event.complete),
        events: pushEvent(state.events, {
          at: now,
          level: 'info',
          text: `trial #${event.trial.number} pruned: ${event.skippedFolds} of ${state.folds} folds skipped (${event.reason})`,
        }),
      };
    case 'trial-replayed': {
      if (event.replayed.length === 0) return state;
      const ids = new Set(event.replayed.map((trial) => trial.id));
      const completeTrials = [...state.completeTrials.filter((t) => !ids.has(t.id)), ...event.replayed];
      const report = state.studyRecord ? frontReportOf(state.studyRecord, completeTrials) : null;
      return {
        ...state,
        completeTrials,
        report,
        hypervolumeHistory: report ? [...state.hypervolumeHistory, frontHypervolume(report, state.budgetTokens)] : state.hypervolumeHistory,
        events: pushEvent(state.events, { at: now, level: 'info', text: `trial #${event.trial.number}: replayed ${event.replayed.length} rule${event.replayed.length === 1 ? '' : 's'}` }),
      };
    }
    case 'replay-failed':
      return {
        ...state,
        events: pushEvent(state.events, { at: now, level: 'error', text: `trial #${event.trial.number}: replay failed: ${event.error}` }),
      };
    case 'trial-failed':
      return {
        ...state,
        running: state.running.filter((r) => r.id !== event.trial.id),
        failed: state.failed + 1,
        events: pushEvent(state.events, { at: now, level: 'error', text: `trial #${event.trial.number} failed: ${event.error}` }),
      };
    case 'waiting':
      return state;
    case 'done':
      return {
        ...state,
        done: true,
        stopping: false,
        interrupted: event.interrupted,
        complete: event.complete,
        running: [],
        notice: event.interrupted
          ? `stopped with ${event.complete}/${event.target} complete trials saved; run the same command to resume`
          : (event.timeLimitReached ? `time limit reached: ${event.complete}/${event.target} trained trials` : `done: ${event.complete}/${event.target} complete trials`) +
            (event.cost ? ` · search cost ${formatTokens(event.cost.totalTokens)} tokens` : ''),
      };
    case 'confirm-started':
      return {
        ...state,
        notice: event.pending > 0 ? `confirming ${event.pending} front recipes on the test part (${event.repeats} seeds each)…` : state.notice,
      };
    case 'confirming':
      return { ...state, notice: `confirming trial #${event.trial.number} on the test part (${event.index + 1}/${event.total})…` };
    case 'confirmed': {
      const confirmation = event.trial.confirmation;
      if (!confirmation) return state;
      const completeTrials = state.completeTrials.map((t) => (t.id === event.trial.id ? { ...t, confirmation } : t));
      return {
        ...state,
        completeTrials,
        report: state.studyRecord ? frontReportOf(state.studyRecord, completeTrials) : state.report,
        events: pushEvent(state.events, {
          at: now,
          level: 'info',
          text:
            `trial #${event.trial.number} confirmed: test EM ${confirmation.em.mean.toFixed(3)}` +
            (event.trial.result ? ` (cross-validated ${event.trial.result.em.mean.toFixed(3)})` : ''),
        }),
      };
    }
    case 'confirm-done':
      return { ...state, notice: event.interrupted ? 'confirmation interrupted: `stopwise confirm` finishes it' : 'front confirmed on the test part' };
  }
}

/** Adds an event line (its text escaped for the terminal: it quotes errors and names), keeping the last MAX_EVENTS. */
function pushEvent(events: EventLine[], line: EventLine): EventLine[] {
  return [...events, { ...line, text: terminalText(line.text) }].slice(-MAX_EVENTS);
}

/** The front report of the complete trials, or null when the study lacks the tokens and em objectives. */
function frontReportOf(study: StudyRecord, completeTrials: readonly TrialRecord[]): FrontReport | null {
  try {
    return buildFrontReport(study, completeTrials);
  } catch {
    return null;
  }
}

/** The running trial's fold with the most dev evaluations (the lowest such fold on ties): its curve is drawn. */
export function leadingFoldHistory(trial: RunningTrialView): number[] {
  return trial.devEmByFold.reduce((lead, history) => (history.length > lead.length ? history : lead), [] as number[]);
}

/** Tokens one run of the trial has used so far: the mean over its folds (everything else is per run too). */
export function tokensPerRun(trial: RunningTrialView): number {
  return trial.tokensByFold.length === 0 ? 0 : trial.tokensByFold.reduce((a, b) => a + b, 0) / trial.tokensByFold.length;
}

/**
 * Hypervolume of the report's front for the UI's history sparkline: studyHypervolume over (log10 tokens, EM) with
 * the reference point at (just above log10 of the budget or of the costliest trial, EM 0), fixed as the search goes
 * so that the line shows the front's growth (the report's own hypervolume may use an inferred, moving reference).
 */
export function frontHypervolume(report: FrontReport, budgetTokens: number): number {
  const tokens = report.trials.filter(isEvaluated).map((row) => row.tokens.mean);
  const refLogTokens = Math.log10(Math.max(budgetTokens, ...tokens, 10)) + 0.1;
  const front = report.front.map((row) => ({ id: row.id, params: row.params, values: [Math.log10(Math.max(1, row.tokens.mean)), row.em.mean] }));
  return studyHypervolume(front, TOKENS_EM, [refLogTokens, 0]) ?? 0;
}
