import { Box, Text } from 'ink';
import { formatRecipe, formatTokens } from '../../search/format.js';
import { sparkline } from '../charts.js';
import { leadingFoldHistory, tokensPerRun, type RunningTrialView } from '../search-state.js';

export interface RunningTrialsProps {
  readonly trials: readonly RunningTrialView[];
  readonly budgetTokens: number;
  readonly width: number;
  readonly maxRows: number;
}

/**
 * One line per running trial: recipe, fold progress, tokens per run (mean over folds) vs the per-run budget, and the
 * dev-EM sparkline of its leading fold (folds train in parallel, each with its own curve).
 */
export function RunningTrials(props: RunningTrialsProps) {
  if (props.trials.length === 0) return <Text dimColor>no trial running</Text>;
  const shown = props.trials.slice(0, props.maxRows);
  return (
    <Box flexDirection="column">
      {shown.map((trial) => {
        const status = `folds ${trial.foldsDone}/${trial.folds} · tokens/run ${formatTokens(tokensPerRun(trial))}/${formatTokens(props.budgetTokens)} · devEM `;
        const spark = sparkline(leadingFoldHistory(trial), 16, { min: 0, max: 1 });
        const recipeWidth = Math.max(12, props.width - status.length - spark.length - 8);
        return (
          <Text key={trial.id} wrap="truncate-end">
            {`#${trial.number} `.padEnd(5)}
            {formatRecipe(trial.params, recipeWidth).padEnd(recipeWidth)} {status}
            {spark}
          </Text>
        );
      })}
      {props.trials.length > shown.length ? <Text dimColor>… {props.trials.length - shown.length} more running</Text> : null}
    </Box>
  );
}
