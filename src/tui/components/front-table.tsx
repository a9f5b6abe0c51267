import { Box, Text } from 'ink';
import { formatEm, formatRecipe, formatTokens } from '../../search/format.js';
import { frontIndices, type FinishedTrialView } from '../search-state.js';

export interface FrontTableProps {
  readonly trials: readonly FinishedTrialView[];
  readonly width: number;
  readonly maxRows: number;
  readonly hypervolumeSpark: string;
}

/**
 * The front, cheapest first: trial, tokens ± SE, cross-validated EM ± SE (what the search chooses by), the EM
 * confirmed on the test part once confirmation has run (`-` before), recipe.
 */
export function FrontTable(props: FrontTableProps) {
  const front = frontIndices(props.trials).map((i) => props.trials[i]);
  const shown = front.slice(0, props.maxRows);
  const recipeWidth = Math.max(8, props.width - 48);
  return (
    <Box flexDirection="column" width={props.width}>
      <Text bold wrap="truncate-end">
        front ({front.length}) · HV {props.hypervolumeSpark}
      </Text>
      <Text dimColor wrap="truncate-end">
        {'  #  tokens ± SE     CV EM ± SE     test EM     recipe'}
      </Text>
      {shown.map((t) => (
        <Text key={t.id} wrap="truncate-end">
          {String(t.number).padStart(3)}  {`${formatTokens(t.tokens.mean)}±${formatTokens(t.tokens.se)}`.padEnd(13)} {`${formatEm(t.em.mean)}±${formatEm(t.em.se)}`.padEnd(13)}  {(t.confirmed ? formatEm(t.confirmed.em.mean) : '-').padEnd(10)}  {formatRecipe(t.params, recipeWidth)}
        </Text>
      ))}
      {front.length === 0 ? <Text dimColor>  (no finished trial yet)</Text> : null}
      {front.length > shown.length ? <Text dimColor>  … {front.length - shown.length} more</Text> : null}
    </Box>
  );
}
