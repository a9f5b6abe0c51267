import { Box, Text } from 'ink';
import type { FrontReport } from '../../export/front-report.js';
import { formatEm, formatRecipe, formatTokens } from '../../search/format.js';

export interface FrontTableProps {
  /** The study's front report (null before the search opened the study). */
  readonly report: FrontReport | null;
  readonly width: number;
  readonly maxRows: number;
  readonly hypervolumeSpark: string;
}

/**
 * The front, cheapest first — the rows `show` marks as on the front: trial, tokens ± SE, cross-validated EM ± SE
 * (what the search chooses by), the EM confirmed on the test part once confirmation has run (`-` before), recipe
 * (a replayed one says which trial's curves scored it).
 */
export function FrontTable(props: FrontTableProps) {
  const front = props.report?.front ?? [];
  const shown = front.slice(0, props.maxRows);
  const recipeWidth = Math.max(8, props.width - 49);
  return (
    <Box flexDirection="column" width={props.width}>
      <Text bold wrap="truncate-end">
        front ({front.length}) · HV {props.hypervolumeSpark}
      </Text>
      <Text dimColor wrap="truncate-end">
        {'   #  tokens ± SE     CV EM ± SE     test EM     recipe'}
      </Text>
      {shown.map((row) => (
        <Text key={row.number} wrap="truncate-end">
          {`#${row.number}`.padStart(4)}  {`${formatTokens(row.tokens.mean)}±${formatTokens(row.tokens.se)}`.padEnd(13)} {`${formatEm(row.em.mean)}±${formatEm(row.em.se)}`.padEnd(13)}  {(row.confirmed ? formatEm(row.confirmed.em.mean) : '-').padEnd(10)}  {replayNote(row.replayedFrom)}{formatRecipe(row.params, recipeWidth)}
        </Text>
      ))}
      {front.length === 0 ? <Text dimColor>  (no finished trial yet)</Text> : null}
      {front.length > shown.length ? <Text dimColor>  … {front.length - shown.length} more</Text> : null}
    </Box>
  );
}

function replayNote(replayedFrom: number | null): string {
  return replayedFrom === null ? '' : `replayed from #${replayedFrom}: `;
}
