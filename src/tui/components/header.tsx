import { Box, Text } from 'ink';
import { formatDuration } from '../../search/format.js';

export interface HeaderProps {
  readonly study: string;
  readonly task: string;
  readonly backend: string;
  readonly seed: number;
  readonly storage: string;
  readonly elapsedMs: number;
  readonly color: boolean;
  readonly width: number;
}

/** Study, task, backend, seed, storage and elapsed time in one line (two when narrow). */
export function Header(props: HeaderProps) {
  const left = `stopwise · study ${props.study} · task ${props.task} · backend ${props.backend} · seed ${props.seed}`;
  const right = `${props.storage} · ${formatDuration(props.elapsedMs)}`;
  const oneLine = left.length + right.length + 3 <= props.width;
  return (
    <Box flexDirection={oneLine ? 'row' : 'column'} width={props.width}>
      <Text bold color={props.color ? 'cyan' : undefined} wrap="truncate-end">
        {left}
      </Text>
      {oneLine ? <Text> · </Text> : null}
      <Text dimColor wrap="truncate-end">
        {right}
      </Text>
    </Box>
  );
}
