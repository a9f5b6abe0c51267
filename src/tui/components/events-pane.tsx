import { Box, Text } from 'ink';
import type { EventLine } from '../search-state.js';

export interface EventsPaneProps {
  readonly events: readonly EventLine[];
  readonly maxRows: number;
  readonly color: boolean;
}

const LEVEL_COLORS = { info: undefined, warn: 'yellow', error: 'red' } as const;

/** The latest failures, divergences, resumes and stale re-asks. */
export function EventsPane(props: EventsPaneProps) {
  const shown = props.events.slice(-props.maxRows);
  if (shown.length === 0) return null;
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end" color={props.color ? LEVEL_COLORS[line.level] : undefined}>
          {line.level === 'info' ? '•' : '!'} {line.text}
        </Text>
      ))}
    </Box>
  );
}
