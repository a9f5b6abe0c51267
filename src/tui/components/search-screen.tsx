import { Box, Static, Text } from 'ink';
import { formatEm, formatRecipe, formatTokens } from '../../search/format.js';
import { sparkline } from '../charts.js';
import type { FinishedTrialView, SearchViewState } from '../search-state.js';
import { EventsPane } from './events-pane.js';
import { FrontTable } from './front-table.js';
import { Header } from './header.js';
import { KeysHelp, KeysLine } from './keys-help.js';
import { Progress } from './progress.js';
import { RunningTrials } from './running-trials.js';
import { Scatter } from './scatter.js';

export interface SearchScreenProps {
  readonly state: SearchViewState;
  readonly now: number;
  readonly columns: number;
  readonly rows: number;
  readonly color: boolean;
  readonly showHelp: boolean;
}

/**
 * The whole screen, laid out for the terminal's size. Finished trials go to <Static> (printed once, scrolling
 * above); the live part below is kept shorter than the terminal so ink redraws it in place without garbling.
 */
export function SearchScreen(props: SearchScreenProps) {
  const { state, columns, rows } = props;
  const width = Math.max(40, columns - 1);
  const tall = rows >= 40;
  const wide = width >= 120;
  // Rows for the live area: everything but one spare line (ink needs height < rows to update in place).
  const plotHeight = tall ? 14 : 8;
  const runningRows = tall ? 4 : 2;
  const eventRows = tall ? 6 : 2;
  const scatterWidth = wide ? Math.floor(width * 0.45) : Math.floor(width * 0.42);
  const tableWidth = width - scatterWidth - 2;
  const elapsed = props.now - state.startedAt;

  return (
    <Box flexDirection="column" width={width}>
      <Static items={state.finished.map((trial) => trial)}>
        {(trial: FinishedTrialView) => (
          <Text key={trial.id} wrap="truncate-end">
            ✓ trial #{trial.number}: tokens {formatTokens(trial.tokens.mean)} ± {formatTokens(trial.tokens.se)} · EM {formatEm(trial.em.mean)} ±{' '}
            {formatEm(trial.em.se)}
            {trial.diverged ? ' · diverged' : ''} · {formatRecipe(trial.params, Math.max(20, width - 60))}
          </Text>
        )}
      </Static>
      <Header study={state.study} task={state.task} backend={state.backend} seed={state.seed} storage={state.storage} elapsedMs={elapsed} color={props.color} width={width} />
      <Progress
        complete={state.complete}
        target={state.target}
        etaMs={estimateRemainingMs(state, props.now)}
        failed={state.failed}
        paused={state.paused}
        stopping={state.stopping}
        width={width}
        color={props.color}
      />
      <RunningTrials trials={state.running} budgetTokens={state.budgetTokens} width={width} maxRows={runningRows} />
      <Box flexDirection="row" marginTop={0}>
        <Scatter report={state.report} newestNumber={state.finished.at(-1)?.number ?? null} width={scatterWidth} height={plotHeight + 2} color={props.color} />
        <Box marginLeft={2}>
          <FrontTable
            report={state.report}
            width={tableWidth}
            maxRows={plotHeight}
            hypervolumeSpark={sparkline(state.hypervolumeHistory, Math.max(8, tableWidth - 20))}
          />
        </Box>
      </Box>
      <EventsPane events={state.events} maxRows={eventRows} color={props.color} />
      {state.notice ? <Text wrap="truncate-end">{state.notice}</Text> : null}
      {props.showHelp ? <KeysHelp /> : <KeysLine />}
    </Box>
  );
}

/** Time to the target: mean wall time per trial finished in this session × trials left. */
export function estimateRemainingMs(state: SearchViewState, now: number): number | null {
  const finishedHere = state.complete - state.completeAtStart;
  if (finishedHere <= 0) return null;
  const perTrial = (now - state.startedAt) / finishedHere;
  return Math.max(0, state.target - state.complete) * perTrial;
}
