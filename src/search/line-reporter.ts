import type { SearchEvent, SearchListener } from './events.js';
import { confirmationAgreement } from './confirm-front.js';
import { searchCostLine } from './search-cost.js';
import { formatDuration, formatEm, formatEstimate, formatRecipe, formatTokens, terminalText } from './format.js';

/**
 * The search's output without a terminal UI: one line per finished trial (and a few for the session), or, with
 * `json`, one JSON object per event that matters to a machine (finished and failed trials, the end).
 */
export function createLineReporter(write: (text: string) => void, options: { json: boolean; now?: () => number }): SearchListener {
  const now = options.now ?? Date.now;
  const started = now();
  if (options.json) {
    return (event: SearchEvent) => {
      const line = jsonLine(event);
      if (line) write(`${JSON.stringify(line)}\n`);
    };
  }
  return (event: SearchEvent) => {
    const text = humanLine(event, now() - started);
    if (text) write(`${text}\n`);
  };
}

function humanLine(event: SearchEvent, elapsedMs: number): string | null {
  switch (event.type) {
    case 'opened':
      return [
        `study ${terminalText(event.study.name)} (${event.resumed ? `resumed, ${event.complete} complete` : 'new'}) · task ${event.task} · ${event.folds} folds · budget ${formatTokens(event.budgetTokens)} tokens/run`,
        `backend ${event.backend}${event.backendNotes.length ? ` (${event.backendNotes.join('; ')})` : ''} · seed ${event.seed} · storage ${event.storageUrl} · target ${event.target} trials`,
        ...event.dataNotes.map((note) => `data: ${note}`),
        ...(event.replay ? [`replay: curves recorded every ${formatTokens(event.replay.gridEvery)} training tokens · up to ${event.replay.maxPerRun} replayed rules per trained trial · fold racing ${event.replay.racing ? 'on' : 'off'}`] : []),
        ...(event.timeLimitMs ? [`time limit: no trial starts after ${formatDuration(event.timeLimitMs)}`] : []),
      ].join('\n');
    case 'stale':
      return event.trials.map((t) => `trial #${t.number} was left running by a dead worker: marked stale, its recipe will be asked again`).join('\n');
    case 'trial-finished': {
      const result = event.trial.result;
      if (!result) return null;
      const diverged = result.diverged ? ' DIVERGED' : '';
      return `[${event.complete}/${event.target}] trial #${event.trial.number}: tokens ${formatTokens(result.tokens.mean)} ± ${formatTokens(result.tokens.se)}  EM ${formatEm(result.em.mean)} ± ${formatEm(result.em.se)}${diverged}  (${result.seconds.toFixed(1)}s, ${formatDuration(elapsedMs)} elapsed)  ${formatRecipe(event.trial.params)}`;
    }
    case 'trial-pruned': {
      const result = event.trial.result;
      const figures = result ? `: tokens ${formatTokens(result.tokens.mean)}  EM ${formatEm(result.em.mean)} over ${result.folds.length} fold${result.folds.length === 1 ? '' : 's'}` : '';
      return `[${event.complete}/${event.target}] trial #${event.trial.number} pruned${figures}, ${event.skippedFolds} fold${event.skippedFolds === 1 ? '' : 's'} skipped (${event.reason})  ${formatRecipe(event.trial.params)}`;
    }
    case 'trial-replayed':
      return `trial #${event.trial.number}: replayed ${event.replayed.length} rule${event.replayed.length === 1 ? '' : 's'}${event.replayed.length > 0 ? ` (trials ${event.replayed.map((t) => `#${t.number}`).join(' ')})` : ''}`;
    case 'replay-failed':
      return `trial #${event.trial.number}: replay failed: ${terminalText(event.error)}`;
    case 'trial-failed':
      return `trial #${event.trial.number} failed: ${terminalText(event.error)}`;
    case 'done': {
      const end = event.interrupted
        ? `interrupted with ${event.complete}/${event.target} trained trials saved; run the same command to resume`
        : event.timeLimitReached
          ? `time limit reached: ${event.complete}/${event.target} trained trials in ${formatDuration(elapsedMs)}`
          : `done: ${event.complete}/${event.target} complete trials in ${formatDuration(elapsedMs)}`;
      return event.cost ? `${end}\n${searchCostLine(event.cost, formatTokens)}` : end;
    }
    case 'confirm-started':
      return event.pending === 0
        ? `every front recipe (${event.front}) is already confirmed with ${event.repeats}+ seeds`
        : `confirming ${event.pending} of ${event.front} front recipes on the test part: each retrained on the search part with ${event.repeats} seeds`;
    case 'confirmed': {
      const confirmation = event.trial.confirmation!;
      return `[confirm ${event.index + 1}/${event.total}] trial #${event.trial.number}: tokens ${formatEstimate(confirmation.tokens, formatTokens)}  test EM ${formatEstimate(confirmation.em, formatEm)}${confirmation.diverged ? ' DIVERGED' : ''}  (${confirmation.seconds.toFixed(1)}s)`;
    }
    case 'confirm-done':
      return event.interrupted ? 'confirmation interrupted; run `stopwise confirm` to finish it' : 'front confirmed on the test part';
    default:
      return null;
  }
}

function jsonLine(event: SearchEvent): Record<string, unknown> | null {
  switch (event.type) {
    case 'opened':
      return { event: 'opened', study: event.study.name, resumed: event.resumed, complete: event.complete, target: event.target, backend: event.backend, storage: event.storageUrl };
    case 'trial-finished': {
      const result = event.trial.result;
      return {
        event: 'trial',
        number: event.trial.number,
        state: 'complete',
        params: event.trial.params,
        values: result ? { tokens: result.tokens, em: result.em } : null,
        diverged: result?.diverged ?? false,
        backend: result?.backend,
        seconds: result?.seconds,
        complete: event.complete,
        target: event.target,
      };
    }
    case 'trial-pruned': {
      const result = event.trial.result;
      return {
        event: 'trial',
        number: event.trial.number,
        state: 'pruned',
        params: event.trial.params,
        values: result ? { tokens: result.tokens, em: result.em } : null,
        folds: result?.folds.length ?? 0,
        skippedFolds: event.skippedFolds,
        reason: event.reason,
        complete: event.complete,
        target: event.target,
      };
    }
    case 'trial-replayed':
      return {
        event: 'replayed',
        from: event.trial.number,
        trials: event.replayed.map((trial) => ({ number: trial.number, params: trial.params, values: trial.result ? { tokens: trial.result.tokens, em: trial.result.em } : null })),
      };
    case 'replay-failed':
      return { event: 'replay-failed', from: event.trial.number, error: event.error };
    case 'trial-failed':
      return { event: 'trial', number: event.trial.number, state: 'failed', params: event.trial.params, error: event.error };
    case 'stale':
      return { event: 'stale', trials: event.trials.map((t) => t.number) };
    case 'done':
      return {
        event: 'done',
        complete: event.complete,
        target: event.target,
        interrupted: event.interrupted,
        ...(event.timeLimitReached ? { timeLimitReached: true } : {}),
        ...(event.cost ? { cost: event.cost } : {}),
      };
    case 'confirmed':
      return { event: 'confirmed', number: event.trial.number, confirmed: { tokens: event.trial.confirmation!.tokens, em: event.trial.confirmation!.em, runs: event.trial.confirmation!.runs.length } };
    case 'confirm-done':
      return { event: 'confirm-done', interrupted: event.interrupted, agreement: confirmationAgreement(event.front) };
    default:
      return null;
  }
}
