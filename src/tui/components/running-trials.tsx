import { Box, Text } from 'ink';
import { formatRecipe, formatTokens } from '../../search/format.js';
import { sparkline } from '../charts.js';
import type { RunningTrialView } from '../search-state.js';

export interface RunningTrialsProps {
  readonly trials: readonly RunningTrialView[];
  readonly budgetTokens: number;
  readonly width: number;
  readonly maxRows: number;
}

/** One line per running trial: recipe, fold progress, tokens vs budget, dev EM sparkline. */
export function RunningTrials(props: RunningTrialsProps) {
  if (props.trials.length === 0) return <Text dimColor>no trial running</Text>;
  const shown = props.trials.slice(0, props.maxRows);
  return (
    <Box flexDirection="column">
      {shown.map((trial) => {
        const tokens = trial.tokensByFold.reduce((a, b) => a + b, 0);
        const budget = props.budgetTokens * Math.max(1, trial.folds);
        const status = `folds ${trial.foldsDone}/${trial.folds} · tokens ${formatTokens(tokens)}/${formatTokens(budget)} · devEM `;
        const spark = sparkline(trial.devEmHistory, 16, { min: 0, max: 1 });
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
